// tangle: --empty --format csv --continue
// The planner chooses how to start a pattern by statistics the indexes keep
// (entries, distinct values, the sorted values counted between literal
// bounds). A scan tests each node it reads, about three times the work of
// taking an index entry, so a seek beats a scan of its own label even when
// it finds every node, but a seek finding many nodes loses to the scan of
// a small label; the most selective of two indexes on one node wins, and
// so does the more selective of two nodes' seeks. EXPLAIN shows the
// estimate, and for a scan the seek it beat. As the data change, so do the
// plans; rolled back writes leave the statistics as they were.
CREATE INDEX p_k FOR (p:P) ON (p.k);
CREATE INDEX p_grp FOR (p:P) ON (p.grp);
CREATE INDEX p_flag FOR (p:P) ON (p.flag);
UNWIND range(1, 40) AS i CREATE (:P {k: i, grp: 1, flag: true});
UNWIND range(1, 3) AS i CREATE (:P:Small {k: i, grp: 2, flag: true});
// A selective key: the seek.
EXPLAIN MATCH (p:P) WHERE p.k = 5 RETURN p.k;
// A key nearly every node shares: still the seek, which saves testing it.
EXPLAIN MATCH (p:P) WHERE p.grp = 1 RETURN count(*) AS n;
EXPLAIN MATCH (p:P) WHERE p.flag IS NOT NULL RETURN count(*) AS n;
MATCH (p:P) WHERE p.grp = 1 RETURN count(*) AS n;
// But with a small label on the node too: the scan of that label.
EXPLAIN MATCH (p:P:Small) WHERE p.flag IS NOT NULL RETURN count(*) AS n;
EXPLAIN MATCH (p:P:Small) WHERE p.grp = 2 RETURN count(*) AS n;
MATCH (p:P:Small) WHERE p.flag IS NOT NULL RETURN count(*) AS n;
// A rare value of the same key: the seek again.
EXPLAIN MATCH (p:P) WHERE p.grp = 2 RETURN count(*) AS n;
// A range: counted between its literal bounds.
EXPLAIN MATCH (p:P) WHERE p.k > 35 RETURN p.k;
EXPLAIN MATCH (p:P) WHERE p.k >= 1 RETURN count(*) AS n;
EXPLAIN MATCH (p:P) WHERE 10 <= p.k < 20 RETURN count(*) AS n;
// A range covering nearly all :P nodes loses to a scan of the small label.
EXPLAIN MATCH (p:P:Small) WHERE p.k > 1 RETURN p.k;
MATCH (p:P:Small) WHERE p.k > 1 RETURN p.k ORDER BY p.k;
// Two indexes apply: the more selective one.
EXPLAIN MATCH (p:P) WHERE p.grp = 1 AND p.k = 7 RETURN p.k;
MATCH (p:P) WHERE p.grp = 1 AND p.k = 7 RETURN p.k;
// A value known only when running (a parameter, a variable): an average
// posting (43 entries, 2 values).
EXPLAIN UNWIND [2] AS g MATCH (p:P) WHERE p.grp = g RETURN count(*) AS n;
// ORDER BY on the key: the seek gives the order, which a scan would sort.
// A seek of 11 entries loses to a scan of 3 :Small nodes, but not to that
// scan and a sort.
EXPLAIN MATCH (p:P) WHERE p.k IS NOT NULL RETURN p.k ORDER BY p.k DESC LIMIT 2;
MATCH (p:P) WHERE p.k IS NOT NULL RETURN p.k ORDER BY p.k DESC LIMIT 2;
EXPLAIN MATCH (p:P:Small) WHERE p.k >= 30 RETURN p.k;
EXPLAIN MATCH (p:P:Small) WHERE p.k >= 30 RETURN p.k ORDER BY p.k;
MATCH (p:P:Small) WHERE p.k >= 30 RETURN p.k ORDER BY p.k;
// The data change: every node gets its own grp and the same k.
MATCH (p:P) SET p.grp = p.k * 100 + coalesce(p.grp, 0), p.k = 0;
EXPLAIN MATCH (p:P) WHERE p.grp = 1 AND p.k = 0 RETURN p.grp;
EXPLAIN MATCH (p:P:Small) WHERE p.k = 0 RETURN count(*) AS n;
EXPLAIN MATCH (p:P) WHERE p.grp = 501 RETURN p.grp;
// A rolled back statement leaves the estimates as they were.
MATCH (p:P) SET p.grp = 7 WITH p RETURN 1 / 0;
EXPLAIN MATCH (p:P) WHERE p.grp = 501 RETURN p.grp;
// Two pattern nodes with seeks: the start is the more selective one.
CREATE INDEX a_x FOR (a:A) ON (a.x);
CREATE INDEX b_y FOR (b:B) ON (b.y);
UNWIND range(1, 30) AS i CREATE (:A {x: i % 2})-[:R]->(:B {y: i});
EXPLAIN MATCH (a:A)-[:R]->(b:B) WHERE a.x = 1 AND b.y = 3 RETURN a.x, b.y;
MATCH (a:A)-[:R]->(b:B) WHERE a.x = 1 AND b.y = 3 RETURN a.x, b.y;
MATCH (a:A)-[:R]->(b:B) SET a.x = b.y, b.y = 3;
EXPLAIN MATCH (a:A)-[:R]->(b:B) WHERE a.x = 1 AND b.y = 3 RETURN a.x, b.y;
MATCH (a:A)-[:R]->(b:B) WHERE a.x = 1 AND b.y = 3 RETURN a.x, b.y;
// Relationship indexes: the more selective of two.
CREATE INDEX r_w FOR ()-[r:R]-() ON (r.w);
CREATE INDEX r_v FOR ()-[r:R]-() ON (r.v);
MATCH ()-[r:R]->() SET r.w = 1, r.v = id(r);
EXPLAIN MATCH ()-[r:R]->() WHERE r.w = 1 AND r.v = 5 RETURN count(*) AS n;
MATCH ()-[r:R]->() SET r.w = id(r), r.v = 1;
EXPLAIN MATCH ()-[r:R]->() WHERE r.w = 5 AND r.v = 1 RETURN count(*) AS n;
