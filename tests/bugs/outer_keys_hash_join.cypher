// tangle: --format csv
// Two pattern parts keyed by a variable bound before the MATCH (the
// LOAD CSV idiom) returned no rows: the planner hash-joined the first part
// on `p.name = row.p`, then planned the second part inside that join's
// build side, whose input has no `row` (an empty Argument).
UNWIND [{p: 'Elon Musk', f: 'Tesla'}] AS row
MATCH (p:Person {name: row.p}), (f:Firm {name: row.f})
RETURN p.name, f.name;
WITH 'Tesla' AS k
MATCH (a:Firm {name: k}), (b:Firm {name: k})
RETURN a.name, b.name;
