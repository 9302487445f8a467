// Question: Which facts are corroborated by the most articles? (top 12, claim bookkeeping left out)
MATCH (a)-[r]->(b)
WHERE NOT type(r) IN ['ABOUT', 'MADE', 'PUBLISHED_IN', 'CITES', 'PUBLISHED_BY', 'AUTHORED', 'ON_PLATFORM']
RETURN coalesce(a.name, a.id) AS subject, type(r) AS fact, coalesce(b.name, b.id) AS object,
       size(r.sources) AS articles
ORDER BY articles DESC, subject, fact, object
LIMIT 12;
//
// Expect: subject | fact | object | articles
// Expect: 'Nvidia' | 'DEVELOPS' | 'H100' | 5
// Expect: 'Nvidia' | 'DEVELOPS' | 'Nvidia GPU' | 5
// Expect: 'Tesla' | 'CUSTOMER_OF' | 'Nvidia' | 5
// Expect: 'Elon Musk' | 'CEO_OF' | 'Tesla' | 4
// Expect: 'Elon Musk' | 'ORDERED' | 'Redirect of 12,000 shipped H100s from Tesla to X' | 4
// Expect: 'Elon Musk' | 'OWNS' | 'X' | 4
// Expect: 'Nvidia December memo' | 'DESCRIBES' | 'Redirect of 12,000 shipped H100s from Tesla to X' | 4
// Expect: 'Nvidia December memo' | 'DESCRIBES' | 'Redirect of X\'s 12,000 H100 orders to Tesla' | 4
// Expect: 'Nvidia late-April email' | 'CONTRADICTS' | 'claim-ai-spend-10b' | 4
// Expect: 'Nvidia late-April email' | 'CONTRADICTS' | 'claim-h100-85k' | 4
// Expect: 'Redirect of 12,000 shipped H100s from Tesla to X' | 'FOR_SYSTEM' | 'X H100 GPU cluster' | 4
// Expect: 'Redirect of 12,000 shipped H100s from Tesla to X' | 'INVOLVES' | 'H100' | 4
