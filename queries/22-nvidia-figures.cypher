// Question: What market figures do the articles give for Nvidia?
MATCH (:Firm {name: 'Nvidia'})-[:HAS_METRIC]->(m:Metric)
RETURN m.metric AS metric, m.value AS fraction, m.value_usd AS usd, m.qualifier AS qualifier, m.rank AS world_rank,
       m.sources AS sources
ORDER BY metric, m.name;
//
// Expect: metric | fraction | usd | qualifier | world_rank | sources
// Expect: 'market capitalisation' | null | 2800000000000 | null | 3 | ['seed-000', 'seed-001']
// Expect: 'market capitalisation' | null | 2000000000000 | 'more than' | null | ['seed-002']
// Expect: 'quarterly revenue' | null | 22100000000 | null | null | ['seed-002']
// Expect: 'revenue growth' | 2.65 | null | null | null | ['seed-002']
// Expect: 'revenue growth' | 2.0 | null | 'more than' | null | ['seed-000']
// Expect: 'revenue growth' | 2.0 | null | null | null | ['seed-001']
