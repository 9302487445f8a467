// tangle: --empty --format csv
// FINISH (a query that returns nothing) and NODETACH DELETE (Neo4j 5)
// were SyntaxErrors. FINISH must be last; NODETACH DELETE refuses a node
// that still has relationships, as DELETE does.
CREATE (:A {x: 1}), (:A {x: 2})-[:R]->(:B);
MATCH (a:A) SET a.seen = true FINISH;
MATCH (a:A) FINISH;
MATCH (a:A) WHERE a.x = 1 NODETACH DELETE a;
MATCH (n) RETURN labels(n) AS l, n.x, n.seen ORDER BY n.x;
MATCH (a:A) NODETACH DELETE a;
