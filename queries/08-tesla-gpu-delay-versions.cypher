// Question: How much of Tesla's GPU supply did the redirection delay, according to each article?
MATCH (:Event)-[r:DELAYED_DELIVERY_TO]->(:Firm {name: 'Tesla'})
RETURN r.qualifier AS qualifier, r.value_usd AS value_usd, r.duration AS duration, r.certainty AS certainty,
       r.sources AS sources
ORDER BY r.variant;
//
// Expect: qualifier | value_usd | duration | certainty | sources
// Expect: null | 500000000 | 'months' | 'may delay' | ['seed-001']
// Expect: 'more than' | 500000000 | 'months' | 'did delay' | ['seed-000', 'seed-003', 'seed-004']
