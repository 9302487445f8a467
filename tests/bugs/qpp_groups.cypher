// tangle: --empty --format csv
// Neo4j 5 quantified path patterns: ((a)-[r]->(b) WHERE ...){m,n} between
// juxtaposed nodes; a, r, b are group variables (lists over iterations)
// after the pattern; x is the first iteration's a, y the last one's b.
CREATE (a:S {name: 'A', x: 1})-[:R {w: 1}]->(b:S {name: 'B', x: 2})-[:R {w: 5}]->(c:S {name: 'C', x: 3})-[:R {w: 2}]->(d:S {name: 'D', x: 0}),
       (a)-[:R {w: 9}]->(c), (d)-[:T]->(e:E {name: 'E', x: 7});
// the inner WHERE tests each iteration: C->D (3 > 0) stops a path
MATCH (x {name: 'A'}) ((a)-[:R]->(b) WHERE a.x < b.x){1,3} (y)
RETURN y.name, [n IN a | n.name] AS as, [n IN b | n.name] AS bs ORDER BY y.name, size(as);
// two relationships per iteration, exactly once, with the whole path
MATCH p = (x {name: 'A'}) ((a)-[:R]->(m)-[:R]->(c)){1} (y)
RETURN y.name, length(p) AS len, [n IN nodes(p) | n.name] AS route ORDER BY y.name;
// labels and a property map inside: a one-iteration step to a node with x 3
MATCH (x {name: 'A'}) ((a:S)-[r:R]->(b:S {x: 3})){1} (y) RETURN y.name, [e IN r | e.w] AS ws;
// a fixed relationship after the group
MATCH (x {name: 'B'}) ((a)-[:R]->(b))+ (y)-[:T]->(e:E) RETURN [n IN b | n.name] AS bs, e.name;
// group variables in the WHERE after the pattern
MATCH (x {name: 'A'}) ((a)-[r:R]->(b))+ (y) WHERE all(v IN r WHERE v.w < 6) AND size(r) > 1
RETURN y.name, size(r) AS n ORDER BY n;
// a group alone: its outer nodes are anonymous
MATCH ((a)-[:R]->(b)){3} RETURN [n IN a | n.name] AS as;
// zero iterations: x and y are the same node, the lists empty
MATCH (x {name: 'D'}) ((a)-[:R]->(b)){0,1} (y) RETURN y.name, size(a) AS n;
// relationship uniqueness holds across the whole MATCH: back to B would
// need the relationship s again
MATCH (x {name: 'B'})-[s]-(m) ((a)-[r]-(b)){1} (y) WHERE y = x RETURN count(*) AS back;
EXPLAIN MATCH (x {name: 'A'}) ((a)-[r:R]->(b) WHERE a.x < b.x)+ (y) RETURN y;
