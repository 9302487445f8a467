// Question: Where do the articles disagree about a fact between entities? List each version with its sources.
MATCH (a)-[r]->(b)
WHERE r.fact IS NOT NULL
RETURN r.fact AS fact, a.name AS subject, type(r) AS relation, b.name AS object, r.variant AS version, r.sources AS sources
ORDER BY fact, version;
//
// Expect: fact | subject | relation | object | version | sources
// Expect: 'reputation-blame' | 'Axios Harris Poll 100' | 'BLAMES' | 'Elon Musk' | 'some of the slide attributed to Musk' | ['seed-000', 'seed-003']
// Expect: 'reputation-blame' | 'Axios Harris Poll 100' | 'BLAMES' | 'Elon Musk' | 'the slide largely due to Musk' | ['seed-004']
// Expect: 'tesla-gpu-delay' | 'Redirect of 12,000 shipped H100s from Tesla to X' | 'DELAYED_DELIVERY_TO' | 'Tesla' | '$500M of processors, may be delayed by months' | ['seed-001']
// Expect: 'tesla-gpu-delay' | 'Redirect of 12,000 shipped H100s from Tesla to X' | 'DELAYED_DELIVERY_TO' | 'Tesla' | 'more than $500M of GPUs delayed by months' | ['seed-000', 'seed-003', 'seed-004']
// Expect: 'xai-25pct' | 'X' | 'OWNS' | 'xAI' | 'Twitter (X) itself holds 25% of xAI (as Musk said, per seed-003/004)' | ['seed-003', 'seed-004']
// Expect: 'xai-25pct' | 'X Corp investors' | 'OWNS' | 'xAI' | 'X Corp investors will own 25% of xAI (Musk post, November 2023)' | ['seed-000']
