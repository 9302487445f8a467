// tangle: --empty --format csv --continue
// Neo4j 5 constraints: existence (IS NOT NULL) and property type (IS ::)
// beside uniqueness. A statement that breaks one fails, naming the
// constraint, the node and the value, and changes nothing; creating one
// over data that breaks it fails and leaves nothing behind.
CREATE CONSTRAINT person_name FOR (p:Person) REQUIRE p.name IS NOT NULL;
CREATE CONSTRAINT person_age FOR (p:Person) REQUIRE p.age IS :: INTEGER;
CREATE CONSTRAINT tags FOR (p:Person) REQUIRE p.tags IS :: LIST<STRING NOT NULL>;
CREATE (:Person {name: 'Ann', age: 30, tags: ['a', 'b']});
CREATE (:Person {name: 'Bob'});
CREATE (:Person {age: 3});
CREATE (:Person {name: 'Cy', age: 3.5});
CREATE (:Person {name: 'Cy', tags: [1, 2]});
MATCH (p:Person {name: 'Ann'}) REMOVE p.name;
MATCH (p:Person {name: 'Ann'}) SET p.age = '30';
MATCH (p:Person {name: 'Bob'}) SET p.age = 41;
CREATE (n:Robot) SET n:Person;
CREATE (n:Robot {name: 'R2'}) SET n:Person;
MATCH (p:Person) REMOVE p:Person SET p:Former REMOVE p.name;
MATCH (p) RETURN labels(p) AS labels, p.name AS name, p.age AS age ORDER BY name;
// Nodes without the label are free.
CREATE (:Robot {age: 'old'});
// Creating over data that breaks it.
CREATE CONSTRAINT robot_age FOR (r:Robot) REQUIRE r.age IS :: INTEGER;
CREATE CONSTRAINT robot_name FOR (r:Robot) REQUIRE r.name IS NOT NULL;
CREATE CONSTRAINT former FOR (f:Former) REQUIRE f.name IS NOT NULL;
CREATE CONSTRAINT bad_type FOR (p:Person) REQUIRE p.age IS :: MAP;
CREATE CONSTRAINT person_name2 FOR (p:Person) REQUIRE p.name IS NOT NULL;
CREATE CONSTRAINT IF NOT EXISTS FOR (p:Person) REQUIRE p.name IS NOT NULL;
CREATE CONSTRAINT odd FOR (p:Person) REQUIRE p.name STARTS WITH 'x';
SHOW CONSTRAINTS YIELD name, type, propertyType;
DROP CONSTRAINT person_name;
CREATE (:Person {age: 5});
DROP INDEX person_age;
DROP CONSTRAINT person_age;
CREATE (:Person {age: 'five'});
MATCH (p:Person) RETURN p.age AS age ORDER BY age;
SHOW CONSTRAINTS YIELD name;
