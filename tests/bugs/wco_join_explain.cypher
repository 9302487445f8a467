// tangle: --empty --format csv
// A node tied to two or more bound nodes is bound by a WcoJoin, which
// intersects their adjacency lists, instead of an Expand and Expand (into)
// checks: triangles, a 4-cycle's closing node, a node closing three
// relationships. Var-length relationships and relationships bound earlier
// never take part.
UNWIND range(1, 30) AS i CREATE (:P {id: i});
MATCH (a:P), (b:P) WHERE a.id < b.id AND (a.id * 7 + b.id * 3) % 5 = 0 CREATE (a)-[:K]->(b);
EXPLAIN MATCH (a:P)-[:K]-(b:P)-[:K]-(c:P)-[:K]-(a) RETURN count(*) AS triangles;
MATCH (a:P)-[:K]-(b:P)-[:K]-(c:P)-[:K]-(a) RETURN count(*) AS triangles;
EXPLAIN MATCH (a:P)-[:K]->(b)-[:K]->(c)<-[:K]-(a), (d)-[:K]->(a), (d)-[:K]->(b), (d)-[:K]->(c) RETURN count(*) AS k4;
MATCH (a:P)-[:K]->(b)-[:K]->(c)<-[:K]-(a), (d)-[:K]->(a), (d)-[:K]->(b), (d)-[:K]->(c) RETURN count(*) AS k4;
EXPLAIN MATCH (a:P)-[:K*1..2]-(b:P)-[:K]-(c:P)-[:K]-(a) RETURN count(*) AS varlen;
