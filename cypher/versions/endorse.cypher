// Records a version's endorsement once (the caller checked there was none).
MATCH (v:Version {id: $id})
SET v.endorsementBody = $endorsement.body, v.endorsementDate = $endorsement.date,
    v.endorsementDocumentRef = $endorsement.documentRef,
    v.endorsedAt = $at, v.endorsedBy = $actor
RETURN v {.*} AS version
