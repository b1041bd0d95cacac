// The properties of one live node ($label: GdcCommitment or Entity, chosen by the caller). No row when it does not exist.
MATCH (n:$($label) {id: $id})
RETURN properties(n) AS props
