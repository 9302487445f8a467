// Question: What connects Tesla and xAI through exactly one intermediate node?
MATCH (t:Firm {name: 'Tesla'})-[r1]-(mid)-[r2]-(x:Firm {name: 'xAI'})
RETURN type(r1) AS tesla_side, coalesce(mid.name, mid.id) AS via, type(r2) AS xai_side
ORDER BY via, tesla_side, xai_side;
//
// Expect: tesla_side | via | xai_side
// Expect: 'CEO_OF' | 'Elon Musk' | 'FOUNDED'
// Expect: 'CEO_OF' | 'Elon Musk' | 'OWNS'
// Expect: 'OWNS' | 'Elon Musk' | 'FOUNDED'
// Expect: 'OWNS' | 'Elon Musk' | 'OWNS'
// Expect: 'WORKED_AT' | 'Ethan Knight' | 'WORKS_AT'
// Expect: 'CUSTOMER_OF' | 'Nvidia' | 'CUSTOMER_OF'
// Expect: 'MOVED_FROM' | 'Tesla staff moved to xAI' | 'MOVED_TO'
// Expect: 'ABOUT' | 'claim-blackwell-customers' | 'ABOUT'
// Expect: 'ASKED_FOR_COMMENT' | 'seed-002: Arabic report on the ties between Musk and Nvidia\'s Jensen Huang' | 'ASKED_FOR_COMMENT'
