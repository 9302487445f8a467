// tangle: --empty --format csv
// Found by tests/tools/difftest (seed 1): a hash join's build side took
// on a second join for a node outside its part (n2, hidden while the build
// side was planned), so n2 was never bound and no row came out.
CREATE (:N {i: 1});
WITH 1 AS k MATCH (a:N {i: k}), (b:N {i: k}) RETURN a.i, b.i;
CREATE (n4:B {uid: 4, k: 2, s: 'b'}), (n5:A:B:C {uid: 5, k: 0, s: 'c', l: [1, 2]}), (n4)-[:R {w: 3}]->(n5);
WITH 2 AS u MATCH (n0:A)<-[]-(n1 {k: u}) MATCH (n2:B) WHERE n0.k = n2.k RETURN n0.l AS c0, n1.uid AS c1, n2.uid AS c2;
