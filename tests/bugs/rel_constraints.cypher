// tangle: --empty --format csv --continue
// Relationship constraints (Neo4j 5): FOR ()-[r:T]-() REQUIRE r.p IS NOT
// NULL, IS :: TYPE, IS UNIQUE (one key or several), IS RELATIONSHIP KEY.
// A statement that breaks one fails, naming the constraint, the
// relationship and the value, and changes nothing; creating one over data
// that breaks it fails and leaves no constraint behind.
CREATE (a:Acct {id: 1}), (b:Acct {id: 2}),
       (a)-[:PAID {ref: 'x1', amount: 10, day: 1}]->(b),
       (a)-[:PAID {ref: 'x2', amount: 20, day: 1}]->(b),
       (b)-[:PAID {ref: 'x3', amount: 10, day: 2}]->(a);
CREATE CONSTRAINT paid_ref FOR ()-[p:PAID]-() REQUIRE p.ref IS UNIQUE;
CREATE CONSTRAINT paid_amount FOR ()-[p:PAID]->() REQUIRE p.amount IS NOT NULL;
CREATE CONSTRAINT paid_day FOR ()<-[p:PAID]-() REQUIRE p.day IS :: INTEGER;
CREATE CONSTRAINT paid_key FOR ()-[p:PAID]-() REQUIRE (p.day, p.amount) IS RELATIONSHIP KEY;
SHOW CONSTRAINTS YIELD name, type, entityType, labelsOrTypes, properties, propertyType, createStatement;
SHOW RELATIONSHIP CONSTRAINTS YIELD name;
SHOW NODE CONSTRAINTS YIELD name;
SHOW RELATIONSHIP KEY CONSTRAINTS YIELD name;
SHOW INDEXES YIELD name, entityType, owningConstraint;
// violations roll the statement back
MATCH (a:Acct {id: 1}), (b:Acct {id: 2}) CREATE (a)-[:PAID {ref: 'x1', amount: 5, day: 3}]->(b);
MATCH (a:Acct {id: 1}), (b:Acct {id: 2}) CREATE (a)-[:PAID {ref: 'x9', day: 3}]->(b);
MATCH ()-[p:PAID {ref: 'x3'}]->() SET p.day = '2';
MATCH ()-[p:PAID {ref: 'x3'}]->() SET p.day = 1;
MATCH ()-[p:PAID {ref: 'x3'}]->() REMOVE p.amount;
MATCH ()-[p:PAID]->() RETURN p.ref, p.amount, p.day ORDER BY p.ref;
// a statement may pass through a violation and end clean
MATCH ()-[p:PAID {ref: 'x1'}]->() SET p.ref = 'x2' WITH p MATCH ()-[q:PAID {amount: 20}]->() SET q.ref = 'x7';
MATCH ()-[p:PAID]->() RETURN p.ref ORDER BY p.ref;
// deleting a relationship frees its values
MATCH ()-[p:PAID {ref: 'x7'}]->() DELETE p;
MATCH (a:Acct {id: 1}), (b:Acct {id: 2}) CREATE (a)-[:PAID {ref: 'x7', amount: 20, day: 1}]->(b);
MATCH ()-[p:PAID]->() RETURN count(p);
// other types are not constrained
MATCH (a:Acct {id: 1}), (b:Acct {id: 2}) CREATE (a)-[:OWES {day: 'soon'}]->(b);
// creation over breaking data
CREATE (:Acct {id: 3})-[:SENT {ref: 'y', n: 1}]->(:Acct {id: 4});
MATCH (a:Acct {id: 3}), (b:Acct {id: 4}) CREATE (a)-[:SENT {ref: 'y', n: 'two'}]->(b), (a)-[:SENT]->(b);
CREATE CONSTRAINT sent_ref FOR ()-[s:SENT]-() REQUIRE s.ref IS UNIQUE;
CREATE CONSTRAINT sent_n FOR ()-[s:SENT]-() REQUIRE s.n IS :: INTEGER;
CREATE CONSTRAINT sent_ref_ex FOR ()-[s:SENT]-() REQUIRE s.ref IS NOT NULL;
CREATE CONSTRAINT sent_key FOR ()-[s:SENT]-() REQUIRE s.n IS REL KEY;
SHOW CONSTRAINTS YIELD name WHERE name STARTS WITH 'sent' RETURN name;
// the key words must fit the pattern
CREATE CONSTRAINT FOR ()-[s:SENT]-() REQUIRE s.ref IS NODE KEY;
CREATE CONSTRAINT FOR (n:Acct) REQUIRE n.id IS RELATIONSHIP KEY;
// a node constraint and a relationship constraint on the same names are two
CREATE CONSTRAINT FOR (n:PAID) REQUIRE n.ref IS UNIQUE;
CREATE CONSTRAINT FOR ()-[p:PAID]-() REQUIRE p.ref IS UNIQUE;
DROP CONSTRAINT paid_ref;
MATCH (a:Acct {id: 1}), (b:Acct {id: 2}) CREATE (a)-[:PAID {ref: 'x1', amount: 5, day: 3}]->(b);
MATCH ()-[p:PAID {ref: 'x1'}]->() RETURN count(*);
