// How many action lines the graph holds: 0 means an empty graph that start-up may seed.
MATCH (a:ActionLine) RETURN count(a) AS n
