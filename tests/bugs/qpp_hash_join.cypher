// tangle: --empty --format csv
// difftest --seed 3 (found while adding quantified path patterns): with the
// group's right node scanned first, the planner joined a build side that
// matched the group from its left node and bound the right node again;
// the self-loop's row was lost. A group is now never split by a hash join.
CREATE (n1:A:C {uid: 1, s: 'a', l: [1]}), (n2:A:B:C {uid: 2, k: 1, s: 'b'}), (n1)-[:T {w: 3}]->(n2), (n1)-[:T {w: 0}]->(n2), (n1)-[:T {w: 0}]->(n1);
MATCH (n0) (()-[]->()){1,2} (n1) WHERE n1 = n0 RETURN n1.s AS c0, n0.k AS c1, n0.k AS c2;
