// Question: Which claims with a number in them rest on a single article?
MATCH (c:Claim)
WHERE size(c.sources) = 1 AND (c.value IS NOT NULL OR c.stake IS NOT NULL)
RETURN c.id AS claim, c.value AS value, c.stake AS stake, c.unit AS unit, c.sources AS source
ORDER BY claim;
//
// Expect: claim | value | stake | unit | source
// Expect: 'claim-dgx-credit' | 2012 | null | 'start year' | ['seed-002']
// Expect: 'claim-dgx-delivery' | 5 | null | 'years' | ['seed-002']
// Expect: 'claim-dojo-buffalo' | 500000000 | null | 'USD' | ['seed-000']
// Expect: 'claim-dojo-cost-nvidia-spend' | 500000000 | null | 'USD' | ['seed-002']
// Expect: 'claim-tesla-cluster-live' | 10000 | null | 'H100 GPUs' | ['seed-002']
// Expect: 'claim-voting-control' | null | 0.25 | 'share of Tesla voting control' | ['seed-000']
// Expect: 'claim-xai-25-x-corp-investors' | null | 0.25 | 'share of xAI' | ['seed-000']
