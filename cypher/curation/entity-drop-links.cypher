// Removes every roadmap link of a live entity being merged away: the caller has written each one's
// state on the survivor (links-put) and recorded both sides in the change log.
MATCH (:Entity {id: $id})-[r:FACILITATES|RESPONSIBLE_FOR]->()
DELETE r
RETURN count(r) AS rows
