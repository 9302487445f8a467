# Index and constraint definitions survive a restart: from the log (the
# SCHEMA2 record) and from a snapshot (format 2), with their kinds,
# property types and the sorted order the range seeks walk.
"$TANGLE" g.db -e "CREATE RANGE INDEX person_age FOR (p:Person) ON (p.age)" \
  -e "CREATE CONSTRAINT person_id FOR (p:Person) REQUIRE p.id IS UNIQUE" \
  -e "CREATE CONSTRAINT person_name FOR (p:Person) REQUIRE p.name IS NOT NULL" \
  -e "CREATE CONSTRAINT person_born FOR (p:Person) REQUIRE p.born IS :: INTEGER | LIST<INTEGER NOT NULL>" \
  -e "UNWIND range(1, 5) AS i CREATE (:Person {id: i, name: 'p' + i, age: 10 * i, born: 1990 + i})"
echo "-- reopened from the log"
"$TANGLE" g.db --format csv -e "SHOW CONSTRAINTS YIELD name, type, propertyType" \
  -e "SHOW INDEXES YIELD name, type, owningConstraint" \
  -e "MATCH (p:Person) WHERE p.age >= 30 RETURN p.id ORDER BY p.id"
"$TANGLE" g.db -e "CREATE (:Person {id: 9, born: 2000})" 2>&1 | head -1
"$TANGLE" g.db -e "CREATE (:Person {id: 9, name: 'x', born: '2000'})" 2>&1 | head -1
echo "-- reopened from a snapshot"
"$TANGLE" g.db -e "CALL db.checkpoint() YIELD nodes RETURN nodes" --format csv
"$TANGLE" g.db --format csv -e "SHOW CONSTRAINTS YIELD name, type, propertyType" \
  -e "SHOW INDEXES YIELD name" \
  -e "EXPLAIN MATCH (p:Person) WHERE p.age < 25 RETURN p.id" \
  -e "MATCH (p:Person) WHERE p.age < 25 RETURN p.id ORDER BY p.id"
"$TANGLE" g.db -e "MATCH (p:Person {id: 1}) REMOVE p.name" 2>&1 | head -1
"$TANGLE" g.db -e "CREATE (:Person {id: 1, name: 'dup'})" 2>&1 | head -1
"$TANGLE" g.db -e "DROP CONSTRAINT person_name" -e "DROP INDEX person_age"
"$TANGLE" g.db --format csv -e "SHOW CONSTRAINTS YIELD name" -e "SHOW INDEXES YIELD name"
