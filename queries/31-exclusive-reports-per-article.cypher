// Question: What does each article report that no other article does? (claims, and facts other than claim bookkeeping)
// own_facts leaves out ABOUT, MADE and PUBLISHED_IN, which only restate the claims counted in own_claims.
MATCH (d:Document {seed: true})
OPTIONAL MATCH (c:Claim)
WHERE c.sources = [d.id]
WITH d, count(c) AS own_claims
OPTIONAL MATCH ()-[r]->()
WHERE r.sources = [d.id] AND NOT type(r) IN ['ABOUT', 'MADE', 'PUBLISHED_IN']
RETURN d.id AS article, d.language AS language, own_claims, count(r) AS own_facts
ORDER BY article;
//
// Expect: article | language | own_claims | own_facts
// Expect: 'seed-000' | 'ar' | 15 | 88
// Expect: 'seed-001' | 'ar' | 1 | 7
// Expect: 'seed-002' | 'ar' | 16 | 71
// Expect: 'seed-003' | 'id' | 0 | 1
// Expect: 'seed-004' | 'ja' | 0 | 12
