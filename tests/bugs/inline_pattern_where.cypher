// tangle: --empty --format csv
// (n:Person WHERE n.age > 30) and -[r:KNOWS WHERE r.since < 2000]-> (Neo4j 5)
// were SyntaxErrors. Inside MATCH, EXISTS, COUNT and pattern comprehensions
// they join the WHERE with AND; elsewhere they are refused.
CREATE (:Person {name: 'a', age: 20})-[:KNOWS {since: 1990}]->(:Person {name: 'b', age: 40}),
       (:Person {name: 'c', age: 50})-[:KNOWS {since: 2010}]->(:Person {name: 'd', age: 10});
MATCH (n:Person WHERE n.age > 30) RETURN n.name ORDER BY n.name;
MATCH (a)-[r:KNOWS WHERE r.since < 2000]->(b WHERE b.age > 30) WHERE a.age < 30 RETURN a.name, b.name;
OPTIONAL MATCH (n:Person WHERE n.age > 100) RETURN n.name;
MATCH (p:Person) RETURN p.name, [(p)-->(q WHERE q.age > 30) | q.name] AS older,
       EXISTS { (p)-[k WHERE k.since > 2000]->() } AS recent, COUNT { (p)<--(q WHERE q.age < 30) } AS youngIn
ORDER BY p.name;
CREATE (n:X WHERE n.a = 1);
