// Question: Which claims does a document back up, and is the link the editors' own?
// editorial = true marks a link the graph's editors drew across passages.
MATCH (d:Document)-[s:SUPPORTS]->(c:Claim)
RETURN c.id AS claim, d.name AS supported_by, coalesce(s.editorial, false) AS editorial, s.sources AS sources
ORDER BY claim, supported_by;
//
// Expect: claim | supported_by | editorial | sources
// Expect: 'claim-conflict-apparent' | 'Nvidia December memo' | false | ['seed-000']
// Expect: 'claim-dual-path' | 'Tim Zaman post on X, August 2023: Tesla AI cluster going live' | true | ['seed-002']
// Expect: 'claim-hard-to-keep-up' | 'Nvidia May 2024 earnings call' | false | ['seed-000']
// Expect: 'claim-oracle-gpus-for-grok' | 'Nvidia February email' | true | ['seed-000', 'seed-002']
// Expect: 'claim-redirect-extreme' | 'Nvidia December memo' | false | ['seed-000']
