// How many versions exist (the next id) and whether $name is taken.
OPTIONAL MATCH (v:Version)
WITH count(v) AS total, sum(CASE WHEN v.name = $name THEN 1 ELSE 0 END) AS taken
RETURN total, taken > 0 AS nameTaken
