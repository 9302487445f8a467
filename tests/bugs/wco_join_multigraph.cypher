// tangle: --empty --format csv
// WcoJoin (a node bound by intersecting the adjacency of two or more bound
// nodes) on a multigraph: parallel relationships multiply the rows,
// a self-loop matches once under an undirected pattern, relationship
// uniqueness holds within a clause only, and labels, type lists and
// relationship properties filter as the Expand chain it replaces did.
// Checked against the reference plan (tangle --reference-plan).
CREATE (a:P {id: 1}), (b:P {id: 2}), (c:P {id: 3}), (d:Q {id: 4}),
  (a)-[:K {w: 1}]->(b), (a)-[:K {w: 2}]->(b), (b)-[:K {w: 3}]->(c), (c)-[:K {w: 4}]->(a),
  (a)-[:K {w: 5}]->(a), (c)-[:L {w: 6}]->(d), (d)-[:K {w: 7}]->(a), (b)-[:L {w: 8}]->(d),
  (d)-[:K {w: 9}]->(d);
MATCH (x)-[r1:K]-(y)-[r2:K]-(z)-[r3:K]-(x)
RETURN x.id AS x, y.id AS y, z.id AS z, r1.w AS r1, r2.w AS r2, r3.w AS r3
ORDER BY x, y, z, r1, r2, r3;
MATCH (x:P)-[:K]->(y)-[:K]->(z)-[:K]->(x) RETURN count(*) AS directed;
MATCH (x)-[:K|L]-(y)-[:K|L]-(z)-[:K|L]-(x) WHERE z:Q RETURN count(*) AS typeList;
MATCH (x)-[:K]-(y) MATCH (y)-[:K]-(z) MATCH (z)-[:K]-(x) RETURN count(*) AS clauses;
MATCH (x)-[:K {w: 1}]-(y)-[:K]-(z)-[r:K]-(x) RETURN count(*) AS props, min(r.w) AS lo, max(r.w) AS hi, sum(r.w) AS total;
MATCH (x)-[r1]-(y)-[r2]-(z)-[r3]-(w)-[r4]-(x) RETURN count(*) AS fourCycles;
MATCH (x)-[r]->(y) WITH x, y, r LIMIT 1 MATCH (x)-[r]->(y)-[:K]-(z)-[:K]-(x) RETURN count(*) AS boundRel;
