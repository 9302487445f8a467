// Question: Which facts count chips, and how many?
MATCH (a)-[r]->(b)
WHERE r.units IS NOT NULL
RETURN coalesce(a.name, a.id) AS subject, type(r) AS fact, b.name AS object, r.units AS units, r.target_year AS target_year
ORDER BY units DESC, subject;
//
// Expect: subject | fact | object | units | target_year
// Expect: 'Elon Musk' | 'MANDATED' | 'xAI North Dakota GPU cluster' | 100000 | 2024
// Expect: 'Redirect of 12,000 shipped H100s from Tesla to X' | 'INVOLVES' | 'H100' | 12000 | null
// Expect: 'Redirect of X\'s 12,000 H100 orders to Tesla' | 'INVOLVES' | 'H100' | 12000 | null
// Expect: 'Tesla AI cluster' | 'USES' | 'H100' | 10000 | null
