// tangle: --empty --continue --format csv --param x=5
// Neo4j 5's dynamic labels and types were SyntaxErrors: $(e) and $all(e)
// name every label the expression gives (a string or a list of strings),
// $any(e) one of them; in CREATE, SET, REMOVE, MATCH and label tests;
// a created relationship's type by $(e). For matching a relationship
// type: see dynamic_relationship_types.cypher.
WITH 'Person' AS l CREATE (n:$(l) {name: 'Ann'}) RETURN labels(n) AS labels;
CREATE (n:$(['Person', 'Actor']):Extra {name: 'Bob'}) RETURN labels(n) AS labels;
UNWIND [{name: 'Cy', kind: 'Robot'}, {name: 'Di', kind: 'Person'}] AS row CREATE (n:$(row.kind) {name: row.name});
MATCH (n:$('Person')) RETURN n.name ORDER BY n.name;
MATCH (n:$all(['Person', 'Actor'])) RETURN n.name;
MATCH (n:$any(['Robot', 'Actor'])) RETURN n.name ORDER BY n.name;
MATCH (n) WHERE n:$('Robot') RETURN n.name;
WITH 'Actor' AS l MATCH (n:Person:$(l)) RETURN n.name;
MATCH (n {name: 'Ann'}) SET n:$(toUpper('vip')) RETURN labels(n);
MATCH (n {name: 'Ann'}) REMOVE n:$(['VIP', 'Nothing']) RETURN labels(n);
MATCH (a {name: 'Ann'}), (b {name: 'Bob'}) WITH a, b, 'KNOWS' AS t CREATE (a)-[r:$(t) {since: 2020}]->(b) RETURN type(r);
MATCH (a {name: 'Ann'}) MATCH (a)-[:KNOWS]->(x) RETURN x.name;
MATCH (a {name: 'Ann'})-->(x:$('Actor')) RETURN count(*) AS c;
CREATE (n:$(1));
CREATE (n:$(''));
CREATE (n:$(null));
CREATE (n:$any(['A']));
MATCH (a)-[r:$('KNOWS')]->(b) RETURN count(r) AS knows;
CREATE ()-[:$(['A', 'B'])]->();
RETURN $x AS param_still_works;
