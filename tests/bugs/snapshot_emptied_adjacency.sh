# A node whose last relationship was deleted keeps an adjacency buffer
# with no groups; the snapshot wrote it as a one-word list, and opening
# the database then refused that list as malformed. Such a list is now
# written as empty.
"$TANGLE" g.db -e "CREATE (:A)-[:R]->(:B)" -e "MATCH ()-[r:R]->() DELETE r"
"$TANGLE" g.db -e "MATCH (n) RETURN labels(n) AS l ORDER BY l" -e "CALL db.checkIntegrity()"
