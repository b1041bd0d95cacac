// The properties of one link; $type, $fromLabel, $toLabel from the link registry. No row when it does not exist.
MATCH (:$($fromLabel) {id: $from})-[r:$($type)]->(:$($toLabel) {id: $to})
RETURN properties(r) AS props
