// A counting Expand moves a folded `id(x) <> id(to)` filter last, to count
// it by comparing ids; it used to swap it with the last filter, so a
// filter that guards another (b.ok before date(b.s)) ran after it, and
// the count failed on a row the guard rules out. The other filters now
// keep their order.
CREATE (x:A), (y:A), (b1:B {ok: true, s: '2020-01-01'}), (b2:B {ok: false, s: 'bad'}),
       (x)-[:R]->(b1), (x)-[:R]->(b2), (y)-[:R]->(b1), (x)-[:R]->(x);
EXPLAIN MATCH (x:A)-[:R]->(b) WHERE id(x) <> id(b) AND b.ok AND date(b.s) > date('2000-01-01') RETURN count(*);
MATCH (x:A)-[:R]->(b) WHERE id(x) <> id(b) AND b.ok AND date(b.s) > date('2000-01-01') RETURN count(*);
MATCH (x:A)-[:R]->(b) WHERE b.ok AND id(b) <> id(x) AND date(b.s) > date('2000-01-01') RETURN x, count(*) ORDER BY id(x);
