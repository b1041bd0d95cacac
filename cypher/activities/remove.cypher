// Time travel only (inside its rolled-back transaction): removes activities created since, with
// their links and progress reports. The API itself never deletes an activity (cancel it instead).
UNWIND $ids AS id
MATCH (a:Activity {id: id})
OPTIONAL MATCH (p:Progress)-[:REPORTS_ON]->(a)
DETACH DELETE p, a
RETURN count(*) AS removed
