// How X and xAI are tied together: who owns, founded, bought or invested
// in what on any path of one or two such steps between the two firms, and
// the two versions of Musk's "25% of xAI" claim, which the seeds report
// differently (X Corp investors will own it; X itself holds it).
MATCH ties = (:Firm {name: 'X'})-[:OWNS|TIED_TO|PART_OF|INVESTED_IN|ACQUIRED|FOUNDED*1..2]-(:Firm {name: 'xAI'})
WITH collect(ties) AS ties
MATCH claim = (:Person)-[:MADE]->(:Claim {fact: 'xai-25pct'})-[:ABOUT|DISAGREES_WITH]->()
WITH ties, collect(claim) AS claims
RENDER ties, claims TO $out
  OPTIONS {title: 'How X and xAI are tied together'};
