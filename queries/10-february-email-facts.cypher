// Question: Which facts rest on Nvidia's February email?
MATCH (a)-[r]->(b)
WHERE r.via = 'nvidia-email-2024-02'
RETURN a.name AS subject, type(r) AS fact, b.name AS object, r.units AS units, r.target_year AS by_end_of
ORDER BY subject, fact, object;
//
// Expect: subject | fact | object | units | by_end_of
// Expect: 'Elon Musk' | 'MANDATED' | 'xAI North Dakota GPU cluster' | 100000 | 2024
// Expect: 'Grok' | 'RUNS_ON' | 'Amazon' | null | null
// Expect: 'Grok' | 'RUNS_ON' | 'Oracle' | null | null
// Expect: 'xAI' | 'DEVELOPS' | 'xAI North Dakota GPU cluster' | null | null
