// Node and relationship counts, to check a restore against its backup and to see whether a
// database is empty. Migration records do not count as content (npm run migrate writes them).
CALL () { MATCH (n) WHERE NOT n:Migration RETURN count(n) AS content }
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN nodes, relationships, content
