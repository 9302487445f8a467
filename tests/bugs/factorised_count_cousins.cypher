// tangle: --empty --format csv
// FactorisedCount with `id(a) <> id(b)` on two nodes three relationships
// apart, a - u - v - b (LSQB q5: a comment's tag and a tag of the message
// it replies to). The matches where a and b are one node are taken off
// at u; the counts below are the enumeration's (checked with
// --reference-plan): a triangle a-b-c, a parallel R, a hub d, and tags
// shared between a comment and the message it replies to.
CREATE (a:N {k: 1})-[:R]->(b:N {k: 2})-[:S]->(c:N {k: 3})-[:T]->(a), (c)-[:T]->(d:N {k: 4}), (a)-[:R]->(b), (c)-[:T]->(c);
CREATE (t1:Tag), (t2:Tag), (t3:Tag), (m:Post)-[:HAS]->(t1), (m)-[:HAS]->(t2), (x:Comment)-[:REPLY]->(m), (x)-[:HAS]->(t1), (x)-[:HAS]->(t3), (y:Comment)-[:REPLY]->(m), (y)-[:HAS]->(t2), (y)-[:HAS]->(t2);
EXPLAIN MATCH (n0)-[:R]->(n1)-[:S]->(n2)-[:T]->(n3) WHERE id(n0) <> id(n3) RETURN count(*) AS c;
MATCH (n0)-[:R]->(n1)-[:S]->(n2)-[:T]->(n3) WHERE id(n0) <> id(n3) RETURN count(*) AS c;
MATCH (n0)-[:R]->(n1)-[:S]->(n2)-[:T]->(n3) WHERE n3 <> n0 RETURN n1.k AS k, count(*) AS c ORDER BY k;
MATCH (n0)-[:R]-(n1)-[:S]-(n2)-[:T]-(n3) WHERE id(n0) <> id(n3) RETURN count(*) AS c;
EXPLAIN MATCH (t1:Tag)<-[:HAS]-(m:Post)<-[:REPLY]-(c:Comment)-[:HAS]->(t2:Tag) WHERE id(t1) <> id(t2) RETURN count(*) AS c;
MATCH (t1:Tag)<-[:HAS]-(m:Post)<-[:REPLY]-(c:Comment)-[:HAS]->(t2:Tag) WHERE id(t1) <> id(t2) RETURN count(*) AS c;
// Grouped by a variable beyond the pair (LSQB q6g by tag): the tree is
// rooted there, one node of the pair is the middle's parent and the
// matches where the middle's child is that same node are taken off there.
CREATE (p:Person {k: 1}), (q:Person {k: 2}), (r:Person {k: 3}), (tg:Tg {k: 9}), (tg2:Tg {k: 8}), (p)-[:KNOWS]->(q), (q)-[:KNOWS]->(r), (r)-[:KNOWS]->(p), (q)-[:KNOWS]->(p), (p)-[:LIKES]->(tg), (r)-[:LIKES]->(tg), (q)-[:LIKES]->(tg2), (q)-[:KNOWS]->(q);
EXPLAIN MATCH (x:Person)-[:KNOWS]-(y:Person)-[:KNOWS]-(z:Person)-[:LIKES]->(t:Tg) WHERE id(x) <> id(z) RETURN t.k AS k, count(*) AS c ORDER BY k;
MATCH (x:Person)-[:KNOWS]-(y:Person)-[:KNOWS]-(z:Person)-[:LIKES]->(t:Tg) WHERE id(x) <> id(z) RETURN t.k AS k, count(*) AS c ORDER BY k;
MATCH (x:Person)-[:KNOWS]->(y:Person)-[:KNOWS]->(z:Person)-[:LIKES]->(t:Tg) WHERE x <> z RETURN t.k AS k, count(*) AS c ORDER BY k;
// NOT EXISTS between two nodes next to one (LSQB q9: two persons a friend
// apart who are not friends), with and without id(x) <> id(z), in total
// (taken off at the middle) and grouped beyond the pair (taken off at z).
EXPLAIN MATCH (x:Person)-[:KNOWS]-(y:Person)-[:KNOWS]-(z:Person)-[:LIKES]->(t:Tg) WHERE NOT EXISTS { MATCH (x)-[:KNOWS]-(z) } AND id(x) <> id(z) RETURN count(*) AS c;
MATCH (x:Person)-[:KNOWS]-(y:Person)-[:KNOWS]-(z:Person)-[:LIKES]->(t:Tg) WHERE NOT EXISTS { MATCH (x)-[:KNOWS]-(z) } AND id(x) <> id(z) RETURN count(*) AS c;
MATCH (x:Person)-[:KNOWS]-(y:Person)-[:KNOWS]-(z:Person)-[:LIKES]->(t:Tg) WHERE NOT EXISTS { MATCH (x)-[:KNOWS]->(z) } RETURN count(*) AS c;
MATCH (x:Person)-[:KNOWS]-(y:Person)-[:KNOWS]-(z:Person)-[:LIKES]->(t:Tg) WHERE NOT EXISTS { MATCH (x)<-[:KNOWS]-(z) } AND x <> z RETURN t.k AS k, count(*) AS c ORDER BY k;
MATCH (x:Person)-[:KNOWS]-(y:Person)-[:KNOWS]-(z:Person)-[:LIKES]->(t:Tg) WHERE NOT EXISTS { MATCH (x)-[:KNOWS]-(z) } RETURN t.k AS k, count(*) AS c ORDER BY k;
