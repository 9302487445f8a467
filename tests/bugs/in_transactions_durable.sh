# CALL { } IN TRANSACTIONS commits each batch as it goes: when a later
# batch fails (the default ON ERROR FAIL), the batches before it stay
# committed on disk and a reopened database has them; the failing batch
# leaves nothing. Inside BEGIN ... COMMIT it is refused.
"$TANGLE" g.db -e "CREATE CONSTRAINT v_i FOR (v:V) REQUIRE v.i IS UNIQUE"
"$TANGLE" g.db -e "UNWIND [1, 2, 3, 4, 5, 5] AS i CALL (i) { CREATE (:V {i: i}) } IN TRANSACTIONS OF 2 ROWS"
echo "exit $?"
"$TANGLE" g.db --format csv -e "MATCH (v:V) RETURN v.i ORDER BY v.i"
"$TANGLE" g.db -e "UNWIND range(1, 5) AS i CALL (i) { CREATE (:T {i: i}) } IN TRANSACTIONS OF 2 ROWS"
"$TANGLE" g.db -e "BEGIN; UNWIND [1] AS i CALL (i) { CREATE (:T) } IN TRANSACTIONS; ROLLBACK;"
echo "exit $?"
"$TANGLE" g.db --format csv -e "MATCH (t:T) RETURN count(t) AS t"
