// Question: Who left Tesla for xAI, and in what role?
MATCH (p:Person)-[was:WORKED_AT]->(:Firm {name: 'Tesla'})
MATCH (p)-[now:WORKS_AT]->(:Firm {name: 'xAI'})
RETURN p.name AS person, was.role AS role_at_tesla, now.role AS role_at_xai, now.sources AS sources
ORDER BY person;
//
// Expect: person | role_at_tesla | role_at_xai | sources
// Expect: 'Ethan Knight' | 'machine-learning scientist' | 'machine-learning scientist' | ['seed-000']
