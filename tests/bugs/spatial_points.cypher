// tangle: --empty --format csv --continue
// Spatial values as the Neo4j 5 manual defines them (values-and-types/spatial,
// functions/spatial, ordering-equality-comparison): point() in the four CRSs,
// components, text, equality, ordering, grouping, type predicates, properties,
// and the errors point() raises. Points were unknown before (issue 17).
RETURN point({x: 3, y: 0}) AS cartesian_2d, point({x: 0, y: 4, z: 1}) AS cartesian_3d,
       point({latitude: 12, longitude: 56}) AS geo_2d,
       point({latitude: 12, longitude: 56, height: 1000}) AS geo_3d;
// The CRS by name (any case) or srid; x and y in WGS-84; z as the height.
RETURN point({x: 2.3, y: 4.5, crs: 'WGS-84'}) AS a, point({x: 1, y: 2, srid: 4326}) AS b,
       point({x: 1, y: 2, z: 3, crs: 'cartesian-3D'}) AS c, point({longitude: 1, latitude: 2, z: 3}) AS d,
       point({x: 1, y: 2, crs: 'cartesian'}) AS e, point({longitude: 56.7, latitude: 12.78, crs: 'WGS-84-2D'}) AS f,
       point({x: 1, y: 2, z: 3, srid: 4979}) AS g, point({x: 1, y: 2, z: 3, srid: 9157}) AS h;
// Null in, null out; keys point() does not read are ignored.
RETURN point(null) AS p, point({x: null, y: 1}) AS q, point({x: 1, y: 2, name: 'here'}) AS r;
// Components (the manual's two examples).
WITH point({x: 3, y: 4}) AS p
RETURN p.x AS x, p.y AS y, p.crs AS crs, p.srid AS srid;
WITH point({latitude: 3, longitude: 4, height: 4321}) AS p
RETURN p.latitude AS latitude, p.longitude AS longitude, p.height AS height, p.x AS x, p.y AS y,
       p.z AS z, p.crs AS crs, p.srid AS srid;
// Longitudes wrap into -180..180; latitudes at the poles are fine.
RETURN point({longitude: 190, latitude: 0}).longitude AS a, point({longitude: -540, latitude: 0}).x AS b,
       point({longitude: 180, latitude: 90}) AS c, point({longitude: -180, latitude: -90}) AS d;
// toString() and string concatenation are not the same: only toString() takes a point.
RETURN toString(point({x: 1, y: 2})) AS s, toString(point({longitude: 1, latitude: 2, height: 3})) AS t,
       toString(point({x: -0.5, y: 1e20, z: 1e-7})) AS u;
// Equality: same CRS and coordinates.
RETURN point({x: 1, y: 2}) = point({x: 1.0, y: 2.0}) AS same,
       point({x: 1, y: 2}) = point({x: 1, y: 2, z: 0}) AS dims,
       point({x: 1, y: 2}) = point({x: 1, y: 2, crs: 'wgs-84'}) AS crs,
       point({x: 1, y: 2}) <> point({x: 2, y: 1}) AS differ,
       point({x: 1, y: 2}) = null AS withNull, point({x: 1, y: 2}) = 1 AS otherType,
       point({x: 1, y: 2}) IN [1, point({x: 1.0, y: 2.0})] AS found,
       [point({x: 0, y: 0})] = [point({x: -0.0, y: 0})] AS signedZero;
// Points are not ordered by <, <=, >, >=: null.
RETURN point({x: 1, y: 2}) < point({x: 2, y: 3}) AS lt, point({x: 1, y: 2}) <= point({x: 1, y: 2}) AS le,
       point({x: 1, y: 2}) > point({longitude: 1, latitude: 2}) AS gt, point({x: 1, y: 2}) >= 1 AS ge;
// ORDER BY: by srid (4326, 4979, 7203, 9157), then x, y, z.
UNWIND [point({x: 2, y: 1}), point({latitude: 1, longitude: 1}), point({x: 1, y: 5}),
        point({x: 1, y: 2, z: 0}), point({latitude: 1, longitude: 1, height: 1}), point({x: 1, y: 2}),
        point({latitude: 0, longitude: 1})] AS p
RETURN p ORDER BY p;
// Among other types: after lists and paths, before the temporals.
UNWIND [date('2024-02-10'), point({x: 1, y: 1}), [1, 2], 'a', {k: 1}, null, 42, duration('P1D')] AS v
RETURN v ORDER BY v DESC;
// DISTINCT and grouping treat 1 and 1.0 alike, CRSs apart.
UNWIND [point({x: 1, y: 1}), point({x: 1.0, y: 1.0}), point({latitude: 1, longitude: 1}), point({x: 1, y: 1})] AS p
RETURN p, count(*) AS n ORDER BY n DESC;
UNWIND [point({x: 1, y: 1}), point({x: 1.0, y: 1.0}), point({x: 1, y: 1, z: 1})] AS p
RETURN count(DISTINCT p) AS n, min(p) AS least, max(p) AS most;
// Type predicates and valueType().
RETURN point({x: 1, y: 2}) IS :: POINT AS isPoint, point({x: 1, y: 2}) IS :: POINT NOT NULL AS notNull,
       valueType(point({x: 1, y: 2})) AS t, valueType([point({x: 1, y: 2})]) AS lt,
       1 IS :: POINT AS one, null IS :: POINT AS nul, point({x: 1, y: 2}) IS :: PROPERTY VALUE AS prop,
       [point({x: 1, y: 2})] IS :: LIST<POINT> AS list;
// Properties on nodes and relationships, lists of points included.
CREATE (a:P {at: point({x: 1, y: 2}), trail: [point({x: 1, y: 1}), point({x: 2, y: 2})]})
       -[r:R {via: point({latitude: 55.6, longitude: 13.0, height: 12})}]->(b:P {name: 'b'})
RETURN a.at.x AS x, a.trail[1].y AS y, r.via.height AS h, a, r;
MATCH (n:P {name: 'b'}) SET n.at = point({longitude: 1, latitude: 2}) RETURN n.at.crs AS crs;
MATCH (n:P) WHERE n.at = point({latitude: 2, longitude: 1}) RETURN n.name AS name;
MATCH (n:P) RETURN n.at AS at ORDER BY at;
MATCH (n:P) WITH n.at AS at, count(*) AS c RETURN at, c ORDER BY at;
// The points of one list property share a CRS, as in Neo4j.
CREATE (:Q {bad: [point({x: 1, y: 1}), point({latitude: 1, longitude: 1})]});
MATCH (n:Q) RETURN count(n) AS none;
// Errors as Neo4j gives them.
RETURN point({x: 1});
RETURN point({latitude: 100, longitude: 0});
RETURN point({x: 'a', y: 1});
RETURN point({x: 1, y: 2, crs: 'nope'});
RETURN point({x: 1, y: 2, srid: 1234});
RETURN point({x: 1, y: 2, z: 3, crs: 'cartesian'});
RETURN point({x: 1, y: 2, crs: 'cartesian-3d'});
RETURN point({latitude: 1, longitude: 2, crs: 'cartesian'});
RETURN point({x: 1, y: 2, crs: 'wgs-84', srid: 7203});
RETURN point({x: 1, longitude: 2, y: 3});
RETURN point({x: 1, latitude: 2});
RETURN point({x: 1, y: 2, crs: 7203});
RETURN point('x');
RETURN point({x: 1, y: 2}).latitude;
RETURN point({x: 1, y: 2}).z;
RETURN point({latitude: 1, longitude: 2}).height;
RETURN point({x: 1, y: 2}).foo;
RETURN point({x: 1, y: 2}) + 1;
RETURN 'at ' + point({x: 1, y: 2});
// `point` stays a name for variables and keys; point.x on a variable is a component.
WITH point({x: 1, y: 2}) AS point, {point: 3} AS m
RETURN point.x AS x, m.point AS k, point.distance(point, point({x: 4, y: 6})) AS d;
CREATE (n:Loc {point: point({x: 1, y: 2})}) RETURN n.point.y AS y;
// Neo4j 5 dropped distance() for point.distance().
RETURN distance(point({x: 1, y: 2}), point({x: 1, y: 2}));
