// Question: Which dollar amounts appear in events, market figures and claims, largest first?
// Claims carry money as value + unit 'USD'; events use amount_usd, metrics value_usd.
MATCH (n)
WITH n, coalesce(n.amount_usd, n.value_usd, CASE WHEN n.unit = 'USD' THEN n.value END) AS usd
WHERE usd IS NOT NULL
RETURN coalesce(n.name, n.text) AS what, usd, n.qualifier AS qualifier, size(n.sources) AS articles
ORDER BY usd DESC, what;
//
// Expect: what | usd | qualifier | articles
// Expect: 'Nvidia market capitalisation (June 2024 report)' | 2800000000000 | null | 2
// Expect: 'Nvidia market capitalisation (March 2024 report)' | 2000000000000 | 'more than' | 1
// Expect: 'Nvidia quarterly revenue (March 2024 report)' | 22100000000 | null | 1
// Expect: 'Tesla will spend around $10B in 2024 on combined AI training and inference, inference mostly in the car' | 10000000000 | 'around' | 4
// Expect: 'xAI $6B funding round' | 6000000000 | null | 2
// Expect: 'Dojo costs $500M, and Tesla will spend more than that on Nvidia hardware in 2024' | 500000000 | null | 1
// Expect: 'Tesla will build a $500M Dojo supercomputer in Buffalo, New York' | 500000000 | null | 1
