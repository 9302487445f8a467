// Question: Which posts did Musk publish on X, and what claims does each carry?
MATCH (:Person {name: 'Elon Musk'})-[:AUTHORED]->(p:Document {kind: 'post'})-[:ON_PLATFORM]->(:Firm {name: 'X'})
OPTIONAL MATCH (c:Claim)-[:PUBLISHED_IN]->(p)
RETURN p.year AS year, p.month AS month, p.name AS post, c.text AS claim
ORDER BY year, month, post, claim;
//
// Expect: year | month | post | claim
// Expect: 2023 | 6 | 'Musk post on X, June 2023: Nvidia monopoly' | 'Competing chips are coming; Nvidia will not have a monopoly on large-scale training and inference forever'
// Expect: 2023 | 11 | 'Musk post on X, November 2023: X Corp investors and xAI' | 'X Corp investors will own 25% of xAI'
// Expect: 2023 | 11 | 'Musk post on X, November 2023: agreeing with a post on "Jewish communities"' | 'Musk agreed with a post on X accusing "Jewish communities" of pushing "hatred against whites"'
// Expect: 2024 | 1 | 'Musk post on X, January 2024: Dojo and Nvidia spending' | 'Dojo costs $500M, and Tesla will spend more than that on Nvidia hardware in 2024'
// Expect: 2024 | 1 | 'Musk post on X, January 2024: Dojo and Nvidia spending' | 'The competitive stakes in AI are at least several billion dollars a year'
// Expect: 2024 | 1 | 'Musk post on X, January 2024: Tesla is an AI/robotics company' | 'Tesla is an AI/robotics company that appears to many to be a car company'
// Expect: 2024 | 1 | 'Musk post on X, January 2024: ~25% voting control' | 'Musk is uncomfortable growing Tesla into an AI and robotics leader without about 25% voting control'
// Expect: 2024 | 1 | 'Musk post on X, January 2024: ~25% voting control' | 'Without that ownership, Musk would rather build products outside Tesla'
// Expect: 2024 | 4 | 'Musk post on X, 28 April 2024: ~$10B on AI' | 'Any company not spending at this level, and efficiently, cannot compete'
// Expect: 2024 | 4 | 'Musk post on X, 28 April 2024: ~$10B on AI' | 'Tesla will spend around $10B in 2024 on combined AI training and inference, inference mostly in the car'
