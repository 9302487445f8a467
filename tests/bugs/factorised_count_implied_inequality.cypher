// tangle: --empty --format csv
// LSQB q8: a message's tag t1 and a tag t2 of a comment replying to it,
// where the comment does not have t1 and t1 <> t2. The NOT EXISTS test
// implies the inequality (t2 being t1 would give the comment t1), so the
// planner drops it and FactorisedCount keeps the test at the message;
// the relationships message-t1 and comment-t2 could be one only on a row
// the test removes. A comment that replies to itself (one relationship
// for both HAS legs) and a shared tag are in the graph; the counts are the
// enumeration's (checked with --reference-plan). When the comment's leg
// to t2 has a type the test does not name, the inequality stays and the
// plan enumerates.
CREATE (t1:Tag {k: 1}), (t2:Tag {k: 2}), (t3:Tag {k: 3}), (m:Post)-[:HAS]->(t1), (m)-[:HAS]->(t2), (x:Comment)-[:REPLY]->(m), (x)-[:HAS]->(t1), (x)-[:HAS]->(t3), (y:Comment)-[:REPLY]->(m), (y)-[:HAS]->(t3), (y)-[:HAS]->(t3), (y)-[:HAS]->(t2), (z:Comment)-[:REPLY]->(z), (z)-[:HAS]->(t1), (z)-[:HAS]->(t2), (y)-[:REPLY]->(x), (y)-[:OTHER]->(t1);
EXPLAIN MATCH (t1:Tag)<-[:HAS]-(m)<-[:REPLY]-(c:Comment)-[:HAS]->(t2:Tag) WHERE NOT EXISTS { (c)-[:HAS]->(t1) } AND id(t1) <> id(t2) RETURN count(*) AS c;
MATCH (t1:Tag)<-[:HAS]-(m)<-[:REPLY]-(c:Comment)-[:HAS]->(t2:Tag) WHERE NOT EXISTS { (c)-[:HAS]->(t1) } AND id(t1) <> id(t2) RETURN count(*) AS c;
MATCH (t1:Tag)<-[:HAS]-(m)<-[:REPLY]-(c:Comment)-[:HAS]->(t2:Tag) WHERE NOT EXISTS { (c)-[:HAS]->(t1) } AND t2 <> t1 RETURN t1.k AS k, count(*) AS c ORDER BY k;
EXPLAIN MATCH (t1:Tag)<-[:HAS]-(m)<-[:REPLY]-(c:Comment)-[:HAS|OTHER]->(t2:Tag) WHERE NOT EXISTS { (c)-[:HAS]->(t1) } AND id(t1) <> id(t2) RETURN count(*) AS c;
MATCH (t1:Tag)<-[:HAS]-(m)<-[:REPLY]-(c:Comment)-[:HAS|OTHER]->(t2:Tag) WHERE NOT EXISTS { (c)-[:HAS]->(t1) } AND id(t1) <> id(t2) RETURN count(*) AS c;
