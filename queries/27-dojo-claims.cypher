// Question: What has been claimed about Dojo, with what numbers?
MATCH (c:Claim)-[:ABOUT]->(:System {name: 'Dojo'})
MATCH (who)-[:MADE]->(c)
RETURN who.name AS claimant, c.text AS claim, c.value AS value, c.unit AS unit, c.sources AS sources
ORDER BY claim;
//
// Expect: claimant | claim | value | unit | sources
// Expect: 'Elon Musk' | 'Dojo costs $500M, and Tesla will spend more than that on Nvidia hardware in 2024' | 500000000 | 'USD' | ['seed-002']
// Expect: 'Elon Musk' | 'Dojo is a long shot worth pursuing: the payoff could be very high but it is not high probability' | null | null | ['seed-002']
// Expect: 'Elon Musk' | 'Tesla is pursuing a dual path of Nvidia and Dojo' | null | null | ['seed-002']
// Expect: 'Elon Musk' | 'Tesla will build a $500M Dojo supercomputer in Buffalo, New York' | 500000000 | 'USD' | ['seed-000']
