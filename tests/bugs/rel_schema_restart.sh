# Relationship indexes and constraints survive a restart: from the log and
# from a snapshot, with their entity, and are in use again at once (seeks,
# violations). A dump writes them back in relationship form.
"$TANGLE" g.db -e "CREATE INDEX road_km FOR ()-[r:ROAD]-() ON (r.km)" \
  -e "CREATE INDEX road_lk FOR ()-[r:ROAD]->() ON (r.lanes, r.km)" \
  -e "CREATE CONSTRAINT road_id FOR ()-[r:ROAD]-() REQUIRE r.id IS UNIQUE" \
  -e "CREATE CONSTRAINT road_km_set FOR ()-[r:ROAD]-() REQUIRE r.km IS NOT NULL" \
  -e "CREATE CONSTRAINT road_km_int FOR ()-[r:ROAD]-() REQUIRE r.km IS :: INTEGER" \
  -e "CREATE CONSTRAINT road_key FOR ()-[r:ROAD]-() REQUIRE (r.id, r.lanes) IS RELATIONSHIP KEY" \
  -e "UNWIND range(1, 20) AS i CREATE (:C {n: i})-[:ROAD {id: i, km: i % 4, lanes: i % 2}]->(:C {n: i + 100})"
echo "-- reopened from the log"
"$TANGLE" g.db --format csv -e "SHOW CONSTRAINTS YIELD name, type, entityType, labelsOrTypes, properties" \
  -e "SHOW INDEXES YIELD name, entityType, properties, owningConstraint" \
  -e "EXPLAIN MATCH (a)-[r:ROAD]->(b) WHERE r.km = 2 RETURN a.n" \
  -e "MATCH (a)-[r:ROAD]->(b) WHERE r.km = 2 RETURN a.n, b.n ORDER BY a.n"
"$TANGLE" g.db -e "MATCH (a:C {n: 1}), (b:C {n: 2}) CREATE (a)-[:ROAD {id: 3, km: 1, lanes: 0}]->(b)" 2>&1 | head -1
"$TANGLE" g.db -e "MATCH (a:C {n: 1}), (b:C {n: 2}) CREATE (a)-[:ROAD {id: 30, lanes: 0}]->(b)" 2>&1 | head -1
echo "-- reopened from a snapshot"
"$TANGLE" g.db -e "MATCH ()-[r:ROAD {id: 4}]->() SET r.km = 9" \
  -e "MATCH ()-[r:ROAD {id: 5}]->() DELETE r" \
  -e "CALL db.checkpoint() YIELD nodes RETURN nodes" --format csv
"$TANGLE" g.db --format csv -e "SHOW CONSTRAINTS YIELD name" -e "SHOW INDEXES YIELD name" \
  -e "EXPLAIN MATCH (a)-[r:ROAD]-(b) WHERE r.lanes = 1 AND r.km >= 3 RETURN r.id" \
  -e "MATCH (a)-[r:ROAD]-(b) WHERE r.lanes = 1 AND r.km >= 3 RETURN r.id, a.n ORDER BY r.id, a.n" \
  -e "MATCH ()-[r:ROAD]->() WHERE r.km = 1 RETURN r.id ORDER BY r.id"
"$TANGLE" g.db -e "MATCH ()-[r:ROAD {id: 6}]->() SET r.km = 'far'" 2>&1 | head -1
echo "-- the dump"
"$TANGLE" g.db --dump | grep -v "^UNWIND\|^  {" | grep "ROAD\|CONSTRAINT\|INDEX"
"$TANGLE" g.db -e "DROP CONSTRAINT road_key" -e "DROP INDEX road_km"
"$TANGLE" g.db --format csv -e "SHOW CONSTRAINTS YIELD name" -e "SHOW INDEXES YIELD name"
