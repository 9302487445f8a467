// Question: Which firms does Musk reach in at most two ownership, role or acquisition steps?
MATCH (m:Person {name: 'Elon Musk'})-[:OWNS|CEO_OF|FOUNDED|ACQUIRED*1..2]->(f:Firm)
RETURN DISTINCT f.name AS firm
ORDER BY firm;
//
// Expect: firm
// Expect: 'Neuralink'
// Expect: 'OpenAI'
// Expect: 'SolarCity'
// Expect: 'SpaceX'
// Expect: 'Tesla'
// Expect: 'The Boring Company'
// Expect: 'X'
// Expect: 'xAI'
