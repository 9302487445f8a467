// tangle: --empty --format csv
// any(x IN 'abc' WHERE ...) was a SyntaxError ("expected a list"); in Neo4j
// a value that is not a list stands for a list of itself in a quantifier.
RETURN any(x IN 'abc' WHERE x = 'abc') AS anyString, all(x IN 5 WHERE x > 1) AS allInt,
       none(x IN 5 WHERE x > 1) AS noneInt, single(x IN {k: 1} WHERE x.k = 1) AS singleMap,
       any(x IN null WHERE true) AS anyNull, all(x IN [] WHERE false) AS allEmpty;
