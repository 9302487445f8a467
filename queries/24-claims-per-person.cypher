// Question: Who made the most claims?
MATCH (who)-[:MADE]->(c:Claim)
RETURN who.name AS claimant, count(c) AS claims
ORDER BY claims DESC, claimant;
//
// Expect: claimant | claims
// Expect: 'Elon Musk' | 22
// Expect: 'Jensen Huang' | 7
// Expect: 'Joel Fleming' | 3
// Expect: 'Anonymous former Tesla supply-chain analyst' | 2
// Expect: 'Larry Ellison' | 2
// Expect: 'Igor Babuschkin' | 1
// Expect: 'Nvidia' | 1
// Expect: 'Ross Gerber' | 1
// Expect: 'Tim Zaman' | 1
