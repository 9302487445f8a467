// tangle: --empty --format csv --continue
// Range indexes (CREATE [RANGE] INDEX): the planner seeks them for =, IN,
// <, <=, >, >=, two-bound ranges, STARTS WITH and IS NOT NULL, and EXPLAIN
// names the index and the predicate. A seek returns exactly what the
// predicate keeps: numbers compare with numbers (1 = 1.0), strings with
// strings, nothing matches across types, NaN and null bounds match nothing.
CREATE RANGE INDEX person_age FOR (p:Person) ON (p.age);
CREATE INDEX person_name FOR (p:Person) ON (p.name);
UNWIND range(1, 12) AS i CREATE (:Person {age: i, name: 'p' + i});
CREATE (:Person {age: 4.5, name: 'half'}), (:Person {age: '7', name: 'seven'}),
       (:Person {age: 0.0 / 0.0, name: 'nan'}), (:Person {age: [1, 2], name: 'list'}),
       (:Person {name: 'none'}), (:Other {age: 5});
EXPLAIN MATCH (p:Person) WHERE p.age > 3 AND p.age <= 6 RETURN p.age;
MATCH (p:Person) WHERE p.age > 3 AND p.age <= 6 RETURN p.age ORDER BY p.age;
MATCH (p:Person) WHERE 10 < p.age RETURN p.age ORDER BY p.age;
MATCH (p:Person) WHERE p.age < 2 RETURN p.age;
MATCH (p:Person) WHERE p.age >= 11.5 RETURN p.age;
EXPLAIN MATCH (p:Person) WHERE p.age >= toInteger("11") RETURN p.age;
MATCH (p:Person) WHERE p.age >= toInteger("11") RETURN p.age;
MATCH (p:Person) WHERE p.age >= '5' RETURN p.age;
MATCH (p:Person) WHERE p.age < 'a' AND p.age > '' RETURN p.age;
MATCH (p:Person) WHERE p.age > 3 AND p.age < '9' RETURN p.age;
MATCH (p:Person) WHERE p.age > null RETURN p.age;
MATCH (p:Person) WHERE p.age > 0.0 / 0.0 RETURN p.age;
MATCH (p:Person) WHERE p.age = 0.0 / 0.0 RETURN p.age;
MATCH (p:Person) WHERE p.age >= [1] RETURN p.age;
MATCH (p:Person) WHERE p.age = 3.0 RETURN p.age;
EXPLAIN MATCH (p:Person) WHERE p.name STARTS WITH 'p1' RETURN p.name;
MATCH (p:Person) WHERE p.name STARTS WITH 'p1' RETURN p.name ORDER BY p.name;
MATCH (p:Person) WHERE p.name STARTS WITH '' RETURN count(*) AS n;
MATCH (p:Person) WHERE p.age STARTS WITH '7' RETURN p.name;
EXPLAIN MATCH (p:Person) WHERE p.age IN [1, 2, 2.0, null, '3'] RETURN p.age;
MATCH (p:Person) WHERE p.age IN [1, 2, 2.0, null, '3', 12] RETURN p.age ORDER BY p.age;
MATCH (p:Person) WHERE p.age IN [] RETURN p.age;
MATCH (p:Person) WHERE p.age IN null RETURN p.age;
MATCH (p:Person) WHERE p.age IN 3 RETURN p.age;
EXPLAIN MATCH (p:Person) WHERE p.name IS NOT NULL RETURN count(*) AS n;
MATCH (p:Person) WHERE p.name IS NOT NULL RETURN count(*) AS n;
MATCH (p:Person) WHERE p.age IS NOT NULL RETURN count(*) AS n;
// The seek sees writes made earlier in the same statement, and rollbacks.
CREATE (:Person {age: 100}) WITH 1 AS x MATCH (p:Person) WHERE p.age >= 100 RETURN p.age;
MATCH (p:Person {age: 100}) SET p.age = 'x' RETURN p.name;
MATCH (p:Person) WHERE p.age >= 100 RETURN p.age;
MATCH (p:Person) WHERE p.age = 'x' SET p.age = 1 / 0;
MATCH (p:Person) WHERE p.age = 'x' RETURN count(*) AS n;
MATCH (p:Person) WHERE p.age > 11 DETACH DELETE p;
MATCH (p:Person) WHERE p.age > 10 RETURN p.age;
SHOW INDEXES YIELD name, readCount WHERE readCount > 0 RETURN name ORDER BY name;
// ORDER BY on the indexed key: the seek gives the order, no Sort (IN lists
// and aggregations still sort). Strings sort before numbers ascending.
EXPLAIN MATCH (p:Person) WHERE p.age >= 9 RETURN p.age ORDER BY p.age;
MATCH (p:Person) WHERE p.age >= 9 RETURN p.age ORDER BY p.age;
EXPLAIN MATCH (p:Person) WHERE p.age < 4 RETURN p.age AS a ORDER BY a DESC LIMIT 2;
MATCH (p:Person) WHERE p.age < 4 RETURN p.age AS a ORDER BY a DESC LIMIT 2;
MATCH (p:Person) WHERE p.age IS NOT NULL RETURN p.age ORDER BY p.age;
MATCH (p:Person) WHERE p.age IS NOT NULL RETURN p.age ORDER BY p.age DESC LIMIT 3;
EXPLAIN MATCH (p:Person) WHERE p.age IN [3, 1] RETURN p.age ORDER BY p.age;
MATCH (p:Person) WHERE p.age IN [3, 1] RETURN p.age ORDER BY p.age;
EXPLAIN UNWIND [3, 5] AS x MATCH (p:Person) WHERE p.age > x RETURN x, p.age ORDER BY p.age;
