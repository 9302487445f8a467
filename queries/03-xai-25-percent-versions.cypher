// Question: Who holds 25% of xAI? Show each article's version side by side.
MATCH (h)-[r:OWNS]->(:Firm {name: 'xAI'})
WHERE r.fact = 'xai-25pct'
RETURN h.name AS holder, r.stake AS stake, r.status AS status, r.variant AS version, r.sources AS sources
ORDER BY holder;
//
// Expect: holder | stake | status | version | sources
// Expect: 'X' | 0.25 | null | 'Twitter (X) itself holds 25% of xAI (as Musk said, per seed-003/004)' | ['seed-003', 'seed-004']
// Expect: 'X Corp investors' | 0.25 | 'planned' | 'X Corp investors will own 25% of xAI (Musk post, November 2023)' | ['seed-000']
