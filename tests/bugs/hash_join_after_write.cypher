// tangle: --empty --format csv
// A HashJoin built its table when first asked for a row, before the probe
// side had run the CREATE below it, so the nodes created in the same
// statement were missing: this returned 0 (the reference plan: 4). The
// table is now built once the first probe row exists.
CREATE (:A {k: 1}), (:A {k: 1}) WITH count(*) AS c MATCH (a:A), (b:A) WHERE a.k = b.k RETURN count(*) AS n;
MATCH (a:A), (b:A) WHERE a.k = b.k RETURN count(*) AS n;
