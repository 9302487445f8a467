// tangle: --empty --format csv
// Found by tests/tools/difftest (seed 2): the same equality on an outer
// variable written twice (property map and WHERE) made the build side of
// the first hash join probe a second one with `u`, which a build side
// never has: no rows instead of two.
CREATE (n4:C {uid: 4, k: 1, s: 'c'});
UNWIND [0, 1, 1, null] AS u MATCH (n0 {k: u}) WHERE n0.k = n0.k AND n0.k = u RETURN u AS c0;
MATCH (n) DETACH DELETE n;
CREATE (n4:B:D {uid: 4, k: 2, s: 'c'}), (n7:A {uid: 7, k: 1, s: 'c', l: [3, 0]}), (n7)-[:R]->(n4);
WITH 2 AS u MATCH (:A)-[]->(n0:A|B), (n1 {k: u}) WHERE n0 = n1 RETURN count(*) AS c0;
