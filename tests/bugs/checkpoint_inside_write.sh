# CALL db.checkpoint() inside a statement that writes snapshotted the
# statement's uncommitted changes: a failing statement's writes survived,
# and the statement's own log record then clashed with the snapshot. It is
# refused there now; the database keeps exactly what was committed.
"$TANGLE" g.db -e "CREATE (:A {i: 1})"
"$TANGLE" g.db -e "CREATE (n:A {i: 2}) WITH n CALL db.checkpoint() YIELD nodes RETURN n.i, nodes"
echo "exit $?"
"$TANGLE" g.db --format csv -e "MATCH (n:A) RETURN n.i ORDER BY n.i"
