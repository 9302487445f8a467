// Question: Who took part in Nvidia GTC 2024, and how?
MATCH (p:Person)-[r:SPOKE_AT|ATTENDED]->(:Event {name: 'Nvidia GTC 2024'})
RETURN p.name AS person, type(r) AS took_part, r.session AS session
ORDER BY person;
//
// Expect: person | took_part | session
// Expect: 'Ashton Kutcher' | 'ATTENDED' | null
// Expect: 'Bojan Tunguz' | 'SPOKE_AT' | 'fireside chat with Christian Szegedy'
// Expect: 'Christian Szegedy' | 'SPOKE_AT' | 'fireside chat with Bojan Tunguz'
// Expect: 'Igor Babuschkin' | 'SPOKE_AT' | 'overview of how xAI uses Nvidia GPUs for Grok'
// Expect: 'Jensen Huang' | 'ATTENDED' | null
// Expect: 'Kendrick Lamar' | 'ATTENDED' | null
