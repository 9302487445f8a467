// tangle: --empty --format csv
// Neo4j 5's dynamic property keys, SET n[key] = v and REMOVE n[key], were
// SyntaxErrors. The key is computed per row; it must be a STRING.
CREATE (:A {x: 1, y: 2}), (:A {x: 3, y: 4});
MATCH (n:A) SET n['s' + toString(n.x)] = n.y RETURN properties(n) AS p ORDER BY n.x;
MATCH (n:A) WITH n, CASE WHEN n.x = 1 THEN 'x' ELSE 'y' END AS k REMOVE n[k] RETURN properties(n) AS p ORDER BY p.s1;
MERGE (m:B {id: 1}) ON CREATE SET m['created' + 'At'] = 2024 RETURN properties(m) AS p;
MATCH (n:A) WITH n, [1] AS k SET n[k[0]] = 2;
