// Question: Which seed articles are there, in what language, and how many claims does each report?
MATCH (d:Document {seed: true})
OPTIONAL MATCH (c:Claim)
WHERE d.id IN c.sources
RETURN d.id AS article, d.language AS language, d.file AS file, d.published AS published, count(c) AS claims
ORDER BY article;
//
// Expect: article | language | file | published | claims
// Expect: 'seed-000' | 'ar' | '000_dcd95f4c562e7477.txt' | null | 23
// Expect: 'seed-001' | 'ar' | '001_4a4a264d339dc857.txt' | null | 4
// Expect: 'seed-002' | 'ar' | '002_e3c1fe6d4dd25605.txt' | null | 16
// Expect: 'seed-003' | 'id' | '003_b2c5182f80e87c09.txt' | null | 8
// Expect: 'seed-004' | 'ja' | '004_778e412dc43dba75.txt' | 2024-06-05 | 8
