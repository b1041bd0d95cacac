// Sets properties ($props; null removes one) on one live node ($label chosen by the caller).
MATCH (n:$($label) {id: $id})
SET n += $props
RETURN n.id AS id
