# A reader that opened a snapshot just before a checkpoint replaced it,
# and then the new, still empty log, saw an older graph as if whole: the
# log did not say where it begins. It does now, and such a pair is a gap
# (a reader beside a writer tries again; alone, the database is damaged).
"$TANGLE" g.db -e "CREATE (:A)"
cp g.db/snapshot old-snapshot
"$TANGLE" g.db -e "CREATE (:B)"
cp old-snapshot g.db/snapshot
"$TANGLE" g.db --read-only -e "MATCH (n) RETURN labels(n)"
echo "exit $?"
