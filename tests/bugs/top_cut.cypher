// tangle: --empty --format csv
// ORDER BY n.key ... LIMIT k over a pattern: once the sort holds its top
// rows, a TopCut just above the scan or expansion that binds n drops the
// rows whose n.key already comes after the last row kept (LSQB's q6r, the
// first 1,000 of 55.6 million matches by ids, went from 3.8 s to 28 ms).
// Ties pass (later keys decide), nulls sort last ascending and first
// descending, SKIP counts in the top; the rows are those of the reference
// plan (--reference-plan), checked when this test was written.
UNWIND range(0, 399) AS i CREATE (:P {id: CASE WHEN i % 50 = 7 THEN null ELSE (i * 131) % 397 END, g: i % 3});
MATCH (a:P), (b:P) WHERE (a.g + 1) % 3 = b.g AND (coalesce(a.id, 0) + coalesce(b.id, 0)) % 11 = 0 CREATE (a)-[:K]->(b);
EXPLAIN MATCH (a:P)-[:K]->(b)-[:K]->(c) RETURN a.id AS x, b.id AS y, c.id AS z ORDER BY x, y, z LIMIT 5;
MATCH (a:P)-[:K]->(b)-[:K]->(c) RETURN a.id AS x, b.id AS y, c.id AS z ORDER BY x, y, z LIMIT 5;
MATCH (a:P)-[:K]->(b)-[:K]->(c) RETURN a.id AS x, b.id AS y, c.id AS z ORDER BY x DESC, y, z DESC SKIP 2 LIMIT 5;
MATCH (a:P)-[:K]->(b)-[:K]->(c) RETURN b.id AS y, a.id AS x, count(*) AS n ORDER BY y LIMIT 3;
MATCH (a:P)-[:K]->(b)-[:K]->(c) WHERE a.id IS NOT NULL AND c.id IS NOT NULL RETURN c.id AS z, a.id AS x ORDER BY z DESC, x LIMIT 4;
MATCH (a:P)-[:K]->(b)-[:K]->(c) WITH a, b, c ORDER BY b.id, a.id, c.id LIMIT 3 RETURN a.id, b.id, c.id;
// Through the outer side of OPTIONAL MATCH, and a cut per key prefix.
EXPLAIN MATCH (a:P)-[:K]->(b) OPTIONAL MATCH (b)-[:K]->(c) WHERE c.g = 1 RETURN a.id AS x, b.id AS y, c.id AS z ORDER BY x DESC, y, z LIMIT 4;
MATCH (a:P)-[:K]->(b) OPTIONAL MATCH (b)-[:K]->(c) WHERE c.g = 1 RETURN a.id AS x, b.id AS y, c.id AS z ORDER BY x DESC, y, z LIMIT 4;
MATCH (a:P)-[:K]->(b) OPTIONAL MATCH (b)-[:K]->(c) WHERE c.g = 2 RETURN b.id AS y, a.id AS x, c.id AS z ORDER BY y, x DESC, z LIMIT 4;
// A statement that writes on the way is not cut: the key could change.
MATCH (a:P)-[:K]->(b) WHERE a.id < 5 SET b.seen = a.id RETURN b.seen AS s, b.id AS y ORDER BY s DESC, y LIMIT 3;
