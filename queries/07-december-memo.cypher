// Question: What did Nvidia's December memo describe, and what was exchanged for what?
MATCH (memo:Document {id: 'nvidia-memo-2023-12'})-[:DESCRIBES]->(e:Event)-[i:INVOLVES]->(chip:Chip)
MATCH (e)-[:REDIRECTED_TO]->(dest:Firm)
OPTIONAL MATCH (e)-[:IN_EXCHANGE_FOR]->(other:Event)
RETURN e.name AS move, i.units AS units, chip.name AS chip, dest.name AS now_goes_to,
       e.scheduled_months AS scheduled_months, other.name AS in_exchange_for
ORDER BY move;
//
// Expect: move | units | chip | now_goes_to | scheduled_months | in_exchange_for
// Expect: 'Redirect of 12,000 shipped H100s from Tesla to X' | 12000 | 'H100' | 'X' | null | null
// Expect: 'Redirect of X\'s 12,000 H100 orders to Tesla' | 12000 | 'H100' | 'Tesla' | [1, 6] | 'Redirect of 12,000 shipped H100s from Tesla to X'
