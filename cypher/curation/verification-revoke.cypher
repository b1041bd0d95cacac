// Revokes a verification: it stays in the trail with who revoked it, when and why.
MATCH (v:Verification {id: $id})
SET v += $props
RETURN properties(v) AS verification
