// tangle: --empty --format csv
// Grouped by one property of a node, an Aggregate remembers each node's
// group in a small direct-mapped cache (op_aggregate.c). Two nodes that
// share a cache entry (ids 16,384 apart) must not share a group, a
// subquery's Aggregate run again per outer row must not reuse the groups
// of an earlier run, and a write below the Aggregate turns the cache off.
UNWIND range(0, 39999) AS i CREATE (:N {g: i % 7, h: CASE WHEN i < 16384 THEN 'low' ELSE 'high' END});
MATCH (n:N) RETURN n.h AS h, count(*) AS c ORDER BY h;
MATCH (n:N) RETURN n.g AS g, count(*) AS c, sum(n.g) AS s ORDER BY g;
UNWIND [2, 5] AS x CALL { WITH x MATCH (n:N) WHERE n.g < x RETURN n.h AS h, count(*) AS c } RETURN x, h, c ORDER BY x, h;
MATCH (n:N) WHERE n.g = 0 SET n.h = 'zero' WITH n RETURN n.h AS h, count(*) AS c ORDER BY h;
