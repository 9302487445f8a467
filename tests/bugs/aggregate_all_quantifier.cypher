// tangle: --empty --format csv
// count(ALL x) (Neo4j 5: ALL is the default set quantifier of an
// aggregate's argument) was a SyntaxError; all(x IN ...) is unaffected.
UNWIND [1, 1, 2, null] AS x
RETURN count(ALL x) AS countAll, sum(ALL x) AS sumAll, collect(ALL x) AS collectAll,
       count(DISTINCT x) AS countDistinct, count(all(y IN [x] WHERE y > 1)) AS quantified;
