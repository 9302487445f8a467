// tangle: --empty --format csv --continue
// point.distance() and point.withinBBox() as the Neo4j 5 manual defines them
// (functions/spatial): Pythagoras for cartesian points; for WGS-84 the
// haversine distance in metres on a sphere of radius 6378140 m, in 3D at the
// mean height with the height difference added by Pythagoras. Expected values
// were worked out apart from Tangle (python3's math module).
CREATE (copenhagen:TrainStation {latitude: 55.672874, longitude: 12.564590, city: 'Copenhagen'}),
       (malmo:Office {latitude: 55.611784, longitude: 12.994341, city: 'Malmö'}),
       (copenhagen)-[:TRAVEL_ROUTE]->(malmo);
// The manual's examples.
WITH point({x: 2.3, y: 4.5, crs: 'cartesian'}) AS p1, point({x: 1.1, y: 5.4, crs: 'cartesian'}) AS p2
RETURN point.distance(p1, p2) AS dist;
WITH point({longitude: 12.78, latitude: 56.7, height: 100}) AS p1,
     point({latitude: 56.71, longitude: 12.79, height: 100}) AS p2
RETURN point.distance(p1, p2) AS dist;
MATCH (t:TrainStation)-[:TRAVEL_ROUTE]->(o:Office)
WITH point({longitude: t.longitude, latitude: t.latitude}) AS trainPoint,
     point({longitude: o.longitude, latitude: o.latitude}) AS officePoint
RETURN round(point.distance(trainPoint, officePoint)) AS travelDistance, point.distance(trainPoint, officePoint) AS exact;
WITH point({latitude: toFloat('13.43'), longitude: toFloat('56.21')}) AS p1,
     point({latitude: toFloat('13.10'), longitude: toFloat('56.41')}) AS p2
RETURN toInteger(point.distance(p1, p2) / 1000) AS km;
WITH point({x: 3, y: 0}) AS p2d, point({x: 0, y: 4, z: 1}) AS p3d
RETURN point.distance(p2d, p3d) AS bad, point.distance(p2d, point({x: p3d.x, y: p3d.y})) AS good;
RETURN point.distance(null, point({longitude: 56.7, latitude: 12.78})) AS d;
// More: 3D cartesian, a quarter of the equator, pole to pole, a height
// difference, the same point, and points of different CRSs (null).
RETURN point.distance(point({x: 1, y: 2, z: 3}), point({x: 4, y: 6, z: 15})) AS cart3d,
       point.distance(point({longitude: 0, latitude: 0}), point({longitude: 90, latitude: 0})) AS quarter,
       point.distance(point({longitude: 0, latitude: 90}), point({longitude: 0, latitude: -90})) AS poles,
       point.distance(point({longitude: 0, latitude: 0, height: 0}), point({longitude: 0, latitude: 1, height: 1000})) AS climb,
       point.distance(point({longitude: 18.0686, latitude: 59.3293}), point({longitude: -0.1276, latitude: 51.5072})) AS stockholmLondon,
       point.distance(point({x: 1, y: 1}), point({x: 1, y: 1})) AS zero,
       point.distance(point({x: 1, y: 1}), point({longitude: 1, latitude: 1})) AS crs,
       point.distance(point({x: 1, y: 1}), point({x: 1, y: 1, z: 0})) AS dims;
// Nearest first, within a radius.
UNWIND [{name: 'a', at: point({x: 0, y: 3})}, {name: 'b', at: point({x: 1, y: 1})}, {name: 'c', at: point({x: 5, y: 5})}] AS row
WITH row, point.distance(row.at, point({x: 0, y: 0})) AS d
WHERE d < 4
RETURN row.name AS name, d ORDER BY d;
// point.withinBBox: the manual's examples.
WITH point({x: 0, y: 0, crs: 'cartesian'}) AS lowerLeft, point({x: 10, y: 10, crs: 'cartesian'}) AS upperRight
RETURN point.withinBBox(point({x: 5, y: 5, crs: 'cartesian'}), lowerLeft, upperRight) AS result;
WITH point({longitude: 12.53, latitude: 55.66}) AS lowerLeft, point({longitude: 12.614, latitude: 55.70}) AS upperRight
MATCH (t:TrainStation)
WHERE point.withinBBox(point({longitude: t.longitude, latitude: t.latitude}), lowerLeft, upperRight)
RETURN count(t);
WITH point({longitude: 179, latitude: 55.66}) AS lowerLeft, point({longitude: -179, latitude: 55.70}) AS upperRight
RETURN point.withinBBox(point({longitude: 180, latitude: 55.66}), lowerLeft, upperRight) AS result;
RETURN point.withinBBox(null, point({longitude: 56.7, latitude: 12.78}), point({longitude: 57.0, latitude: 13.0})) AS in;
// Edges count as inside; across the 180th meridian 0 is outside and -179.5
// inside; a lowerLeft north of upperRight is an empty box; 3D boxes test z.
WITH point({x: 0, y: 0}) AS ll, point({x: 10, y: 10}) AS ur
RETURN point.withinBBox(point({x: 0, y: 10}), ll, ur) AS corner, point.withinBBox(point({x: 10.5, y: 5}), ll, ur) AS outside,
       point.withinBBox(point({x: 5, y: 5}), ur, ll) AS swapped;
WITH point({longitude: 179, latitude: -10}) AS ll, point({longitude: -179, latitude: 10}) AS ur
RETURN point.withinBBox(point({longitude: 0, latitude: 0}), ll, ur) AS greenwich,
       point.withinBBox(point({longitude: -179.5, latitude: 0}), ll, ur) AS east,
       point.withinBBox(point({longitude: 179.5, latitude: 0}), ll, ur) AS west,
       point.withinBBox(point({longitude: 0, latitude: 0}), point({longitude: -179, latitude: -10}), point({longitude: 179, latitude: 10})) AS other_way,
       point.withinBBox(point({longitude: 0, latitude: 0}), point({longitude: -1, latitude: 1}), point({longitude: 1, latitude: -1})) AS north_south;
WITH point({x: 0, y: 0, z: 0}) AS ll, point({x: 1, y: 1, z: 1}) AS ur
RETURN point.withinBBox(point({x: 0.5, y: 0.5, z: 0.5}), ll, ur) AS inside, point.withinBBox(point({x: 0.5, y: 0.5, z: 2}), ll, ur) AS above,
       point.withinBBox(point({x: 0.5, y: 0.5}), ll, ur) AS dims,
       point.withinBBox(point({longitude: 0.5, latitude: 0.5, height: 0.5}), ll, ur) AS crs;
// Wrong argument types are errors.
RETURN point.distance(1, point({x: 1, y: 2}));
RETURN point.withinBBox(point({x: 1, y: 2}), point({x: 0, y: 0}), 'far');
RETURN point.distance(point({x: 1, y: 2}));
