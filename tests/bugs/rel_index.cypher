// tangle: --empty --format csv --continue
// Relationship property indexes (Neo4j 5): CREATE [RANGE] INDEX FOR
// ()-[r:T]-() ON (r.p), in any direction, one key or several. The planner
// seeks them for a relationship whose ends are not bound yet when that is
// cheaper than scanning nodes: DirectedRelationshipIndexSeek binds r and
// its ends as written, UndirectedRelationshipIndexSeek gives each
// relationship both ways round (a self-loop once). Writes and rollbacks
// keep the index current.
UNWIND range(1, 30) AS i
CREATE (a:City {n: i})-[:ROAD {km: i % 7, name: 'road' + i, lanes: i % 3}]->(b:Town {n: i});
CREATE (c:City {n: 99})-[:ROAD {km: 3, name: 'ring', lanes: 1}]->(c);
CREATE INDEX road_km FOR ()-[r:ROAD]-() ON (r.km);
CREATE RANGE INDEX road_name FOR ()-[r:ROAD]->() ON (r.name);
CREATE INDEX IF NOT EXISTS FOR ()<-[r:ROAD]-() ON (r.lanes, r.km);
// the same keys again: an error, or nothing with IF NOT EXISTS
CREATE INDEX again FOR ()-[r:ROAD]-() ON (r.km);
CREATE INDEX again IF NOT EXISTS FOR ()-[r:ROAD]-() ON (r.km);
// a node index on a label named like the type is another index
CREATE INDEX FOR (n:ROAD) ON (n.km);
CREATE TEXT INDEX FOR ()-[r:ROAD]-() ON (r.name);
SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties, owningConstraint, createStatement;
CALL db.indexes() YIELD name, label, property, type RETURN name, label, property, type ORDER BY name;
// = in the property map, directed
EXPLAIN MATCH (a)-[r:ROAD {km: 3}]->(b) RETURN a.n, b.n;
MATCH (a)-[r:ROAD {km: 3}]->(b) RETURN a.n, b.n ORDER BY a.n;
// undirected: both ways round; the self-loop once
EXPLAIN MATCH (a)-[r:ROAD]-(b) WHERE r.km = 3 RETURN a.n, b.n;
MATCH (a)-[r:ROAD]-(b) WHERE r.km = 3 RETURN a.n, b.n ORDER BY a.n, b.n;
// written right to left
MATCH (b)<-[r:ROAD]-(a) WHERE r.km = 0 RETURN b.n, a.n ORDER BY b.n;
// the same node at both ends: only the self-loop
MATCH (a)-[r:ROAD {km: 3}]-(a) RETURN a.n, r.name;
// labelled ends are checked after the seek
MATCH (a:City)-[r:ROAD {km: 3}]->(b:City) RETURN a.n, b.n;
MATCH (a:Town)-[r:ROAD {km: 3}]-(b) RETURN a.n, b.n ORDER BY a.n;
// ranges, IN, STARTS WITH, IS NOT NULL
EXPLAIN MATCH (a)-[r:ROAD]->(b) WHERE r.km > 4 AND r.km <= 5 RETURN count(*);
MATCH (a)-[r:ROAD]->(b) WHERE r.km > 4 AND r.km <= 5 RETURN count(*);
MATCH (a)-[r:ROAD]->(b) WHERE 6 <= r.km RETURN r.name ORDER BY r.name;
MATCH (a)-[r:ROAD]->(b) WHERE r.km IN [0, 6.0, '6'] RETURN r.km, count(*) ORDER BY r.km;
EXPLAIN MATCH (a)-[r:ROAD]->(b) WHERE r.name STARTS WITH 'road2' RETURN r.name;
MATCH (a)-[r:ROAD]->(b) WHERE r.name STARTS WITH 'road2' RETURN r.name ORDER BY r.name;
// nothing across types, nothing for null
MATCH ()-[r:ROAD]->() WHERE r.km = '3' RETURN count(*);
MATCH ()-[r:ROAD]->() WHERE r.km = null RETURN count(*);
// composite: = on the first key
EXPLAIN MATCH (a)-[r:ROAD]->(b) WHERE r.lanes = 2 AND r.km < 3 RETURN r.name;
MATCH (a)-[r:ROAD]->(b) WHERE r.lanes = 2 AND r.km < 3 RETURN r.name ORDER BY r.name;
// an end found by a label scan only: the seek is cheaper, the end a filter
EXPLAIN MATCH (a:City {n: 99}) MATCH (a)-[r:ROAD]->(b) WHERE r.km = 3 RETURN b.n;
// an end bound before the clause: expanded from, not sought
EXPLAIN MATCH (a:City {n: 99}) WITH a MATCH (a)-[r:ROAD]->(b) WHERE r.km = 3 RETURN b.n;
MATCH (a:City {n: 99}) WITH a MATCH (a)-[r:ROAD]->(b) WHERE r.km = 3 RETURN b.n;
// other properties in the map stay a filter
EXPLAIN MATCH (a)-[r:ROAD {km: 3, lanes: 1}]->(b) RETURN r.name;
MATCH (a)-[r:ROAD {km: 3, lanes: 1}]->(b) RETURN r.name ORDER BY r.name;
// two relationships of one clause are different relationships
MATCH ()-[r:ROAD {km: 3}]->(), ()-[q:ROAD {km: 3}]->() RETURN count(*);
// writes keep the index current; a failed statement leaves it as it was
MATCH ()-[r:ROAD {km: 3}]->() SET r.km = 30;
MATCH ()-[r:ROAD {km: 30}]->() RETURN count(*);
MATCH ()-[r:ROAD {km: 30}]->() SET r.km = 3 WITH r RETURN 1 / 0;
MATCH ()-[r:ROAD {km: 30}]->() RETURN count(*);
MATCH ()-[r:ROAD {km: 3}]->() RETURN count(*);
MATCH ()-[r:ROAD {km: 30}]->() DELETE r;
MATCH ()-[r:ROAD {km: 30}]->() RETURN count(*);
MATCH (a:City {n: 1}), (b:Town {n: 2}) CREATE (a)-[:ROAD {km: 30}]->(b);
MATCH (a)-[r:ROAD {km: 30}]->(b) RETURN a.n, b.n;
MATCH ()-[r:ROAD {km: 30}]->() REMOVE r.km;
MATCH ()-[r:ROAD {km: 30}]->() RETURN count(*);
// an end bound earlier with many relationships: the seek checks that end
// instead of expanding from it (left or right, both ways round when undirected)
CREATE (h:Hub {n: 0}) WITH h UNWIND range(1, 40) AS i CREATE (h)<-[:ROAD {km: i % 7, name: 'spoke' + i}]-(:Spoke {n: i});
EXPLAIN MATCH (h:Hub {n: 0}) MATCH (h)<-[r:ROAD {km: 2}]-(s) RETURN s.n;
MATCH (h:Hub {n: 0}) MATCH (h)<-[r:ROAD {km: 2}]-(s) RETURN s.n ORDER BY s.n;
MATCH (h:Hub {n: 0}) MATCH (s)-[r:ROAD {km: 2}]->(h) RETURN s.n ORDER BY s.n;
MATCH (h:Hub {n: 0}) MATCH (h)-[r:ROAD {km: 2}]->(s) RETURN count(*);
MATCH (h:Hub {n: 0}) MATCH (h)-[r:ROAD]-(s) WHERE r.km = 2 RETURN s.n ORDER BY s.n;
MATCH (h:Hub {n: 0}) MATCH (s)-[r:ROAD]-(h) WHERE r.km = 2 RETURN s.n ORDER BY s.n;
DROP INDEX road_km;
EXPLAIN MATCH (a)-[r:ROAD {km: 3}]->(b) RETURN a.n;
SHOW INDEXES YIELD name, entityType;
