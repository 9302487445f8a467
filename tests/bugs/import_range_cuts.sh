# Three ways a large CSV file cut into ranges for parallel parsing went
# wrong. (1) The header was skipped only as the first record of the first
# range: when the blank lines before it filled that range, the header was
# loaded as a node. (2) The id table was sized from the rows in the first
# 64 KiB, so short rows there and long ones after made it reserve more
# than the memory limit and fail an import that fits. (3) A field past its
# limit in a later range named the line its quote opened on counted from
# the range's start.
awk 'BEGIN { for (i = 0; i < 40; i++) print ""; print "id:ID,name"; print "1,a"; print "2,b" }' > blank.csv
TANGLE_IMPORT_CHUNK=8 "$TANGLE" --format csv --nodes N=blank.csv -e "MATCH (n) RETURN n.id, n.name ORDER BY n.id" 2>&1 \
  | sed 's/in [0-9.]* s/in T s/'
awk 'BEGIN { print "id:ID,name"; for (i = 0; i < 20000; i++) print i ",a";
             s = "b"; while (length(s) < 500) s = s s;
             for (i = 20000; i < 36000; i++) print i "," s }' > skew.csv
"$TANGLE" --max-memory 32MB --format csv --nodes N=skew.csv -e "MATCH (n) RETURN count(n), max(size(n.name))" 2>&1 \
  | sed 's/in [0-9.]* s/in T s/'
awk 'BEGIN { print "id:ID,name"; for (i = 0; i < 200; i++) print i ",x" i;
             s = "q"; while (length(s) < 1200000) s = s s; print "999,\"" s "\""; print "1000,y" }' > long.csv
TANGLE_IMPORT_CHUNK=512 "$TANGLE" --csv-max-field 1M --nodes N=long.csv -e "RETURN 1" 2>&1
