// tangle: --empty --format csv --continue
// Neo4j 5 forms that were SyntaxErrors or that Neo4j refuses and we took:
// trim(BOTH|LEADING|TRAILING c FROM s); INSERT (GQL's CREATE); UNION inside
// CALL { }, EXISTS { }, COUNT { } and COLLECT { }; a WITH or UNWIND in a
// subquery expression shadowing an outer variable; an importing WITH with
// WHERE, aliases or ORDER BY; a property list of mixed types or with null.
RETURN trim(BOTH 'x' FROM 'xxaxx') AS both, trim(LEADING 'x' FROM 'xxaxx') AS leading,
       trim(TRAILING 'x' FROM 'xxaxx') AS trailing, trim('x' FROM 'xax') AS plain,
       trim(BOTH FROM '  a  ') AS spaces, trim(LEADING FROM '  a ') + '|' AS lead_spaces,
       trim(BOTH null FROM 'a') AS null_char, trim('x' FROM null) AS null_source;
WITH 1 AS both RETURN trim(toString(both)) AS still_a_variable;
RETURN trim('xy' FROM 'xya');
RETURN substring('a' FROM 'b');
INSERT (a:Person&Actor {name: 'Ann', age: 30})-[:KNOWS {since: 2001}]->(b:Person {name: 'Bob', age: 20}),
       (:City {name: 'Oslo'});
MATCH (p:Person) RETURN p.name, labels(p) AS labels ORDER BY p.name;
CALL { MATCH (p:Person) RETURN p.name AS n ORDER BY p.age LIMIT 1 UNION MATCH (c:City) RETURN c.name AS n }
RETURN n ORDER BY n;
MATCH (p:Person) CALL (p) { RETURN p.age AS v UNION ALL RETURN p.age * 2 AS v }
RETURN p.name, collect(v) AS vs ORDER BY p.name;
MATCH (p:Person)
RETURN p.name,
       COUNT { MATCH (p)-[:KNOWS]->(x) RETURN x UNION MATCH (p)<-[:KNOWS]-(x) RETURN x } AS neighbours,
       EXISTS { MATCH (p)-[:KNOWS]->() RETURN 1 AS k UNION MATCH (p:Actor) RETURN 1 AS k } AS knows_or_acts,
       COLLECT { MATCH (p)--(x) RETURN x.name AS m UNION RETURN 'self' AS m } AS names
ORDER BY p.name;
RETURN COUNT { RETURN 1 AS a UNION RETURN 1 AS a } AS distinct_rows, COUNT { RETURN 1 AS a UNION ALL RETURN 1 AS a } AS all_rows;
CALL { RETURN 1 AS a UNION RETURN 2 AS b } RETURN a;
CALL { CREATE (:Z) UNION CREATE (:Z) } RETURN 1;
WITH 1 AS person RETURN COUNT { WITH 'Ozzy' AS person RETURN person } AS c;
WITH 1 AS x RETURN COUNT { UNWIND [1, 2] AS x RETURN x } AS c;
WITH 1 AS x RETURN COUNT { WITH x UNWIND [1, 2] AS y RETURN y } AS passes_through, COLLECT { WITH 2 AS y RETURN y AS x } AS return_names_free;
UNWIND [1, 2] AS x CALL { WITH x WHERE x > 1 RETURN x AS y } RETURN y;
UNWIND [1, 2] AS x CALL { WITH x AS z RETURN z AS y } RETURN y;
UNWIND [1, 2] AS x CALL { WITH x ORDER BY x LIMIT 1 RETURN x AS y } RETURN y;
UNWIND [1, 2] AS x CALL { WITH x WITH x WHERE x > 1 RETURN x AS y } RETURN y;
UNWIND [1, 2] AS x CALL { WITH 5 AS z RETURN z + x AS y } RETURN y;
CREATE (n {p: [1, 'a']});
MATCH (n:Person {name: 'Ann'}) SET n.p = [1, 2.5];
MATCH (n:Person {name: 'Ann'}) SET n += {p: [1, null]};
MATCH (n:Person {name: 'Ann'}) SET n.p = [date('2024-01-02'), date('2025-03-04')], n.q = [] RETURN n.p, n.q;
UNWIND [1, 2] AS x CALL { RETURN x * 3 AS z } RETURN x, z;
UNWIND [1, 2] AS x CALL { WITH * RETURN x * 3 AS z } RETURN x, z;
