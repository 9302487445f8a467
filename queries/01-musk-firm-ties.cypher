// Question: How is Elon Musk tied to each firm (owner, CEO, founder, buyer...), and how many articles say so?
MATCH (m:Person {name: 'Elon Musk'})-[r]->(f:Firm)
RETURN f.name AS firm, type(r) AS tie, r.stake AS stake, size(r.sources) AS articles
ORDER BY firm, tie;
//
// Expect: firm | tie | stake | articles
// Expect: 'Neuralink' | 'FOUNDED' | null | 1
// Expect: 'Neuralink' | 'OWNS' | null | 2
// Expect: 'OpenAI' | 'FOUNDED' | null | 1
// Expect: 'SolarCity' | 'CHAIR_OF' | null | 1
// Expect: 'SolarCity' | 'OWNS' | null | 1
// Expect: 'SpaceX' | 'CEO_OF' | null | 1
// Expect: 'SpaceX' | 'OWNS' | null | 2
// Expect: 'Tesla' | 'CEO_OF' | null | 4
// Expect: 'Tesla' | 'OWNS' | 0.205 | 1
// Expect: 'The Boring Company' | 'FOUNDED' | null | 1
// Expect: 'The Boring Company' | 'OWNS' | null | 2
// Expect: 'X' | 'ACQUIRED' | null | 1
// Expect: 'X' | 'OWNS' | null | 4
// Expect: 'xAI' | 'FOUNDED' | null | 3
// Expect: 'xAI' | 'OWNS' | null | 2
