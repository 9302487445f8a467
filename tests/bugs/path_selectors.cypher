// tangle: --empty --format csv
// Neo4j 5 path selectors. Selection is per pair of end nodes, after the
// pattern's own predicates and the MATCH's WHERE have filtered the paths.
CREATE (a:Station {name: 'Alder'}), (b:Station {name: 'Birch'}), (c:Station {name: 'Cedar'}),
       (d:Station {name: 'Dogwood'}), (e:Station {name: 'Elm'}), (f:Station {name: 'Fir'}),
       (a)-[:LINK {km: 4}]->(b), (b)-[:LINK {km: 3}]->(d), (a)-[:LINK {km: 2}]->(c),
       (c)-[:LINK {km: 2}]->(e), (e)-[:LINK {km: 1}]->(d), (a)-[:LINK {km: 20}]->(d),
       (a)-[:LINK {km: 5}]->(f), (f)-[:LINK {km: 5}]->(d);
// the direct link
MATCH p = SHORTEST 1 (x:Station {name: 'Alder'})-[:LINK]-+(y:Station {name: 'Dogwood'}) RETURN length(p) AS len;
// WHERE filters before selecting: the two shortest longer than 1
MATCH p = SHORTEST 2 (x:Station {name: 'Alder'})-[:LINK]-+(y:Station {name: 'Dogwood'}) WHERE length(p) > 1
RETURN [n IN nodes(p) | n.name] AS route ORDER BY length(p), route;
// without the long link: two shortest routes of two links
MATCH p = ALL SHORTEST (x:Station {name: 'Alder'})-[l:LINK WHERE l.km < 10]-+(y:Station {name: 'Dogwood'})
RETURN [n IN nodes(p) | n.name] AS route ORDER BY route;
MATCH p = ANY SHORTEST PATH (x:Station {name: 'Alder'})-[l:LINK WHERE l.km < 10]-+(y:Station {name: 'Dogwood'})
RETURN length(p) AS len;
// the two shortest lengths (2 and 3)
MATCH p = SHORTEST 2 PATHS GROUPS (x:Station {name: 'Alder'})-[l:LINK WHERE l.km < 10]-+(y:Station {name: 'Dogwood'})
RETURN length(p) AS len, [n IN nodes(p) | n.name] AS route ORDER BY len, route;
// ANY: one path to each station reachable, Alder itself by a round trip
MATCH p = ANY (x:Station {name: 'Alder'})-[:LINK]-+(y) RETURN y.name, count(*) AS n ORDER BY y.name;
MATCH p = ANY 2 PATHS (x:Station {name: 'Alder'})-[:LINK]-+(y:Station {name: 'Dogwood'}) RETURN count(*) AS n;
// a quantified path pattern with a predicate inside
MATCH p = SHORTEST 1 (x:Station {name: 'Alder'}) ((s)-[l:LINK]-(t) WHERE l.km < 4)+ (y:Station {name: 'Dogwood'})
RETURN [n IN nodes(p) | n.name] AS route, reduce(k = 0, r IN l | k + r.km) AS km;
// per pair of end nodes
MATCH p = SHORTEST 1 (x:Station {name: 'Alder'})-[:LINK]-+(y:Station) WHERE y.name IN ['Elm', 'Fir']
RETURN y.name, length(p) AS len ORDER BY y.name;
// per input row
UNWIND ['Birch', 'Elm'] AS dest
MATCH p = SHORTEST 1 (x:Station {name: 'Alder'})-[:LINK]-+(y:Station {name: dest}) RETURN dest, length(p) AS len;
// nothing found: OPTIONAL MATCH gives nulls
OPTIONAL MATCH p = ANY SHORTEST (x:Station {name: 'Alder'})-[:NOPE]-+(y) RETURN p;
// shortestPath() is unchanged
MATCH p = shortestPath((x:Station {name: 'Alder'})-[:LINK*]-(y:Station {name: 'Elm'})) RETURN length(p) AS len;
// ALL is no selection
MATCH p = ALL PATHS (x:Station {name: 'Alder'})-[:LINK]->{2}(y:Station {name: 'Dogwood'}) RETURN count(*) AS n;
EXPLAIN MATCH p = SHORTEST 1 (x:Station {name: 'Alder'})-[:LINK]-+(y:Station {name: 'Dogwood'}) RETURN p;
