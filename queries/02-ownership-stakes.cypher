// Question: Who owns what, and how big is each stake?
MATCH (o)-[r:OWNS]->(f:Firm)
RETURN f.name AS firm, o.name AS owner, r.stake AS stake, r.qualifier AS qualifier, r.status AS status, r.sources AS sources
ORDER BY firm, owner;
//
// Expect: firm | owner | stake | qualifier | status | sources
// Expect: 'Neuralink' | 'Elon Musk' | null | null | null | ['seed-003', 'seed-004']
// Expect: 'SolarCity' | 'Elon Musk' | null | 'major shareholder' | null | ['seed-000']
// Expect: 'SpaceX' | 'Elon Musk' | null | null | null | ['seed-003', 'seed-004']
// Expect: 'Tesla' | 'Elon Musk' | 0.205 | null | null | ['seed-000']
// Expect: 'Tesla' | 'Leo KoGuan' | null | 'largest retail shareholder' | null | ['seed-000']
// Expect: 'The Boring Company' | 'Elon Musk' | null | null | null | ['seed-003', 'seed-004']
// Expect: 'X' | 'Elon Musk' | null | null | null | ['seed-000', 'seed-002', 'seed-003', 'seed-004']
// Expect: 'xAI' | 'Elon Musk' | null | null | null | ['seed-003', 'seed-004']
// Expect: 'xAI' | 'X' | 0.25 | null | null | ['seed-003', 'seed-004']
// Expect: 'xAI' | 'X Corp investors' | 0.25 | null | 'planned' | ['seed-000']
