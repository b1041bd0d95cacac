// Deletes links inside the caller's write transaction. $keys as in get.cypher.
// `deleted` lets the caller check that every link was found.
UNWIND $keys AS k
MATCH (:$(k.fromLabel) {id: k.from})-[r:$(k.type)]->(:$(k.toLabel) {id: k.to})
DELETE r
RETURN count(*) AS deleted
