// Question: Which seed articles are copies of the same report?
MATCH (c:Document {seed: true})-[s:SYNDICATES]->(o:Document)
RETURN o.name AS original, c.id AS copy, c.language AS language, s.mode AS mode
ORDER BY original, copy;
//
// Expect: original | copy | language | mode
// Expect: 'Blog post "Elon Musk is hurting Tesla to help Twitter and xAI"' | 'seed-003' | 'id' | 'translation'
// Expect: 'Blog post "Elon Musk is hurting Tesla to help Twitter and xAI"' | 'seed-004' | 'ja' | 'translation'
// Expect: 'CNBC report on the Nvidia emails (June 2024)' | 'seed-000' | 'ar' | 'full translation'
// Expect: 'CNBC report on the Nvidia emails (June 2024)' | 'seed-001' | 'ar' | 'summary'
