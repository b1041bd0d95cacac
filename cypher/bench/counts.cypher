// bench:scale — the size of the graph: nodes and relationships (the seed has 535 and 747).
RETURN COUNT { MATCH (n) } AS nodes, COUNT { MATCH ()-[r]->() } AS relationships
