// tangle: --empty --format csv --continue
// Composite indexes ON (n.a, n.b): they hold the nodes having every key,
// so the planner seeks them only with a predicate on each key, = on the
// first (then anything on the next: a range, IN, IS NOT NULL). Composite
// uniqueness and node keys (unique, and every key present).
CREATE INDEX name_age FOR (p:Person) ON (p.name, p.age);
UNWIND range(1, 30) AS i CREATE (:Person {name: 'n' + (i % 3), age: i % 7, x: i});
CREATE (:Person {name: 'n1'}), (:Person {name: 'n1', age: 2.0}), (:Person {name: 'n1', age: '2'});
EXPLAIN MATCH (p:Person) WHERE p.name = 'n1' AND p.age > 3 RETURN p.x;
MATCH (p:Person) WHERE p.name = 'n1' AND p.age > 3 RETURN p.age, count(*) AS n ORDER BY p.age;
EXPLAIN MATCH (p:Person {name: 'n1', age: 2}) RETURN count(*) AS n;
MATCH (p:Person {name: 'n1', age: 2}) RETURN count(*) AS n;
MATCH (p:Person) WHERE p.name = 'n1' AND p.age IS NOT NULL RETURN count(*) AS n;
MATCH (p:Person) WHERE p.name = 'n1' AND p.age IN [1, 2, '2'] RETURN p.age, count(*) AS n ORDER BY p.age;
MATCH (p:Person) WHERE p.name = 'n1' AND p.age < '3' RETURN p.age;
// Not every key, or no = on the first: no seek (a node without age counts).
EXPLAIN MATCH (p:Person) WHERE p.name = 'n1' RETURN count(*) AS n;
MATCH (p:Person) WHERE p.name = 'n1' RETURN count(*) AS n;
EXPLAIN MATCH (p:Person) WHERE p.name STARTS WITH 'n' AND p.age = 1 RETURN count(*) AS n;
SHOW INDEXES YIELD name, properties;
CREATE INDEX FOR (p:Person) ON (p.age, p.age);
// Composite uniqueness, node keys.
CREATE CONSTRAINT city FOR (c:City) REQUIRE (c.name, c.country) IS UNIQUE;
CREATE CONSTRAINT book FOR (b:Book) REQUIRE (b.isbn, b.edition) IS NODE KEY;
CREATE CONSTRAINT car FOR (c:Car) REQUIRE c.vin IS NODE KEY;
CREATE (:City {name: 'Paris', country: 'FR'}), (:City {name: 'Paris', country: 'US'}), (:City {name: 'Paris'}), (:City {name: 'Paris'});
CREATE (:City {name: 'Paris', country: 'FR'});
CREATE (:Book {isbn: 1, edition: 1}), (:Book {isbn: 1, edition: 2});
CREATE (:Book {isbn: 1, edition: 1.0});
CREATE (:Book {isbn: 2});
MATCH (b:Book {isbn: 1, edition: 2}) REMOVE b.edition;
MATCH (b:Book {isbn: 1, edition: 2}) REMOVE b:Book RETURN b.isbn;
CREATE (:Car);
CREATE (:Car {vin: 'x'}), (:Car {vin: 'x'});
CREATE (:Truck);
CREATE CONSTRAINT truck FOR (t:Truck) REQUIRE t.vin IS NODE KEY;
CREATE CONSTRAINT bad FOR (p:Person) REQUIRE p.x IS NODE KEEY;
CREATE CONSTRAINT bad FOR (p:Person) REQUIRE (p.x, q.y) IS UNIQUE;
SHOW CONSTRAINTS YIELD name, type, properties, ownedIndex;
SHOW KEY CONSTRAINTS YIELD name, createStatement;
