// tangle: --format csv
// Neo4j 5's type predicates (x IS [NOT] :: T, x :: T, IS [NOT] TYPED) were
// SyntaxErrors. Types nullable unless NOT NULL, synonyms, LIST<T>, unions,
// ANY<...>, PROPERTY VALUE; '|' after a type is a list comprehension's when
// no type follows; EXPLAIN shows the canonical type; valueType() names a
// value's type as a predicate writes it; a bad type names its place.
RETURN [x IN [1, 'a', 2] WHERE x :: INTEGER | x * 10] AS comprehension;
RETURN 1.5 IS :: FLOAT AS f, localtime() IS :: TIME WITHOUT TIME ZONE AS lt, datetime() IS :: ZONED DATETIME AS zdt, localdatetime() IS :: TIMESTAMP WITHOUT TIME ZONE AS ldt, duration('P1D') IS :: DURATION AS d;
RETURN {a: 1} IS :: ANY MAP AS m, [[1], [2, null]] IS :: LIST<LIST<INT>> AS nested, [1, 'x'] IS :: ANY<LIST<INT> | LIST<STRING>> AS anyunion, [] IS :: LIST<NOTHING> AS empty, [1] IS :: LIST<NOTHING> AS notempty;
RETURN [1, 2] IS :: PROPERTY VALUE AS pv, [1, 'a'] IS :: PROPERTY VALUE AS mixed, {a: 1} IS :: PROPERTY VALUE AS map, null IS :: NULL AS isnull, 1 IS :: NULL AS notnull, null IS :: NOTHING AS nothing, null IS :: ANY NOT NULL AS anynn;
MATCH p = (a)-[r]->(b) RETURN a IS :: NODE AS n, r IS :: EDGE AS e, p IS :: PATH AS p1, a IS :: RELATIONSHIP AS wrong LIMIT 1;
WITH [1, 'a', null] AS l UNWIND l AS x RETURN x, x IS :: INTEGER | STRING AS union, x IS NOT :: INTEGER NOT NULL AS notint;
EXPLAIN MATCH (n) WHERE n.x :: LIST<int> NOT NULL RETURN n;
RETURN valueType(1) AS a, valueType(null) AS b, valueType([1, 2]) AS c, valueType([1, 'a', null]) AS d, valueType([]) AS e, valueType([null]) AS f, valueType([[1], ['x'], [1]]) AS g, valueType(date()) AS h, valueType({a: 1}) AS i;
UNWIND [1, 'a', null, [1, null], [[1.5], []], {k: 1}, date()] AS x RETURN valueType(x) AS type;
RETURN 1 IS :: LIST<INT | FOO>;
