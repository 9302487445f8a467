// tangle: --empty --format csv
// Under ORDER BY n.key ... LIMIT, the scan binding n reads the nodes in
// key order (a heap; ties in id order) and the TopCut above it ends the
// scan at the first node whose key comes after the sort's cut (LSQB's
// q2r: 45 ms to 4 ms). Only the first key may end the scan: a node tying
// on it but past the cut on a later key is dropped, and the scan goes on
// (here the smallest s comes late among the 3,000 nodes tying on k).
// Nulls sort last ascending, first descending. The rows are those of
// the reference plan (--reference-plan), checked when this was written.
UNWIND range(0, 2999) AS i CREATE (:A {k: CASE WHEN i % 1000 = 999 THEN null ELSE i % 2 END, s: (i * 7919 + 11) % 3001, uid: i});
EXPLAIN MATCH (a:A) RETURN a.k AS k, a.s AS s ORDER BY k, s LIMIT 2;
MATCH (a:A) RETURN a.k AS k, a.s AS s ORDER BY k, s LIMIT 2;
MATCH (a:A) RETURN a.k AS k, a.s AS s, a.uid AS u ORDER BY k DESC, s DESC LIMIT 4;
MATCH (a:A) RETURN a.k AS k, a.uid AS u ORDER BY k, u DESC SKIP 3 LIMIT 2;
MATCH (a:A) WHERE a.s % 2 = 0 RETURN a.s AS s ORDER BY s DESC LIMIT 3;
