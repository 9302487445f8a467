// Question: Who founded xAI, and where did the co-founders work before?
MATCH (p:Person)-[f:FOUNDED]->(:Firm {name: 'xAI'})
OPTIONAL MATCH (p)-[:WORKED_AT]->(previous:Firm)
RETURN p.name AS person, f.role AS role, previous.name AS worked_at_before
ORDER BY person, worked_at_before;
//
// Expect: person | role | worked_at_before
// Expect: 'Christian Szegedy' | 'co-founder' | 'Google'
// Expect: 'Elon Musk' | 'founder' | null
// Expect: 'Igor Babuschkin' | 'co-founder' | 'Google'
// Expect: 'Igor Babuschkin' | 'co-founder' | 'OpenAI'
