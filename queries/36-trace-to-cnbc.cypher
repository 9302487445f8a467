// Question: Which documents lead back to the CNBC report, and in how many steps?
MATCH p = (d:Document)-[:SYNDICATES|CITES*1..2]->(:Document {id: 'cnbc-report-2024-06'})
RETURN d.id AS document, length(p) AS steps
ORDER BY document, steps;
//
// Expect: document | steps
// Expect: 'blog-post-hurting-tesla' | 1
// Expect: 'seed-000' | 1
// Expect: 'seed-001' | 1
// Expect: 'seed-003' | 2
// Expect: 'seed-004' | 2
