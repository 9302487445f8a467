// tangle: --empty --format csv --continue
// Neo4j 5 (GQL) writes IS for the colon of a label expression; the
// manual's `MATCH (n IS Person)` and `WHERE n IS Person` were syntax
// errors. IS keeps its other meanings (IS NULL, IS :: type, IS NORMALIZED).
CREATE (a IS Person {name: 'Ann'}), (b IS Robot {name: 'Bob'}), (c IS Person&Robot {name: 'Cy'}),
       (a)-[:KNOWS]->(b), (b)-[:LIKES]->(c), (c)-[:KNOWS]->(a);
MATCH (n IS Person) RETURN n.name AS person ORDER BY person;
MATCH (n IS Person|Robot) RETURN count(n) AS either;
MATCH (n IS Person&!Robot) RETURN n.name AS only_person;
MATCH (n) WHERE n IS Robot RETURN n.name AS robot ORDER BY robot;
MATCH (n) RETURN n.name AS name, n IS Person AS person, n IS NULL AS missing, n.name IS :: STRING AS text ORDER BY name;
MATCH (a)-[r IS KNOWS|LIKES]->(b) RETURN a.name AS from, type(r) AS type, b.name AS to ORDER BY from;
MATCH (a)-[r]->(b) WHERE r IS LIKES RETURN a.name AS from, b.name AS to;
MATCH (n) WHERE (n IS Person)-[:KNOWS]->(:Robot) RETURN n.name AS knows_a_robot;
MATCH (n) RETURN [m IN collect(n) WHERE m IS Robot | m.name] AS robots;
MATCH (n {name: 'Ann'}) SET n IS Pilot REMOVE n IS Person RETURN labels(n) AS labels;
MERGE (d IS Robot {name: 'Dee'}) RETURN labels(d) AS labels;
WITH 1 AS is RETURN is;
MATCH (n IS Person:Robot) RETURN n;
CREATE (n IS A|B);
