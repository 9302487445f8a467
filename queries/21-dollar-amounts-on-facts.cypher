// Question: Which deals and delays between firms carry a dollar amount?
MATCH (a)-[r]->(b)
WITH a, r, b, coalesce(r.price_usd, r.value_usd, r.amount_usd) AS usd
WHERE usd IS NOT NULL
RETURN a.name AS subject, type(r) AS fact, b.name AS object, usd, r.qualifier AS qualifier, r.sources AS sources
ORDER BY usd DESC, subject, r.variant;
//
// Expect: subject | fact | object | usd | qualifier | sources
// Expect: 'Elon Musk' | 'ACQUIRED' | 'X' | 44000000000 | null | ['seed-000']
// Expect: 'xAI $6B funding round' | 'RAISED_FOR' | 'xAI' | 6000000000 | null | ['seed-000', 'seed-001']
// Expect: 'Redirect of 12,000 shipped H100s from Tesla to X' | 'DELAYED_DELIVERY_TO' | 'Tesla' | 500000000 | null | ['seed-001']
// Expect: 'Redirect of 12,000 shipped H100s from Tesla to X' | 'DELAYED_DELIVERY_TO' | 'Tesla' | 500000000 | 'more than' | ['seed-000', 'seed-003', 'seed-004']
