// Question: How is Larry Ellison tied to Musk, his firms and xAI's chips?
MATCH (e:Person {name: 'Larry Ellison'})-[r]->(t)
RETURN type(r) AS tie, coalesce(t.name, t.text) AS target, r.former AS former
ORDER BY tie, target;
//
// Expect: tie | target | former
// Expect: 'BOARD_MEMBER_OF' | 'Tesla' | true
// Expect: 'CHAIR_OF' | 'Oracle' | null
// Expect: 'FOUNDED' | 'Oracle' | null
// Expect: 'INVESTED_IN' | 'X' | null
// Expect: 'KNOWS' | 'Elon Musk' | null
// Expect: 'MADE' | 'xAI obtained Nvidia GPUs through Oracle to build the first version of Grok, but Oracle could not meet its demands' | null
// Expect: 'MADE' | 'xAI wants far more GPUs than Oracle gave it; Oracle gave quite a few and is getting it more' | null
// Expect: 'SPOKE_AT' | 'Oracle OpenWorld 2017' | null
