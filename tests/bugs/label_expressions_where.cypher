// tangle: --empty --continue
// Neo4j 5 label expressions outside patterns: n:A|B (or), n:A&B (and),
// n:!A (not), n:% (any label), groups in parentheses, in WHERE, RETURN
// and comprehensions; on a relationship they test its type (r:KNOWS|LIKES).
// In a comprehension the last '|' is its separator: [x IN l WHERE x:A|B | x].
// Nodes: 1 :A, 2 :B, 3 :A:B, 4 :C, 5 no label.
CREATE (:A {n: 1}), (:B {n: 2}), (:A:B {n: 3}), (:C {n: 4}), ({n: 5});
MATCH (n) WHERE n:A|B RETURN collect(n.n) AS a_or_b;
MATCH (n) WHERE n:A|:C RETURN collect(n.n) AS a_or_c;
MATCH (n) WHERE n:A&B RETURN collect(n.n) AS a_and_b;
MATCH (n) WHERE n:!A RETURN collect(n.n) AS not_a;
MATCH (n) WHERE n:% RETURN collect(n.n) AS any_label;
MATCH (n) WHERE n:!% RETURN collect(n.n) AS no_label;
MATCH (n) WHERE n:(A|C)&!B RETURN collect(n.n) AS grouped;
MATCH (n) WHERE n.n % 2 = 1 AND n:A|C RETURN collect(n.n) AS odd_a_or_c;
MATCH (n) RETURN n.n, n:A|B AS ab, n:A:B AS both, n:!B AS not_b ORDER BY n.n;
// comprehensions: the separator, and a filter that ends in a label
MATCH (n) WITH collect(n) AS ns
RETURN [x IN ns WHERE x:A|B | x.n] AS sep_after_or,
       [x IN ns WHERE x:A | x.n] AS sep_after_label,
       [x IN ns | x:A|C] AS label_in_projection,
       size([x IN ns WHERE x:A|B]) AS filter_only;
MATCH (n) WHERE any(x IN [n] WHERE x:C|B) RETURN collect(n.n) AS quantifier;
MATCH (n) RETURN count{ (n) WHERE n:A|B } AS k, count(*) AS nodes ORDER BY k;
// relationship types
MATCH (a:A {n: 1}), (b:B {n: 2}), (c:C)
CREATE (a)-[:KNOWS {w: 1}]->(b), (a)-[:LIKES {w: 2}]->(b), (b)-[:HATES {w: 3}]->(c);
MATCH ()-[r]->() WHERE r:KNOWS|LIKES RETURN collect(r.w) AS known_or_liked;
MATCH ()-[r]->() WHERE r:!KNOWS RETURN collect(r.w) AS not_known;
MATCH ()-[r]->() WHERE r:KNOWS&LIKES RETURN count(*) AS never;
MATCH ()-[r]->() WHERE r:% RETURN count(*) AS every;
MATCH ()-[r]->() RETURN r.w, r:$(['KNOWS']) AS k, r:$any(['LIKES', 'HATES']) AS lh ORDER BY r.w;
MATCH (a)-[r]->(b) RETURN [x IN [a, r, b] WHERE x:KNOWS|A | coalesce(x.w, x.n)] AS mixed ORDER BY r.w;
// a name that is neither a label nor a type is warned about
MATCH (n) WHERE n:A|Nope RETURN count(*) AS n;
// errors
RETURN 1:A;
MATCH (n) WHERE n:A| RETURN n;
