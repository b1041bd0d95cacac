// Appends security events, numbered in order by the SecurityLog node (its write lock orders them).
MERGE (l:SecurityLog {id: 'security'})
  ON CREATE SET l.seq = 0
WITH l
UNWIND $events AS event
SET l.seq = l.seq + 1
CREATE (e:SecurityEvent)
SET e = event, e.seq = l.seq
RETURN count(e) AS appended
