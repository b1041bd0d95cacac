// One verification by id.
MATCH (v:Verification {id: $id})
RETURN properties(v) AS verification
