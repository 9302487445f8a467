// tangle: --empty --format csv
// A uniqueness constraint where one already exists under another name:
// the error must name the existing constraint.
CREATE CONSTRAINT person_id FOR (p:Person) REQUIRE p.id IS UNIQUE;
CREATE CONSTRAINT ON (p:Person) ASSERT p.id IS UNIQUE;
