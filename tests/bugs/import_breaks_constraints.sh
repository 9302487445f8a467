# An import into a database whose constraints the imported data breaks
# (existence, property type or key constraints, on nodes or relationships,
# and uniqueness of relationships) used to be kept, and the database then
# could not be opened again ("the index or constraint ... cannot be
# rebuilt"). Now the import fails, naming the constraint, and loads nothing.
printf 'id:ID,name\n1,a\n2,\n' > P.csv
printf 'id:ID,name\n1,a\n2,b\n' > Q.csv
printf ':START_ID,:END_ID,w:int\n1,2,5\n2,1,\n' > R.csv
printf ':START_ID,:END_ID,w:int\n1,2,5\n2,1,5\n' > S.csv
printf ':START_ID,:END_ID,w:int\n1,2,5\n2,1,6\n' > T.csv
"$TANGLE" a.db -e "CREATE CONSTRAINT p_name FOR (p:P) REQUIRE p.name IS NOT NULL"
"$TANGLE" a.db --nodes P=P.csv 2>&1
"$TANGLE" a.db --format csv -e "MATCH (n) RETURN count(n) AS nodes"
"$TANGLE" b.db -e "CREATE CONSTRAINT r_w FOR ()-[r:R]-() REQUIRE r.w IS NOT NULL" \
  -e "CREATE INDEX r_w_index FOR ()-[r:R]-() ON (r.w)"
"$TANGLE" b.db --nodes Q=Q.csv --relationships R=R.csv 2>&1
"$TANGLE" c.db -e "CREATE CONSTRAINT r_u FOR ()-[r:R]-() REQUIRE r.w IS UNIQUE"
"$TANGLE" c.db --nodes Q=Q.csv --relationships R=S.csv 2>&1
echo "-- data that keeps the constraints loads, and the index is sought"
"$TANGLE" b.db --nodes Q=Q.csv --relationships R=T.csv 2>&1 | sed 's/in [0-9.]* s/in T s/'
"$TANGLE" b.db --format csv -e "MATCH (a)-[r:R]->(b) WHERE r.w = 6 RETURN a.name, b.name" \
  -e "CALL db.checkIntegrity()"
