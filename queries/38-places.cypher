// Question: Which places appear, what kind are they, what are they inside, and which articles name them?
MATCH (p:Place)
OPTIONAL MATCH (p)-[:LOCATED_IN]->(parent:Place)
RETURN p.name AS place, p.kind AS kind, parent.name AS inside, p.sources AS named_in
ORDER BY place;
//
// Expect: place | kind | inside | named_in
// Expect: 'Austin' | 'city' | 'Texas' | ['seed-000']
// Expect: 'Beverly Hills' | 'city' | 'California' | ['seed-000']
// Expect: 'Beverly Hilton' | 'hotel' | 'Beverly Hills' | ['seed-000']
// Expect: 'Buffalo' | 'city' | 'New York' | ['seed-000']
// Expect: 'California' | 'state' | 'United States' | ['seed-000', 'seed-002']
// Expect: 'China' | 'country' | null | ['seed-000']
// Expect: 'Delaware' | 'state' | 'United States' | ['seed-000']
// Expect: 'New York' | 'state' | 'United States' | ['seed-000']
// Expect: 'North Dakota' | 'state' | 'United States' | ['seed-000']
// Expect: 'San Francisco' | 'city' | 'California' | ['seed-002']
// Expect: 'San Jose' | 'city' | 'California' | ['seed-000', 'seed-002']
// Expect: 'Texas' | 'state' | 'United States' | ['seed-000', 'seed-003', 'seed-004']
// Expect: 'Texas Gigafactory' | 'factory' | 'Texas' | ['seed-000', 'seed-003', 'seed-004']
// Expect: 'United States' | 'country' | null | ['seed-000', 'seed-002', 'seed-003', 'seed-004']
