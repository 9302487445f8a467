# Point properties (and lists of points) on nodes and relationships survive
# a restart: first from the log, then from a snapshot after :checkpoint.
# The dump writes them as point() calls that recreate the same values.
"$TANGLE" g.db -e "CREATE (a:Place {name: 'Malmö', at: point({longitude: 12.994341, latitude: 55.611784}),
  trail: [point({x: 1, y: 2}), point({x: -0.5, y: 1e-3})]})-[:ROUTE {via: point({x: 1, y: 2, z: -3})}]->
  (:Place {name: 'Peak', at: point({longitude: 190, latitude: -45.5, height: 8848})})"
q="MATCH (a:Place)-[r:ROUTE]->(b) RETURN a.at, a.trail, r.via, b.at, b.at.longitude, a.at = point({latitude: 55.611784, longitude: 12.994341}) AS same"
"$TANGLE" g.db --format csv -e "$q"
"$TANGLE" g.db -e ":checkpoint" > /dev/null
"$TANGLE" g.db --format csv -e "$q"
"$TANGLE" g.db --dump
"$TANGLE" g.db --dump | "$TANGLE" --empty --format csv -f - -e "$q"
