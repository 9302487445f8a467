// Question: Which claims have no known venue (no call, post or document they were published in)?
MATCH (c:Claim)
WHERE NOT EXISTS { MATCH (c)-[:PUBLISHED_IN]->(:Document) }
RETURN c.id AS claim, c.text AS text, c.sources AS sources
ORDER BY claim;
//
// Expect: claim | text | sources
// Expect: 'claim-austin-cluster' | 'Tesla will build a super dense, water-cooled supercomputer cluster at its Austin, Texas factory' | ['seed-000']
// Expect: 'claim-dojo-buffalo' | 'Tesla will build a $500M Dojo supercomputer in Buffalo, New York' | ['seed-000']
// Expect: 'claim-extortion' | 'Musk\'s demand for about 25% voting control is "extortion"' | ['seed-000']
// Expect: 'claim-future-products' | 'Tesla will deliver self-driving software for existing cars, dedicated robotaxis that earn money for owners, and a driverless ride network' | ['seed-000', 'seed-003', 'seed-004']
// Expect: 'claim-grok-rebellious' | 'Grok is a politically incorrect chatbot with a "rebellious streak", a rival to ChatGPT' | ['seed-000', 'seed-003', 'seed-004']
// Expect: 'claim-hard-to-keep-up' | 'Nvidia finds it hard to keep up with demand' | ['seed-000']
// Expect: 'claim-tesla-ai-leader' | 'Musk can grow Tesla into a leading AI and robotics company' | ['seed-000']
// Expect: 'claim-tesla-needs-gpus' | 'Tesla needs large numbers of Nvidia GPUs for AI training and workloads to reach autonomy' | ['seed-000', 'seed-003', 'seed-004']
// Expect: 'claim-xai-25-twitter' | 'Twitter (X) holds 25% of xAI' | ['seed-003', 'seed-004']
