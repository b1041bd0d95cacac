// How many unrevoked verifications an element still has (its `verified` flag follows this).
MATCH (v:Verification {target: $target})
WHERE v.revokedAt IS NULL
RETURN count(v) AS active
