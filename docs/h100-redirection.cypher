// The H100 redirection between Tesla and X, as Nvidia's December memo
// describes it: 12,000 shipped H100s went from Tesla to X on Musk's order,
// X's own 12,000 orders went to Tesla in exchange, and Tesla's deliveries
// were delayed by months ($500M, or "more than $500M", by seed).
MATCH (e:Event)-[:INVOLVES]->(:Chip {name: 'H100'})
MATCH fact = (e)-[r]-()
WHERE type(r) <> 'ABOUT'
RENDER fact TO $out
  OPTIONS {title: 'The H100 redirection between Tesla and X'};
