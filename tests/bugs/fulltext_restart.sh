# Full-text indexes survive a restart, from the log and from a snapshot,
# with their labels or types, keys and analyzer; queries use them at once
# (the postings are rebuilt from the graph). SHOW INDEXES lists them, a
# dump writes them back (and the dump loads), and DROP INDEX is logged
# too.
"$TANGLE" g.db -e "CREATE (:Doc {title: 'Nvidia chips diverted', body: 'H100 shipments went to xAI'}), (:Doc {title: 'Tesla Gigafactory', body: 'the Texas plant'}), (:Post {title: 'Chips to Texas'})-[:CITES {quote: 'chips were diverted'}]->(:Doc {title: 'Emails'})" \
  -e "CREATE FULLTEXT INDEX docs FOR (d:Doc|Post) ON EACH [d.title, d.body] OPTIONS {indexConfig: {\`fulltext.analyzer\`: 'english'}}" \
  -e "CREATE FULLTEXT INDEX quotes FOR ()-[r:CITES]-() ON EACH [r.quote]"
echo "-- reopened from the log"
"$TANGLE" g.db --format csv -e "SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties, options" \
  -e "CALL db.index.fulltext.queryNodes('docs', 'shipment') YIELD node, score RETURN node.title" \
  -e "CALL db.index.fulltext.queryRelationships('quotes', 'diverted') YIELD relationship RETURN relationship.quote"
echo "-- written after the restart, then from a snapshot"
"$TANGLE" g.db -e "CREATE (:Post {title: 'More shipments', body: 'plants in Texas'})" \
  -e "CALL db.checkpoint() YIELD nodes RETURN nodes" --format csv
"$TANGLE" g.db --format csv -e "SHOW FULLTEXT INDEXES YIELD name, createStatement" \
  -e "CALL db.index.fulltext.queryNodes('docs', 'texas plants', {limit: 2}) YIELD node RETURN node.title"
echo "-- the dump"
"$TANGLE" g.db --dump | grep "FULLTEXT"
"$TANGLE" g.db --dump > dump.cypher
"$TANGLE" --empty -f dump.cypher -e "SHOW INDEXES YIELD name, type, labelsOrTypes" --format csv | tail -3
echo "-- dropped, and still dropped after a restart"
"$TANGLE" g.db -e "DROP INDEX quotes"
"$TANGLE" g.db --format csv -e "SHOW INDEXES YIELD name" \
  -e "CALL db.index.fulltext.queryRelationships('quotes', 'diverted') YIELD relationship RETURN relationship.quote" 2>&1
