// Question: How much money did xAI raise, when, and from whom?
MATCH (round:Event {kind: 'funding round'})-[:RAISED_FOR]->(f:Firm)
RETURN f.name AS firm, round.amount_usd AS amount_usd, round.date AS closed_on, round.led_by AS led_by,
       round.sources AS sources
ORDER BY firm, closed_on;
//
// Expect: firm | amount_usd | closed_on | led_by | sources
// Expect: 'xAI' | 6000000000 | 2024-05-26 | 'many of the same investors who financed Musk\'s Twitter acquisition' | ['seed-000', 'seed-001']
