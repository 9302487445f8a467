// Question: For each claim Musk made, how many articles report it, and in which languages?
MATCH (:Person {name: 'Elon Musk'})-[:MADE]->(c:Claim)
MATCH (d:Document {seed: true})
WHERE d.id IN c.sources
WITH c, collect(DISTINCT d.language) AS langs
RETURN c.id AS claim, size(c.sources) AS articles,
       size([l IN langs WHERE l = 'ar']) > 0 AS in_arabic,
       size([l IN langs WHERE l = 'id']) > 0 AS in_indonesian,
       size([l IN langs WHERE l = 'ja']) > 0 AS in_japanese
ORDER BY articles DESC, claim;
//
// Expect: claim | articles | in_arabic | in_indonesian | in_japanese
// Expect: 'claim-ai-spend-10b' | 4 | true | true | true
// Expect: 'claim-h100-85k' | 4 | true | true | true
// Expect: 'claim-autonomy-investors' | 3 | true | true | true
// Expect: 'claim-future-products' | 3 | true | true | true
// Expect: 'claim-grok-rebellious' | 3 | true | true | true
// Expect: 'claim-tesla-needs-gpus' | 3 | true | true | true
// Expect: 'claim-xai-25-twitter' | 2 | false | true | true
// Expect: 'claim-ai-stakes-billions' | 1 | true | false | false
// Expect: 'claim-austin-cluster' | 1 | true | false | false
// Expect: 'claim-build-outside-tesla' | 1 | true | false | false
// Expect: 'claim-dojo-buffalo' | 1 | true | false | false
// Expect: 'claim-dojo-cost-nvidia-spend' | 1 | true | false | false
// Expect: 'claim-dojo-long-shot' | 1 | true | false | false
// Expect: 'claim-dual-path' | 1 | true | false | false
// Expect: 'claim-endorsed-post' | 1 | true | false | false
// Expect: 'claim-nothing-better-than-nvidia' | 1 | true | false | false
// Expect: 'claim-nvidia-no-monopoly' | 1 | true | false | false
// Expect: 'claim-spend-or-lose' | 1 | true | false | false
// Expect: 'claim-tesla-ai-leader' | 1 | true | false | false
// Expect: 'claim-tesla-is-ai-company' | 1 | true | false | false
// Expect: 'claim-voting-control' | 1 | true | false | false
// Expect: 'claim-xai-25-x-corp-investors' | 1 | true | false | false
