# A counting or top-rows query split between workers reported the error
# of whichever share failed: this statement's own share if it failed at
# all, so a partner that met the earliest bad node lost to a later one and
# the message changed from run to run. Now the error is the one a single
# worker meets first (the lowest scanned node), and a failing share stops
# the others from taking blocks past its node.
"$TANGLE" p.db -e "UNWIND range(0, 199999) AS i CREATE (:P {i: i, s: CASE WHEN i >= 100000 AND i % 1500 = 0 THEN 'bad' + i ELSE '2020-01-01' END})" >/dev/null
for threads in 1 4 4 4 4 4 4 4 4; do
  "$TANGLE" p.db --threads $threads -e "MATCH (n:P) RETURN count(date(n.s))" 2>&1 | head -1
  "$TANGLE" p.db --threads $threads -e "MATCH (n:P) RETURN n.i, date(n.s) AS d ORDER BY d LIMIT 3" 2>&1 | head -1
done | sort | uniq -c
