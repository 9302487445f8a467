/*
** func_spatial.c — the spatial functions: point(), point.distance() and
** point.withinBBox(), as Neo4j 5 defines them (the rules are in
** value/point.h). Neo4j 5 dropped the old distance(); so does Tangle.
*/
#include "eval/func.h"
#include "value/point.h"

/* point(map): a point from its coordinates and CRS; null in, null out. */
static void funcPoint(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) {
  (void)nArg;
  if (aArg[0].type != VAL_MAP) {
    func_type_error(pCtx, "point", "the argument", "a MAP", &aArg[0]);
    return;
  }
  Point pt;
  bool bNull;
  char zErr[256];
  if (!point_from_map(&aArg[0], &pt, &bNull, zErr, sizeof(zErr))) {
    func_error(pCtx, ERR_ARGUMENT_VALUE, zErr);
    return;
  }
  *pOut = bNull ? value_null() : point_value(pCtx->pArena, &pt);
}

/* Raises a type error unless every argument is a point. */
static bool funcSpatialPoints(FuncCtx *pCtx, const char *zFunc, int nArg, const Value *aArg) {
  static const char *const azArg[] = {"the first argument", "the second argument",
                                      "the third argument"};
  for (int i = 0; i < nArg; i++) {
    if (aArg[i].type != VAL_POINT) {
      func_type_error(pCtx, zFunc, azArg[i], "a POINT", &aArg[i]);
      return false;
    }
  }
  return true;
}

/* point.distance(from, to): null when the CRSs differ. */
static void funcPointDistance(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) {
  if (!funcSpatialPoints(pCtx, "point.distance", nArg, aArg)) return;
  double d;
  *pOut = point_distance(aArg[0].u.pt, aArg[1].u.pt, &d) ? value_float(d) : value_null();
}

/* point.withinBBox(point, lowerLeft, upperRight): null when CRSs differ. */
static void funcPointWithinBBox(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) {
  if (!funcSpatialPoints(pCtx, "point.withinBBox", nArg, aArg)) return;
  bool bIn;
  *pOut = point_within_bbox(aArg[0].u.pt, aArg[1].u.pt, aArg[2].u.pt, &bIn) ? value_bool(bIn)
                                                                             : value_null();
}

const FuncDef func_spatial_defs[] = {
    {"point", 1, 1, FUNCF_NULL_IN_NULL_OUT, funcPoint, "point(input :: MAP) :: POINT",
     "A 2D or 3D point, cartesian (x, y[, z]) or WGS-84 (longitude, latitude[, height]), "
     "with an optional crs or srid"},
    {"point.distance", 2, 2, FUNCF_NULL_IN_NULL_OUT, funcPointDistance,
     "point.distance(from :: POINT, to :: POINT) :: FLOAT",
     "Distance between two points of one CRS (metres for WGS-84); null across CRSs"},
    {"point.withinBBox", 3, 3, FUNCF_NULL_IN_NULL_OUT, funcPointWithinBBox,
     "point.withinBBox(point :: POINT, lowerLeft :: POINT, upperRight :: POINT) :: BOOLEAN",
     "Is the point inside the box between two corners (WGS-84 boxes may cross the 180th "
     "meridian)? Null across CRSs"},
};
const int func_spatial_count = ARRAY_SIZE(func_spatial_defs);
