// tangle: --empty --format csv
// WcoJoin with long adjacency lists (hashed rather than walked), parallel
// relationships and self-loops among them, and one to three legs; the
// counts were checked against the reference plan (tangle --reference-plan).
UNWIND range(1, 40) AS i CREATE (:N {id: i, k: i % 3});
MATCH (a:N), (b:N) WHERE a.id <= b.id AND (a.id * b.id) % 3 <> 1 CREATE (a)-[:K {w: (a.id + b.id) % 4}]->(b);
MATCH (a:N), (b:N) WHERE a.id < b.id AND (a.id + b.id) % 7 = 0 CREATE (b)-[:K {w: 1}]->(a), (a)-[:L]->(b);
MATCH (a:N)-[:K]-(b:N)-[:K]-(c:N)-[:K]-(a) RETURN count(*) AS triangles;
MATCH (a:N)-[:K]->(b)-[:K]->(c)<-[:K]-(a) RETURN count(*) AS directed;
MATCH (a:N)-[:K]-(b)-[:K {w: 1}]-(c)-[:K|L]-(a) WHERE c.k = 1 RETURN a.k AS k, count(*) AS n ORDER BY k;
MATCH (a:N)-[:K]-(b)-[:K]-(c)-[:K]-(d)-[:K]-(a) WHERE a.id = 5 RETURN count(*) AS fourCycles;
MATCH (a:N)-[:K]->(b)-[:K]->(c), (d)-[:K]->(a), (d)-[:K]->(b), (d)-[:K]->(c) WHERE a.id < 8 RETURN count(*) AS k4;
MATCH (a:N)-[:K]-(b) MATCH (b)-[:K]-(c) MATCH (c)-[:K]-(a) WHERE a.id < 10 RETURN count(*) AS clauses;
