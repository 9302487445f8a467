// tangle: --empty --format csv
// CASE x WHEN a, b THEN ... (Neo4j 5) was a SyntaxError: a simple CASE's
// WHEN may list several values, and matches when the value equals any.
UNWIND [1, 2, 3, 4, null] AS x
RETURN x, CASE x WHEN 1, 2 THEN 'low' WHEN 3, x + 10 THEN 'three' ELSE 'other' END AS c,
       CASE x WHEN 4, null THEN 'four' END AS d;
RETURN CASE WHEN true, false THEN 1 END AS searched;
