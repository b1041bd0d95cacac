// Sets properties ($props; null removes one) on one link; $type, $fromLabel, $toLabel from the link registry.
MATCH (:$($fromLabel) {id: $from})-[r:$($type)]->(:$($toLabel) {id: $to})
SET r += $props
RETURN count(r) AS written
