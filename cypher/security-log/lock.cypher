// Taken first by every API key write: the write lock on the one SecurityLog node makes key writes
// run one at a time, so two admins cannot each revoke the other's key and leave no admin.
MERGE (l:SecurityLog {id: 'security'})
  ON CREATE SET l.seq = 0
SET l.lockedAt = $at
