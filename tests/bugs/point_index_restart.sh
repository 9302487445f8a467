# A point index survives a restart (log and snapshot) and is sought again;
# the dump writes it back.
"$TANGLE" g.db -e "CREATE POINT INDEX place_p FOR (n:Place) ON (n.p)" \
  -e "UNWIND range(0, 4) AS x UNWIND range(0, 4) AS y CREATE (:Place {n: x * 10 + y, p: point({x: x, y: y})})" \
  -e "CREATE (:Place {n: 99, p: point({longitude: 10, latitude: 50})})"
echo "-- reopened from the log"
"$TANGLE" g.db --format csv -e "SHOW INDEXES YIELD name, type, indexProvider" \
  -e "EXPLAIN MATCH (n:Place) WHERE point.distance(n.p, point({x: 2, y: 2})) < 1.1 RETURN n.n" \
  -e "MATCH (n:Place) WHERE point.distance(n.p, point({x: 2, y: 2})) < 1.1 RETURN n.n ORDER BY n.n"
echo "-- reopened from a snapshot"
"$TANGLE" g.db -e "MATCH (n:Place {n: 22}) SET n.p = point({x: 40, y: 40})" \
  -e "CALL db.checkpoint() YIELD nodes RETURN nodes" --format csv
"$TANGLE" g.db --format csv \
  -e "MATCH (n:Place) WHERE point.withinBBox(n.p, point({x: 1, y: 1}), point({x: 3, y: 2})) RETURN n.n ORDER BY n.n" \
  -e "MATCH (n:Place) WHERE point.withinBBox(n.p, point({longitude: 9, latitude: 49}), point({longitude: 11, latitude: 51})) RETURN n.n"
"$TANGLE" g.db --dump | grep "INDEX"
