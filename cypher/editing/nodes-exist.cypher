// Which of the given ids exist, per label: lets a write name every unknown id (404 / import row errors).
RETURN [id IN $entities WHERE EXISTS { MATCH (:Entity {id: id}) }] AS entities,
       [id IN $actionLines WHERE EXISTS { MATCH (:ActionLine {id: id}) }] AS actionLines,
       [id IN $commitments WHERE EXISTS { MATCH (:GdcCommitment {id: id}) }] AS commitments,
       [id IN $targets WHERE EXISTS { MATCH (:SdgTarget {id: id}) }] AS targets,
       [id IN $goals WHERE EXISTS { MATCH (:Sdg {id: id}) }] AS goals
