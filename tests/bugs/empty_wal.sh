# A log emptied to zero bytes was taken for an empty log; the next commit
# then wrote records without a header and the database no longer opened.
# A log without its header is damage now, named as such.
"$TANGLE" g.db -e "CREATE (:A {i: 1})"
: > g.db/wal
"$TANGLE" g.db -e "CREATE (:A {i: 2})"
echo "exit $?"
"$TANGLE" g.db --recover 2>&1 | sed 's/ (.*//'
"$TANGLE" g.db.recovered --format csv -e "MATCH (n:A) RETURN n.i"
