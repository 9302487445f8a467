// tangle: --empty --format csv --continue
// Point indexes (CREATE POINT INDEX): point values only, kept in the
// order srid, x, y, z. The planner seeks one for point.withinBBox(n.p,
// lowerLeft, upperRight) and point.distance(n.p, q) < r (or <= r, either
// side, either argument): the seek gives the points of the CRS whose x (or
// longitude) can pass, and the predicate, kept as a filter, decides. A
// grid of cartesian points 0..9 x 0..9 (n = 10x + y), and WGS-84 points
// around the globe.
UNWIND range(0, 9) AS x UNWIND range(0, 9) AS y
CREATE (:Place {n: x * 10 + y, p: point({x: x, y: y})});
CREATE (:Place {n: 200, p: point({longitude: 179.9, latitude: 0})}),
       (:Place {n: 201, p: point({longitude: -179.9, latitude: 0})}),
       (:Place {n: 202, p: point({longitude: 0, latitude: 89.9})}),
       (:Place {n: 203, p: point({longitude: 180, latitude: 89.95})}),
       (:Place {n: 204, p: point({longitude: 10, latitude: 50})}),
       (:Place {n: 205, p: point({longitude: 10, latitude: 50, height: 100})}),
       (:Place {n: 206, p: point({x: 5, y: 5, z: 1})}),
       (:Place {n: 207}), (:Town {n: 208, p: point({x: 5, y: 5})});
CREATE POINT INDEX place_p FOR (n:Place) ON (n.p);
CREATE POINT INDEX IF NOT EXISTS FOR (n:Place) ON (n.p);
CREATE POINT INDEX again FOR (n:Place) ON (n.p);
CREATE POINT INDEX FOR (n:Place) ON (n.p, n.q);
CREATE POINT INDEX FOR ()-[r:NEAR]-() ON (r.p);
CREATE POINT INDEX FOR (t:Town) ON (t.p);
SHOW POINT INDEXES YIELD name, type, entityType, labelsOrTypes, properties, indexProvider, createStatement;
SHOW RANGE INDEXES YIELD name;
// a box: 2 <= x <= 3, 3 <= y <= 5
EXPLAIN MATCH (n:Place) WHERE point.withinBBox(n.p, point({x: 2, y: 3}), point({x: 3, y: 5})) RETURN n.n;
MATCH (n:Place) WHERE point.withinBBox(n.p, point({x: 2, y: 3}), point({x: 3, y: 5})) RETURN n.n ORDER BY n.n;
// an empty box, a box of another CRS, null corners
MATCH (n:Place) WHERE point.withinBBox(n.p, point({x: 3, y: 3}), point({x: 2, y: 5})) RETURN count(*);
MATCH (n:Place) WHERE point.withinBBox(n.p, point({x: 2, y: 3, z: 0}), point({x: 3, y: 5, z: 2})) RETURN n.n;
MATCH (n:Place) WHERE point.withinBBox(n.p, null, point({x: 3, y: 5})) RETURN count(*);
// WGS-84: a box across the 180th meridian
MATCH (n:Place) WHERE point.withinBBox(n.p, point({longitude: 179, latitude: -1}), point({longitude: -179, latitude: 1}))
RETURN n.n ORDER BY n.n;
// distances: within 1.5 of (5, 5) is the 3 x 3 square around it
EXPLAIN MATCH (n:Place) WHERE point.distance(n.p, point({x: 5, y: 5})) <= 1.5 RETURN n.n;
MATCH (n:Place) WHERE point.distance(n.p, point({x: 5, y: 5})) <= 1.5 RETURN n.n ORDER BY n.n;
// < excludes the points at exactly 1; <= keeps them
MATCH (n:Place) WHERE point.distance(point({x: 5, y: 5}), n.p) < 1 RETURN n.n ORDER BY n.n;
MATCH (n:Place) WHERE 1 >= point.distance(point({x: 5, y: 5}), n.p) RETURN n.n ORDER BY n.n;
// a parameter-like value from an earlier clause; null, NaN and negative radii match nothing
WITH point({x: 0, y: 0}) AS q MATCH (n:Place) WHERE point.distance(n.p, q) < 1.1 RETURN n.n ORDER BY n.n;
MATCH (n:Place) WHERE point.distance(n.p, point({x: 0, y: 0})) < null RETURN count(*);
MATCH (n:Place) WHERE point.distance(n.p, point({x: 0, y: 0})) < 0.0 / 0.0 RETURN count(*);
MATCH (n:Place) WHERE point.distance(n.p, point({x: 0, y: 0})) <= -1 RETURN count(*);
// WGS-84 distances (metres): 0.1 degree of longitude at 50 N is about 7.2 km;
// across the 180th meridian; near the pole every longitude can be close
MATCH (n:Place) WHERE point.distance(n.p, point({longitude: 10.1, latitude: 50})) < 10000 RETURN n.n;
MATCH (n:Place) WHERE point.distance(n.p, point({longitude: 10.1, latitude: 50})) < 5000 RETURN n.n;
MATCH (n:Place) WHERE point.distance(n.p, point({longitude: 180, latitude: 0})) < 20000 RETURN n.n ORDER BY n.n;
MATCH (n:Place) WHERE point.distance(n.p, point({longitude: 90, latitude: 89.95})) < 20000 RETURN n.n ORDER BY n.n;
// 3D WGS-84: height counts
MATCH (n:Place) WHERE point.distance(n.p, point({longitude: 10, latitude: 50, height: 0})) < 150 RETURN n.n;
// the index follows writes, and a failed statement leaves it as it was
MATCH (n:Place {n: 55}) SET n.p = point({x: 50, y: 50});
MATCH (n:Place) WHERE point.distance(n.p, point({x: 50, y: 50})) < 1 RETURN n.n;
MATCH (n:Place {n: 55}) SET n.p = point({x: 60, y: 60}) WITH n RETURN 1 / 0;
MATCH (n:Place) WHERE point.distance(n.p, point({x: 60, y: 60})) < 1 RETURN n.n;
MATCH (n:Place) WHERE point.distance(n.p, point({x: 50, y: 50})) < 1 RETURN n.n;
// a value that is not a point leaves the index; the seek never reads it, so
// it raises no type error here (a scan would: the first argument must be a POINT)
MATCH (n:Place {n: 55}) SET n.p = 'somewhere';
MATCH (n:Place) WHERE point.withinBBox(n.p, point({x: 40, y: 40}), point({x: 60, y: 60})) RETURN count(*);
MATCH (n:Place {n: 55}) REMOVE n:Place;
MATCH (n:Place {n: 56}) DETACH DELETE n;
MATCH (n:Place) WHERE point.distance(n.p, point({x: 5, y: 5})) <= 1.5 RETURN n.n ORDER BY n.n;
DROP INDEX place_p;
EXPLAIN MATCH (n:Place) WHERE point.distance(n.p, point({x: 5, y: 5})) <= 1.5 RETURN n.n;
