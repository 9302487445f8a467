// Question: How many people, firms, chips, systems, products and places does each article name?
MATCH (n)
WHERE labels(n)[0] IN ['Person', 'Firm', 'Chip', 'System', 'Product', 'Place']
UNWIND n.sources AS article
RETURN article,
       sum(CASE WHEN labels(n)[0] = 'Person' THEN 1 ELSE 0 END) AS people,
       sum(CASE WHEN labels(n)[0] = 'Firm' THEN 1 ELSE 0 END) AS firms,
       sum(CASE WHEN labels(n)[0] IN ['Chip', 'System', 'Product'] THEN 1 ELSE 0 END) AS technology,
       sum(CASE WHEN labels(n)[0] = 'Place' THEN 1 ELSE 0 END) AS places
ORDER BY article;
//
// Expect: article | people | firms | technology | places
// Expect: 'seed-000' | 9 | 26 | 12 | 13
// Expect: 'seed-001' | 2 | 7 | 4 | 0
// Expect: 'seed-002' | 11 | 14 | 8 | 4
// Expect: 'seed-003' | 1 | 15 | 7 | 3
// Expect: 'seed-004' | 1 | 16 | 8 | 3
