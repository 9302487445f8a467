// Question: How are the firms Musk owns, runs or founded linked to one another directly (not through Musk)?
MATCH (m:Person {name: 'Elon Musk'})-[:OWNS|CEO_OF|FOUNDED]->(a:Firm)-[r]->(b:Firm)<-[:OWNS|CEO_OF|FOUNDED]-(m)
RETURN DISTINCT a.name AS firm, type(r) AS link, b.name AS other_firm, r.stake AS stake, r.sources AS sources
ORDER BY firm, link, other_firm;
//
// Expect: firm | link | other_firm | stake | sources
// Expect: 'Tesla' | 'ACQUIRED' | 'SolarCity' | null | ['seed-000']
// Expect: 'X' | 'OWNS' | 'xAI' | 0.25 | ['seed-003', 'seed-004']
// Expect: 'X' | 'TIED_TO' | 'xAI' | null | ['seed-000', 'seed-003', 'seed-004']
// Expect: 'xAI' | 'COMPETES_WITH' | 'OpenAI' | null | ['seed-000', 'seed-001']
// Expect: 'xAI' | 'PART_OF' | 'X' | null | ['seed-001']
