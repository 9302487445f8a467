// Question: Which facts appear only in the Japanese article (seed-004)?
MATCH (a)-[r]->(b)
WHERE r.sources = ['seed-004']
RETURN coalesce(a.name, a.id) AS subject, type(r) AS fact, coalesce(b.name, b.id) AS object
ORDER BY subject, fact, object;
//
// Expect: subject | fact | object
// Expect: 'Axios Harris Poll 100' | 'BLAMES' | 'Elon Musk'
// Expect: 'Related headline: Musk temporarily removed UAW\'s Twitter verification after strike' | 'MENTIONS' | 'Elon Musk'
// Expect: 'Related headline: Musk temporarily removed UAW\'s Twitter verification after strike' | 'MENTIONS' | 'UAW'
// Expect: 'Related headline: Musk temporarily removed UAW\'s Twitter verification after strike' | 'MENTIONS' | 'X'
// Expect: 'Related headline: Tesla\'s Cybertruck finally arrives' | 'MENTIONS' | 'Cybertruck'
// Expect: 'Related headline: ad criticising Tesla reported "too political" for Twitter' | 'MENTIONS' | 'Tesla'
// Expect: 'Related headline: ad criticising Tesla reported "too political" for Twitter' | 'MENTIONS' | 'X'
// Expect: 'Tesla' | 'DEVELOPS' | 'Cybertruck'
// Expect: 'seed-004: Japanese post "Elon Musk is hurting Tesla to help Twitter and xAI"' | 'LINKS_TO' | 'Related headline: Musk temporarily removed UAW\'s Twitter verification after strike'
// Expect: 'seed-004: Japanese post "Elon Musk is hurting Tesla to help Twitter and xAI"' | 'LINKS_TO' | 'Related headline: Tesla\'s Cybertruck finally arrives'
// Expect: 'seed-004: Japanese post "Elon Musk is hurting Tesla to help Twitter and xAI"' | 'LINKS_TO' | 'Related headline: ad criticising Tesla reported "too political" for Twitter'
// Expect: 'seed-004: Japanese post "Elon Musk is hurting Tesla to help Twitter and xAI"' | 'SYNDICATES' | 'Blog post "Elon Musk is hurting Tesla to help Twitter and xAI"'
