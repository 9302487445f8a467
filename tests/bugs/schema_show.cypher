// tangle: --empty --format csv --continue
// SHOW INDEXES / CONSTRAINTS / FUNCTIONS / PROCEDURES (Neo4j 5): default
// columns, YIELD *, YIELD ... WHERE ... RETURN, filters before the noun.
CREATE INDEX person_age FOR (p:Person) ON (p.age);
CREATE RANGE INDEX city_name IF NOT EXISTS FOR (c:City) ON (c.name);
CREATE CONSTRAINT person_id FOR (p:Person) REQUIRE p.id IS UNIQUE;
CREATE CONSTRAINT person_name FOR (p:Person) REQUIRE p.name IS NOT NULL;
CREATE CONSTRAINT person_born FOR (p:Person) REQUIRE p.born IS :: INTEGER | FLOAT;
SHOW INDEXES;
SHOW RANGE INDEXES YIELD name, owningConstraint;
SHOW ALL INDEXES WHERE owningConstraint IS NULL;
SHOW TEXT INDEXES;
SHOW INDEXES YIELD * WHERE name = 'city_name';
SHOW INDEXES YIELD name AS index, labelsOrTypes AS on ORDER BY index DESC LIMIT 1 RETURN index, on[0] AS label;
SHOW CONSTRAINTS;
SHOW CONSTRAINTS YIELD name, createStatement;
SHOW UNIQUE CONSTRAINTS YIELD name;
SHOW NODE EXISTENCE CONSTRAINTS YIELD name;
SHOW PROPERTY TYPE CONSTRAINTS YIELD name, propertyType;
SHOW RELATIONSHIP KEY CONSTRAINTS;
SHOW CONSTRAINT YIELD name WHERE name ENDS WITH 'id';
SHOW FUNCTIONS YIELD name, category, isBuiltIn, aggregating WHERE name IN ['toUpper', 'count', 'abs', 'date'];
SHOW USER DEFINED FUNCTIONS;
SHOW FUNCTIONS YIELD name WHERE name STARTS WITH 'toUpper' RETURN count(*) AS n;
SHOW PROCEDURES YIELD name, mode WHERE name IN ['db.labels', 'db.checkpoint'];
SHOW PROCEDURES WHERE name = 'db.labels';
SHOW INDEXES YIELD readCount WHERE readCount > 100;
// Errors: an unknown noun, a filter word that does not fit.
SHOW TABLES;
SHOW UNIQUE INDEXES;
// SHOW, RANGE and the column names stay usable as names.
CREATE (show:Show {range: 1, options: 2}) RETURN show.range AS range, show.options AS options;
