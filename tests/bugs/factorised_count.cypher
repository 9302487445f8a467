// tangle: --empty --format csv
// FactorisedCount: counting an acyclic pattern (two or more expansions
// from a scan) by dynamic programming over its tree instead of
// enumerating its rows. The plan says when it is chosen; the counts are
// the enumeration's. Not chosen: two relationships that may bind the same
// relationship (same type in one MATCH) and nothing tells them apart, a
// filter reading two variables that no relationship joins, a grouping key
// and an aggregate on two variables, a single hop.
CREATE (a:P {k: 1}), (b:P {k: 2}), (c:Q {k: 3}), (d:Q {k: 1}), (t:T {name: 'x'}), (u:T {name: 'y'}), (a)-[:KNOWS]->(b), (a)-[:KNOWS]->(b), (b)-[:KNOWS]->(a), (a)-[:KNOWS]->(a), (c)-[:IN]->(a), (d)-[:IN]->(a), (c)-[:IN]->(b), (a)-[:LIKES]->(t), (b)-[:LIKES]->(t), (b)-[:LIKES]->(u), (a)-[:LIKES]->(u);
EXPLAIN MATCH (q:Q)-[:IN]->(p:P)-[:KNOWS]-(f)-[:LIKES]->(t:T) RETURN count(*) AS n;
MATCH (q:Q)-[:IN]->(p:P)-[:KNOWS]-(f)-[:LIKES]->(t:T) RETURN count(*) AS n;
// Grouped by one variable, with filters on a node and on a relationship's ends.
EXPLAIN MATCH (q:Q)-[:IN]->(p:P)-[:KNOWS]-(f)-[:LIKES]->(t:T) WHERE q.k > 1 AND id(p) <> id(f) RETURN t.name AS tag, count(*) AS n, min(t.name) AS lo ORDER BY tag;
MATCH (q:Q)-[:IN]->(p:P)-[:KNOWS]-(f)-[:LIKES]->(t:T) WHERE q.k > 1 AND id(p) <> id(f) RETURN t.name AS tag, count(*) AS n, min(t.name) AS lo ORDER BY tag;
EXPLAIN MATCH (q:Q)-[:IN]->(p:P)-[:KNOWS]-(f)-[:LIKES]->(t:T) WHERE q.k > 1 AND id(p) <> id(f) RETURN q.k AS k, count(*) AS n, sum(q.k) AS s, max(q.k) AS hi ORDER BY k;
MATCH (q:Q)-[:IN]->(p:P)-[:KNOWS]-(f)-[:LIKES]->(t:T) WHERE q.k > 1 AND id(p) <> id(f) RETURN q.k AS k, count(*) AS n, sum(q.k) AS s, max(q.k) AS hi ORDER BY k;
// The key reads t, the sum q: enumerated.
EXPLAIN MATCH (q:Q)-[:IN]->(p:P)-[:LIKES]->(t:T) RETURN t.name AS tag, sum(q.k) AS s;
MATCH (q:Q)-[:IN]->(p:P)-[:LIKES]->(t:T) RETURN t.name AS tag, sum(q.k) AS s ORDER BY tag;
// Two KNOWS relationships in one MATCH may be the same one: enumerated.
EXPLAIN MATCH (p:P)-[:KNOWS]-(f)-[:KNOWS]-(g) RETURN count(*) AS n;
MATCH (p:P)-[:KNOWS]-(f)-[:KNOWS]-(g) RETURN count(*) AS n;
// In two MATCH clauses they may be the same: counted.
EXPLAIN MATCH (p:P)-[:KNOWS]-(f) MATCH (f)-[:KNOWS]-(g) RETURN count(*) AS n;
MATCH (p:P)-[:KNOWS]-(f) MATCH (f)-[:KNOWS]-(g) RETURN count(*) AS n;
// A filter across the pattern: enumerated.
EXPLAIN MATCH (q:Q)-[:IN]->(p:P)-[:LIKES]->(t:T) WHERE q.k < t.name RETURN count(*) AS n;
// An untyped relationship may be any other one: counted only while the
// labels at the ends show that it cannot be (no Comment is a Forum) ...
CREATE (f:Forum), (p:Post), (c:Comment), (d:Comment), (f)-[:HAS]->(p), (c)-[:REPLY]->(p), (d)-[:REPLY]->(p), (d)-[:LIKES]->(p), (f)-[:HAS]->(c);
EXPLAIN MATCH (f:Forum)-[:HAS]->(p:Post)<-[r]-(c:Comment) RETURN count(*) AS n;
MATCH (f:Forum)-[:HAS]->(p:Post)<-[r]-(c:Comment) RETURN count(*) AS n;
// ... else enumerated: now a Forum is a Comment that HAS the Post.
MATCH (f:Forum) SET f:Comment;
MATCH (f:Forum)-[:HAS]->(p:Post)<-[r]-(c:Comment) RETURN count(*) AS n;
// OPTIONAL MATCH from one node of the pattern: each of its nodes counts
// max(1, matches) times; its WHERE applies inside it.
EXPLAIN MATCH (q:Q)-[:IN]->(p:P) OPTIONAL MATCH (p)-[:LIKES]->(t:T) WHERE t.name = 'y' OPTIONAL MATCH (q)<-[:IN]-(z) RETURN q.k AS k, count(*) AS n ORDER BY k;
MATCH (q:Q)-[:IN]->(p:P) OPTIONAL MATCH (p)-[:LIKES]->(t:T) WHERE t.name = 'y' OPTIONAL MATCH (q)<-[:IN]-(z) RETURN q.k AS k, count(*) AS n ORDER BY k;
MATCH (q:Q)-[:IN]->(p:P) OPTIONAL MATCH (p)-[:KNOWS]->(f)-[:LIKES]->(t:T) WHERE t.name = 'x' RETURN count(*) AS n;
// `id(a) <> id(b)` on two nodes next to one (LSQB q6): rooted there, the
// matches where a and b are one node are taken off; the two KNOWS
// relationships then cannot be one.
EXPLAIN MATCH (q)-[:KNOWS]-(p:P)-[:KNOWS]-(f)-[:LIKES]->(t:T) WHERE id(q) <> id(f) RETURN count(*) AS n;
MATCH (q)-[:KNOWS]-(p:P)-[:KNOWS]-(f)-[:LIKES]->(t:T) WHERE id(q) <> id(f) RETURN count(*) AS n;
MATCH (q)-[:KNOWS]->(p:P)<-[:KNOWS]-(f)-[:LIKES]->(t:T) WHERE q <> f RETURN p.k AS k, count(*) AS n ORDER BY k;
