// Musk's forecasts and promises, and the documents that contradict them:
// Nvidia's late-April email says his H100 forecast and his ~$10B AI
// spending post "conflict with bookings"; the blog post behind seed-003/004
// calls the H100 promise short-lived. Contradicted claims are drawn in red.
MATCH made = (:Person {name: 'Elon Musk'})-[:MADE]->(c:Claim)
WHERE c.kind IN ['forecast', 'promise'] OR EXISTS { (c)<-[:CONTRADICTS]-() }
OPTIONAL MATCH against = (c)<-[:CONTRADICTS|SUPPORTS]-(:Document)
RENDER made, against TO $out
  OPTIONS {title: "Musk's forecasts and promises, and the documents that contradict them"};
