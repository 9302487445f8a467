/*
** point.h — Cypher's spatial values (POINT): 2 or 3 coordinates in one of
** the four coordinate reference systems Neo4j supports.
**
**   crs            srid   dims  geographic
**   wgs-84         4326   2     yes   x = longitude, y = latitude
**   wgs-84-3d      4979   3     yes   z = height (metres)
**   cartesian      7203   2     no
**   cartesian-3d   9157   3     no
**
** A point Value (type VAL_POINT) points at a Point record, allocated in an
** arena (or in the heap block of a value stored in the graph), like a
** temporal value. The rules Cypher gives points live here: equality
** (same CRS and coordinates), no ordering with < (null), the ORDER BY
** order (by srid, then x, y, z), hashing, the text forms, components
** (p.x, p.latitude, p.crs ...), building from a map (point({...})), and
** the distance and bounding-box tests of the spatial functions.
*/
#ifndef TANGLE_POINT_H
#define TANGLE_POINT_H

#include "base/strbuf.h"
#include "value/value.h"

#define POINT_SRID_WGS84 4326
#define POINT_SRID_WGS84_3D 4979
#define POINT_SRID_CARTESIAN 7203
#define POINT_SRID_CARTESIAN_3D 9157

/* The mean earth radius Neo4j's distances use, in metres. */
#define POINT_EARTH_RADIUS 6378140.0

struct Point {
  int32_t srid;         /* one of the four POINT_SRID_* */
  int32_t nDim;         /* 2 or 3, fixed by the srid */
  double a[3];          /* x, y, z (longitude, latitude, height); a[2] is 0 in 2D */
};

/* A coordinate reference system. */
typedef struct PointCrs {
  int32_t srid;
  int32_t nDim;
  bool bGeographic;
  const char *zName;    /* as p.crs returns it: "wgs-84", "cartesian-3d" ... */
} PointCrs;

/* The CRS of an srid, or NULL when Tangle does not know it. */
const PointCrs *point_crs_by_srid(int64_t srid);
/* The CRS of a name, compared without regard to case; NULL if unknown. */
const PointCrs *point_crs_by_name(const char *z, size_t n);
static inline const PointCrs *point_crs(const Point *p) { return point_crs_by_srid(p->srid); }

/* A Value holding a copy of *p in pA. */
Value point_value(Arena *pA, const Point *p);

/* Checks a record read from outside (a file, the wire): a known srid with
** its number of dimensions and, for WGS-84, a latitude within -90..90.
** Longitudes are wrapped into -180..180 on the way. Returns NULL when the
** record is fine, else what is wrong (a static or zBuf message). */
const char *point_check(Point *p, char *zBuf, size_t nBuf);

/* Cypher's rules (called by value.c). */
bool point_equals(const Point *a, const Point *b);
int point_compare(const Point *a, const Point *b);   /* ORDER BY: srid, then x, y, z */
uint64_t point_hash(const Point *p);

/* toString() and table text: point({x: 1.0, y: 2.0, crs: 'cartesian'}).
** It reads back as the same point. */
void point_format(StrBuf *pOut, const Point *p);
/* Well-known text with the srid, as the Query API writes points:
** SRID=4326;POINT (12.5 55.6) or SRID=9157;POINT Z (1.0 2.0 3.0). */
void point_format_wkt(StrBuf *pOut, const Point *p);
/* The reverse of point_format_wkt(); false on text that is not one. */
bool point_parse_wkt(const char *z, size_t n, Point *pOut);

/* neo4j-admin import's text of a point, {x:1.0, y:2.0, crs:cartesian}
** (keys as point() takes them; values numbers, or names bare or quoted),
** read into a map in pA. False with a message in zErr when the text is not
** such a map. */
bool point_parse_map_text(Arena *pA, const char *z, size_t n, Value *pMap, char *zErr, size_t nErr);
/* The same text for export: {x:1.0, y:2.0, crs:cartesian}. */
void point_format_map_text(StrBuf *pOut, const Point *p);

/* p.key: writes the component, or returns false and an error message in
** zErr (a field this point's CRS lacks, or no such field). */
bool point_component(Arena *pA, const Point *p, const char *zKey, uint32_t nKey, Value *pOut,
                     char *zErr, size_t nErr);

/* point(map): builds a point from a map of x, y, z, longitude, latitude,
** height, crs and srid (other keys are ignored, as Neo4j does). A null
** coordinate gives null (*pbNull set). Returns false with the message in
** zErr when the map does not describe a point. */
bool point_from_map(const Value *pMap, Point *pOut, bool *pbNull, char *zErr, size_t nErr);

/* Distance between two points of the same CRS: Pythagoras for cartesian
** ones; for WGS-84 the haversine great-circle distance in metres on
** POINT_EARTH_RADIUS, in 3D at the mean height of the two points and
** combined with the height difference by Pythagoras. Returns false when
** the CRSs differ (point.distance() gives null). */
bool point_distance(const Point *a, const Point *b, double *pDist);

/* Is p within the box from lowerLeft to upperRight (edges included)? For
** WGS-84 a lowerLeft east of upperRight is a box across the 180th
** meridian. Returns false (null for the function) when CRSs differ. */
bool point_within_bbox(const Point *p, const Point *pLow, const Point *pHigh, bool *pbIn);

#endif /* TANGLE_POINT_H */
