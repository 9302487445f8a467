// Question: Who competes with Tesla for Nvidia's GPUs?
MATCH (b)-[r:DEMANDS]->(:Chip {name: 'Nvidia GPU'})
RETURN b.name AS buyer, labels(b)[0] AS label, size(r.sources) AS articles
ORDER BY buyer;
//
// Expect: buyer | label | articles
// Expect: 'Amazon' | 'Firm' | 3
// Expect: 'China' | 'Place' | 1
// Expect: 'Google' | 'Firm' | 3
// Expect: 'Meta' | 'Firm' | 3
// Expect: 'Microsoft' | 'Firm' | 3
// Expect: 'OpenAI' | 'Firm' | 3
