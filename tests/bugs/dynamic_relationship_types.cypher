// tangle: --empty --continue --format csv
// Matching a relationship by a dynamic type, -[r:$(e)]- / $all(e) (every
// name is its type) or $any(e) (one is), was an error: the expansion takes
// every type and tests each relationship (also in var-length, shortest
// path, pattern predicates and MERGE).
CREATE (a:P {name: 'a'})-[:KNOWS {w: 1}]->(b:P {name: 'b'})-[:LIKES]->(c:P {name: 'c'}), (a)-[:LIKES]->(c), (c)-[:OWES]->(a);
MATCH (x)-[r:$('KNOWS')]->(y) RETURN x.name, type(r), y.name;
WITH 'LIKES' AS t MATCH (x)-[r:$(t)]->(y) RETURN x.name, y.name ORDER BY x.name;
MATCH (x)-[r:$any(['KNOWS', 'OWES'])]->(y) RETURN x.name, type(r) ORDER BY x.name;
MATCH (x)-[r:$all(['LIKES', 'LIKES'])]->(y) RETURN count(r) AS same_twice;
MATCH (x)-[r:$(['LIKES', 'KNOWS'])]->(y) RETURN count(r) AS two_types_none;
MATCH (x)-[r:$('KNOWS') {w: 1}]->(y) RETURN count(r) AS with_props;
MATCH p = (x {name: 'a'})-[:$any(['KNOWS', 'LIKES'])*1..2]->(y) RETURN y.name, length(p) ORDER BY length(p), y.name;
MATCH (x {name: 'a'}), (y {name: 'c'}) MATCH p = shortestPath((x)-[:$('LIKES')*]-(y)) RETURN length(p);
MATCH (x {name: 'a'}) RETURN COUNT { (x)-[:$('LIKES')]->() } AS c;
MATCH (x)-[r:$(5)]->(y) RETURN r;
MERGE (x:P {name: 'a'})-[r:$('KNOWS')]->(y:P {name: 'b'}) RETURN type(r);
MERGE (x:P {name: 'a'}) MERGE (y:P {name: 'd'}) MERGE (x)-[r:$('NEW')]->(y) RETURN type(r);
MATCH ()-[r:NEW]->() RETURN count(r);
EXPLAIN MATCH (x)-[r:$('KNOWS')]->(y) RETURN x;
