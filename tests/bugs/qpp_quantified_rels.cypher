// tangle: --empty --format csv
// Neo4j 5 quantified relationships: -[r:R]->{m,n}, +, *, {n}, {,n}, {n,}
// mean the variable-length relationship with those bounds (r is a list),
// and an inline WHERE tests each relationship.
// Chain A->B->C->D with a shortcut A->C; w on each LINK.
CREATE (a:S {name: 'A', x: 1})-[:R {w: 1}]->(b:S {name: 'B', x: 2})-[:R {w: 5}]->(c:S {name: 'C', x: 3})-[:R {w: 2}]->(d:S {name: 'D', x: 0}),
       (a)-[:R {w: 9}]->(c);
// 1..3 relationships from A: B, C | C, D | D
MATCH (a {name: 'A'})-[r:R]->{1,3}(b) RETURN b.name, size(r) ORDER BY b.name, size(r);
// + is {1,}: the same here (no path longer than 3)
MATCH (a {name: 'A'})-[:R]->+(b) RETURN count(*) AS plus;
// * is {0,}: A itself too
MATCH (a {name: 'A'})-[:R]->*(b) RETURN count(*) AS star;
// {2} exactly two: A-B-C, A-C-D, B-C-D
MATCH (x)-->{2}(y) RETURN x.name, y.name ORDER BY x.name, y.name;
// {,2} is 0..2, {2,} at least two
MATCH (a {name: 'A'})-->{,2}(b) RETURN count(*) AS upTo2;
MATCH (a {name: 'A'})-->{2,}(b) RETURN count(*) AS atLeast2;
// inline WHERE per relationship: only w > 1 (B->C, C->D, A->C)
MATCH (a {name: 'A'})-[r:R WHERE r.w > 1]->+(b) RETURN b.name, [x IN r | x.w] AS ws ORDER BY b.name;
// property map per relationship, backwards
MATCH (d {name: 'D'})<-[:R {w: 2}]-+(b) RETURN b.name;
// undirected, with the path
MATCH p = (d {name: 'D'})-[:R]-{3}(b) RETURN [n IN nodes(p) | n.name] AS route ORDER BY route;
