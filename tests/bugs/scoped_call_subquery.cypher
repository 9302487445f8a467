// tangle: --format csv
// Neo4j 5's scoped subqueries CALL (x) { }, CALL () { }, CALL (*) { } and
// OPTIONAL CALL were SyntaxErrors. A scoped subquery sees only what it
// imports; OPTIONAL CALL keeps a row the subquery gives nothing for, its
// columns null; imports must be variable names that exist.
MATCH (p:Person {name: 'Elon Musk'}) CALL (p) { MATCH (p)-[:OWNS]->(f:Firm) RETURN count(f) AS firms } RETURN p.name, firms;
UNWIND [1, 2] AS x CALL () { RETURN 10 AS ten } RETURN x, ten;
UNWIND [1, 2] AS x CALL (*) { RETURN x * 2 AS y } RETURN x, y;
UNWIND [1, 2, 3] AS x OPTIONAL CALL (x) { UNWIND range(1, x - 1) AS i RETURN i } RETURN x, i;
UNWIND [1, 2] AS x CALL { WITH x RETURN x * 3 AS z } RETURN x, z;
UNWIND [1] AS x CALL () { RETURN x AS y } RETURN y;
