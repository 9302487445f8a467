# Quantified path patterns and path selectors: the forms Neo4j refuses are
# refused with a message and the place; the new keywords stay usable as names.
"$TANGLE" --empty -e "MATCH (a)-[:R]->{3,1}(b) RETURN a"
"$TANGLE" --empty -e "MATCH SHORTEST 1 (a)-->(b) RETURN a"
"$TANGLE" --empty -e "MATCH (x) ((a)-->(b) WHERE a.v > x.v)+ (y) RETURN y"
"$TANGLE" --empty -e "MATCH (a) ((a)-->(b))+ (y) RETURN y"
"$TANGLE" --empty -e "MATCH (a)(b) RETURN a"
"$TANGLE" --empty -e "MATCH ((a)((b)-->(c))+)+ RETURN a"
"$TANGLE" --empty -e "MATCH ((a)-[*1..2]->(b))+ RETURN a"
"$TANGLE" --empty -e "MATCH (a)-[*1..2]->{2}(b) RETURN a"
"$TANGLE" --empty -e "MATCH ANY 0 (a)-->+(b) RETURN a"
"$TANGLE" --empty -e "CREATE (a)-[:R]->{2}(b)"
"$TANGLE" --empty -e "MATCH SHORTEST 1 (a)-->+(b), (c) RETURN a"
"$TANGLE" --empty --format csv -e "CREATE (path:P {shortest: 1, groups: 2, group: 3, paths: 4, any: 5})-[:R]->(:P) WITH path AS shortest MATCH path = (shortest)-->(groups) RETURN shortest.shortest + shortest.groups + shortest.group + shortest.paths + shortest.any AS s, length(path) AS len"
