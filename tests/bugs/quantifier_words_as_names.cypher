// tangle: --empty --continue
// all, any, none and single are keywords only before '(' (quantifiers),
// as path selectors and in UNION ALL; used as variables elsewhere they
// were syntax errors (size(all)).
WITH [1, 2] AS all RETURN size(all) AS s, all AS a, all[0] AS f, all + [3] AS p;
WITH [1, 2] AS any, 3 AS none, 'x' AS single RETURN size(any) AS s, none + 1 AS n, single AS si, count(any) AS c;
WITH [1, 2] AS all UNWIND all AS x RETURN x ORDER BY x DESC;
WITH 2 AS any WHERE any > 1 RETURN any;
RETURN all(x IN [1] WHERE x > 0) AS q, any(x IN [1] WHERE x > 1) AS r, none(x IN [] WHERE true) AS s, single(x IN [1, 2] WHERE x = 2) AS t;
RETURN 1 AS x UNION ALL RETURN 1 AS x;
RETURN 1 IS :: ANY AS t;
WITH {all: 1, any: 2} AS m RETURN m.all AS v, m.any AS w;
