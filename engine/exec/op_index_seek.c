/*
** op_index_seek.c — NodeIndexSeek: the nodes of a range index whose
** property passes a predicate (=, IN, a range, STARTS WITH, IS NOT NULL),
** found once per input row. DirectedRelationshipIndexSeek and
** UndirectedRelationshipIndexSeek do the same over a relationship index
** and bind the relationship with both its end nodes (an undirected one
** gives each relationship both ways round, a self-loop once); an end
** node bound before is checked, not bound.
**
** A composite index (several keys) needs = on its first key: the seek
** walks the run of the order sharing the leading = values and tests each
** key against its predicate.
**
** Equality and IN look values up in the index's hash; ranges, prefixes
** and IS NOT NULL walk its sorted order (store/index.h) between bounds
** found by binary search. Every candidate value is tested again with the
** evaluator's own comparison (expr_compare), so the seek returns exactly
** the rows the predicate would keep: no cross-type matches, nothing for
** NaN or null bounds. The matching node ids are copied per input row, so
** writes to the index later in the query cannot move them.
*/
#include <math.h>

#include "exec/op.h"
#include "eval/expr.h"
#include "parser.h"
#include "store/index.h"
#include "value/point.h"

typedef struct OpIndexSeek {
  Op base;
  uint32_t iSlot;          /* the node variable */
  uint32_t label, key;     /* the index (key: the first) */
  uint32_t nKey;           /* its keys (several: a composite index) */
  uint32_t aKey[INDEX_MAX_KEYS];
  IndexSeek seek;          /* what the first key must pass */
  IndexSeek aPart[INDEX_MAX_KEYS];   /* composite: what each key must pass */
  VEC(NodeId) hits;        /* matching nodes for the current input row */
  uint32_t iHit;
  /* Relationship seeks (ent ENT_REL; iSlot is the relationship's): */
  int ent;                 /* ENT_NODE or ENT_REL */
  uint32_t iLeft, iRight;  /* the end nodes' slots, as written */
  int iDir;                /* DIR_OUT: left->right, DIR_IN: left<-right, DIR_BOTH */
  bool bLeftInto, bRightInto;   /* bound before: compared, not bound */
  SlotList exclude;        /* relationship slots of the clause bound before (uniqueness) */
  int iPhase;              /* undirected: 1 while giving the current hit reversed */
} OpIndexSeek;

static void indexSeekOpen(Op *p) {
  OpIndexSeek *s = (OpIndexSeek *)p;
  op_open(p->pChild);
  s->hits.n = s->iHit = 0;
}

/* Adds the nodes of one posting. */
static void indexSeekTake(OpIndexSeek *s, const IndexPosting *pp) {
  for (uint32_t i = 0; i < pp->nodes.n; i++) vec_push(&s->hits, pp->nodes.a[i]);
}

/* Does value k pass the range of this seek (bounds already evaluated)? */
static bool indexSeekInRange(const OpIndexSeek *s, const Value *k, const Value *pLo, const Value *pHi) {
  if (pLo && expr_compare(s->seek.bLoIncl ? TK_GE : TK_GT, k, pLo) != TRI_TRUE) return false;
  if (pHi && expr_compare(s->seek.bHiIncl ? TK_LE : TK_LT, k, pHi) != TRI_TRUE) return false;
  return true;
}

/* Is v a value the sorted order keeps in one run of comparable values
** (numbers, strings)? Other bounds are tested against every value. */
static bool indexSeekOrdered(const Value *v) {
  return v->type == VAL_INT || v->type == VAL_FLOAT || v->type == VAL_STRING;
}

/* Adds the postings of a point index whose points have the srid and an x
** within [xlo, xhi]: one run of the index's order (srid, x, y, z). */
static void pointSeekWalk(OpIndexSeek *s, PropIndex *pIdx, int32_t srid, double xlo, double xhi) {
  const PointCrs *pCrs = point_crs_by_srid(srid);
  if (pCrs == NULL) return;
  Point lo = {srid, pCrs->nDim, {xlo, -INFINITY, -INFINITY}}, hi = {srid, pCrs->nDim, {xhi, INFINITY, INFINITY}};
  Value vLo = value_null(), vHi = value_null();
  vLo.type = vHi.type = VAL_POINT;
  vLo.u.pt = &lo;
  vHi.u.pt = &hi;
  uint32_t iLo, iHi;
  index_range(pIdx, &vLo, true, &vHi, true, &iLo, &iHi);
  for (uint32_t i = iLo; i < iHi; i++) {
    const IndexPosting *pp = index_at(pIdx, i);
    if (pp->key.type == VAL_POINT && pp->key.u.pt->srid == srid) indexSeekTake(s, pp);
  }
}

/* The candidates of a point index for point.withinBBox(n.p, *pLo, *pHi):
** the points of the box's CRS whose x is within the box's (every x of
** the CRS for a WGS-84 box across the 180th meridian). */
static void pointSeekBBox(OpIndexSeek *s, PropIndex *pIdx, const Value *pLo, const Value *pHi) {
  if (pLo->type != VAL_POINT || pHi->type != VAL_POINT || pLo->u.pt->srid != pHi->u.pt->srid) return;
  const Point *lo = pLo->u.pt, *hi = pHi->u.pt;
  const PointCrs *pCrs = point_crs(lo);
  if (pCrs && pCrs->bGeographic && lo->a[0] > hi->a[0]) {
    pointSeekWalk(s, pIdx, lo->srid, -INFINITY, INFINITY);
  } else {
    pointSeekWalk(s, pIdx, lo->srid, lo->a[0], hi->a[0]);
  }
}

/* The candidates of a point index for point.distance(n.p, *pCenter) < r
** (or <= r): the points of the center's CRS whose x is within r of its x;
** for WGS-84 the longitudes a spherical cap of radius r spans, or every
** longitude when the cap holds a pole, crosses the 180th meridian, or the
** points are 3D (whose distance depends on heights). */
static void pointSeekDistance(OpIndexSeek *s, PropIndex *pIdx, const Value *pCenter, const Value *pRadius) {
  if (pCenter->type != VAL_POINT || (pRadius->type != VAL_INT && pRadius->type != VAL_FLOAT)) return;
  double r = pRadius->type == VAL_INT ? (double)pRadius->u.i : pRadius->u.f;
  if (isnan(r) || r < 0) return;
  const Point *c = pCenter->u.pt;
  const PointCrs *pCrs = point_crs(c);
  if (pCrs == NULL) return;
  if (!pCrs->bGeographic) {
    pointSeekWalk(s, pIdx, c->srid, c->a[0] - r, c->a[0] + r);
    return;
  }
  double angle = r / POINT_EARTH_RADIUS;   /* radians */
  double dLat = angle * 180.0 / M_PI;
  if (c->nDim == 3 || angle >= M_PI || fabs(c->a[1]) + dLat >= 90.0) {
    pointSeekWalk(s, pIdx, c->srid, -INFINITY, INFINITY);
    return;
  }
  double dLon = asin(sin(angle) / cos(c->a[1] * M_PI / 180.0)) * 180.0 / M_PI;
  dLon = dLon * (1 + 1e-9) + 1e-9;   /* rounding: a candidate too many, never one too few */
  if (isnan(dLon) || c->a[0] - dLon < -180.0 || c->a[0] + dLon > 180.0) {
    pointSeekWalk(s, pIdx, c->srid, -INFINITY, INFINITY);
    return;
  }
  pointSeekWalk(s, pIdx, c->srid, c->a[0] - dLon, c->a[0] + dLon);
}

/* Collects the matches for the current row; false on an error. */
static bool indexSeekFill(OpIndexSeek *s, PropIndex *pIdx) {
  Op *p = &s->base;
  ExecCtx *pCtx = p->pCtx;
  s->hits.n = s->iHit = 0;
  __atomic_fetch_add(&pIdx->nRead, 1, __ATOMIC_RELAXED);   /* readers share the index */
  Value v = value_null(), lo = value_null(), hi = value_null();
  if (s->seek.pValue && !expr_eval(pCtx, s->seek.pValue, &p->scratch, &v)) return false;
  switch (s->seek.mode) {
    case SEEK_EQ: {
      if (v.type == VAL_NULL) return true;
      /* The hash groups equivalent values; = is stricter (NaN, nulls in lists). */
      const IndexPosting *pp = index_posting(pIdx, &v);
      if (pp && expr_compare(TK_EQ, &pp->key, &v) == TRI_TRUE) indexSeekTake(s, pp);
      return true;
    }
    case SEEK_IN: {
      if (v.type == VAL_NULL) return true;
      if (v.type != VAL_LIST) {
        exec_error(pCtx, s->seek.pValue->iOfst, ERR_TYPE_MISMATCH, "IN needs a list, not %s",
                   value_type_name(v.type));
        return false;
      }
      for (uint32_t k = 0; k < v.n; k++) {
        bool bSeen = false;   /* [1, 1.0] must not give a node twice */
        for (uint32_t j = 0; j < k && !bSeen; j++) bSeen = value_equivalent(&v.u.a[j], &v.u.a[k]);
        if (bSeen || v.u.a[k].type == VAL_NULL) continue;
        const IndexPosting *pp = index_posting(pIdx, &v.u.a[k]);
        if (pp && expr_compare(TK_EQ, &pp->key, &v.u.a[k]) == TRI_TRUE) indexSeekTake(s, pp);
      }
      return true;
    }
    case SEEK_RANGE: {
      if (s->seek.pLo && !expr_eval(pCtx, s->seek.pLo, &p->scratch, &lo)) return false;
      if (s->seek.pHi && !expr_eval(pCtx, s->seek.pHi, &p->scratch, &hi)) return false;
      const Value *pLo = s->seek.pLo ? &lo : NULL, *pHi = s->seek.pHi ? &hi : NULL;
      if ((pLo && pLo->type == VAL_NULL) || (pHi && pHi->type == VAL_NULL)) return true;
      /* Bounds of the run to walk: the written ones, or the ends of the
      ** bound's type in the sort order (numbers from -inf, strings from ""). */
      Value aLow = value_null(), aHigh = value_null();
      const Value *pWalkLo = NULL, *pWalkHi = NULL;
      bool bWalkLoIncl = true, bWalkHiIncl = true;
      const Value *pAny = pLo ? pLo : pHi;
      if (indexSeekOrdered(pAny) && (!pLo || !pHi || indexSeekOrdered(pLo) == indexSeekOrdered(pHi))) {
        bool bNum = pAny->type != VAL_STRING;
        if (pLo) {
          pWalkLo = pLo;
          bWalkLoIncl = s->seek.bLoIncl;
        } else {
          aLow = bNum ? value_float(-INFINITY) : value_str("", 0);
          pWalkLo = &aLow;
        }
        if (pHi) {
          pWalkHi = pHi;
          bWalkHiIncl = s->seek.bHiIncl;
        } else if (!bNum) {
          aHigh = value_bool(false);   /* booleans follow strings */
          pWalkHi = &aHigh;
          bWalkHiIncl = false;
        }   /* numbers come last but for null: walk to the end */
      }
      uint32_t iLo, iHi;
      index_range(pIdx, pWalkLo, bWalkLoIncl, pWalkHi, bWalkHiIncl, &iLo, &iHi);
      for (uint32_t i = iLo; i < iHi; i++) {
        const IndexPosting *pp = index_at(pIdx, i);
        if (indexSeekInRange(s, &pp->key, pLo, pHi)) indexSeekTake(s, pp);
      }
      return true;
    }
    case SEEK_CONTAINS:
    case SEEK_ENDS:
      /* A text index: every distinct string, tested. */
      if (v.type != VAL_STRING) return true;
      for (uint32_t i = 0; i < pIdx->order.n; i++) {
        const IndexPosting *pp = index_at(pIdx, i);
        const Value *k = &pp->key;
        if (k->type != VAL_STRING || k->n < v.n) continue;
        bool bHit = s->seek.mode == SEEK_ENDS ? memcmp(k->u.z + k->n - v.n, v.u.z, v.n) == 0
                                              : v.n == 0 || memmem(k->u.z, k->n, v.u.z, v.n) != NULL;
        if (bHit) indexSeekTake(s, pp);
      }
      return true;
    case SEEK_POINT_BBOX:
    case SEEK_POINT_DIST:
      if (s->seek.pLo && !expr_eval(pCtx, s->seek.pLo, &p->scratch, &lo)) return false;
      if (s->seek.pHi && !expr_eval(pCtx, s->seek.pHi, &p->scratch, &hi)) return false;
      if (s->seek.mode == SEEK_POINT_BBOX) pointSeekBBox(s, pIdx, &lo, &hi);
      else pointSeekDistance(s, pIdx, &v, &hi);
      return true;
    case SEEK_PREFIX: {
      if (v.type != VAL_STRING) return true;
      uint32_t iLo, iHi;
      index_range(pIdx, &v, true, NULL, false, &iLo, &iHi);
      for (uint32_t i = iLo; i < iHi; i++) {
        const IndexPosting *pp = index_at(pIdx, i);
        if (pp->key.type != VAL_STRING || pp->key.n < v.n || memcmp(pp->key.u.z, v.u.z, v.n) != 0) break;
        indexSeekTake(s, pp);
      }
      return true;
    }
    default:   /* SEEK_EXISTS: every indexed node */
      for (uint32_t i = 0; i < pIdx->order.n; i++) indexSeekTake(s, index_at(pIdx, i));
      return true;
  }
}

/* The index the seek reads (looked up per row: the schema may change
** between runs of a cached plan). */
static PropIndex *indexSeekIndex(const OpIndexSeek *s, const Graph *g) {
  if (s->seek.mode == SEEK_CONTAINS || s->seek.mode == SEEK_ENDS) {
    return index_find_kind_ent(g, s->ent, IDX_TEXT, s->label, s->key);
  }
  if (s->seek.mode == SEEK_POINT_BBOX || s->seek.mode == SEEK_POINT_DIST) {
    return index_find_kind_ent(g, s->ent, IDX_POINT, s->label, s->key);
  }
  return index_find_keys_ent(g, s->ent, s->label, s->nKey, s->aKey);
}

/* Reverses the hits of one row (a descending order). */
static void indexSeekReverse(OpIndexSeek *s) {
  for (uint32_t i = 0, k = s->hits.n; i + 1 < k; i++, k--) {
    NodeId t = s->hits.a[i];
    s->hits.a[i] = s->hits.a[k - 1];
    s->hits.a[k - 1] = t;
  }
}

/* Does value k pass part pPart, whose value(s) are evaluated in v, lo, hi? */
static bool indexSeekPartTest(const IndexSeek *pPart, const Value *k, const Value *v, const Value *lo,
                              const Value *hi) {
  switch (pPart->mode) {
    case SEEK_EQ: return expr_compare(TK_EQ, k, v) == TRI_TRUE;
    case SEEK_IN:
      for (uint32_t i = 0; v->type == VAL_LIST && i < v->n; i++) {
        if (expr_compare(TK_EQ, k, &v->u.a[i]) == TRI_TRUE) return true;
      }
      return false;
    case SEEK_RANGE:
      if (pPart->pLo && expr_compare(pPart->bLoIncl ? TK_GE : TK_GT, k, lo) != TRI_TRUE) return false;
      if (pPart->pHi && expr_compare(pPart->bHiIncl ? TK_LE : TK_LT, k, hi) != TRI_TRUE) return false;
      return true;
    case SEEK_PREFIX:
      return k->type == VAL_STRING && v->type == VAL_STRING && k->n >= v->n && memcmp(k->u.z, v->u.z, v->n) == 0;
    default: return true;
  }
}

/* A composite seek: the run of the order whose first keys equal the
** leading = values, each value of it tested against every part. */
static bool indexSeekFillComposite(OpIndexSeek *s, PropIndex *pIdx) {
  Op *p = &s->base;
  ExecCtx *pCtx = p->pCtx;
  Value aV[INDEX_MAX_KEYS], aLo[INDEX_MAX_KEYS], aHi[INDEX_MAX_KEYS];
  uint32_t nEq = 0;
  for (uint32_t j = 0; j < s->nKey; j++) {
    const IndexSeek *pPart = &s->aPart[j];
    aV[j] = aLo[j] = aHi[j] = value_null();
    if (pPart->pValue && !expr_eval(pCtx, pPart->pValue, &p->scratch, &aV[j])) return false;
    if (pPart->pLo && !expr_eval(pCtx, pPart->pLo, &p->scratch, &aLo[j])) return false;
    if (pPart->pHi && !expr_eval(pCtx, pPart->pHi, &p->scratch, &aHi[j])) return false;
    if (pPart->mode == SEEK_IN && aV[j].type != VAL_NULL && aV[j].type != VAL_LIST) {
      exec_error(pCtx, pPart->pValue->iOfst, ERR_TYPE_MISMATCH, "IN needs a list, not %s", value_type_name(aV[j].type));
      return false;
    }
    if (pPart->mode == SEEK_EQ && nEq == j) nEq++;
  }
  if (nEq == 0) return true;   /* the planner always leads with = */
  for (uint32_t j = 0; j < nEq; j++) {
    if (aV[j].type == VAL_NULL) return true;
  }
  Value prefix;
  memset(&prefix, 0, sizeof(prefix));
  prefix.type = VAL_LIST;
  prefix.n = nEq;
  prefix.u.a = aV;
  uint32_t iLo, iHi;
  index_range(pIdx, &prefix, true, NULL, false, &iLo, &iHi);
  for (uint32_t i = iLo; i < iHi; i++) {
    const IndexPosting *pp = index_at(pIdx, i);
    const Value *k = &pp->key;
    if (k->type != VAL_LIST || k->n != s->nKey) break;
    bool bRun = true, bOk = true;
    for (uint32_t j = 0; j < nEq && bRun; j++) bRun = value_compare(&k->u.a[j], &aV[j]) == 0;
    if (!bRun) break;   /* past the values sharing the leading keys */
    for (uint32_t j = 0; j < s->nKey && bOk; j++) {
      bOk = indexSeekPartTest(&s->aPart[j], &k->u.a[j], &aV[j], &aLo[j], &aHi[j]);
    }
    if (bOk) indexSeekTake(s, pp);
  }
  return true;
}

/* Binds (or, bound before, checks) end node slot iSlot to node n. */
static bool relSeekEnd(ExecCtx *pCtx, uint32_t iSlot, bool bInto, NodeId n) {
  if (!bInto) {
    pCtx->aSlot[iSlot] = value_node(n);
    return true;
  }
  const Value *v = &pCtx->aSlot[iSlot];
  return v->type == VAL_NODE && v->u.id == n;
}

/* Puts relationship hit r into the row (reversed when s->iPhase is 1);
** false when it does not fit the row (bound ends, uniqueness). */
static bool relSeekRow(OpIndexSeek *s, RelId r) {
  ExecCtx *pCtx = s->base.pCtx;
  const Graph *g = pCtx->pGraph;
  if (!graph_rel_exists(g, r)) return false;
  for (uint32_t i = 0; i < s->exclude.n; i++) {
    const Value *v = &pCtx->aSlot[s->exclude.a[i]];
    if (v->type == VAL_REL && v->u.id == r) return false;
  }
  const RelRec *rec = graph_rel(g, r);
  bool bSwap = s->iDir == DIR_IN || s->iPhase == 1;
  NodeId left = bSwap ? rec->dst : rec->src, right = bSwap ? rec->src : rec->dst;
  /* The left end is set first: a pattern (a)-[r]-(a) checks its right end against it. */
  if (!relSeekEnd(pCtx, s->iLeft, s->bLeftInto, left) || !relSeekEnd(pCtx, s->iRight, s->bRightInto, right)) {
    return false;
  }
  pCtx->aSlot[s->iSlot] = value_rel(r);
  return true;
}

static int indexSeekNext(Op *p) {
  OpIndexSeek *s = (OpIndexSeek *)p;
  Graph *g = p->pCtx->pGraph;
  for (;;) {
    while (s->iHit < s->hits.n) {
      NodeId n = s->hits.a[s->iHit];
      if (s->ent == ENT_REL) {
        /* Undirected: each hit twice (phase 0, 1), a self-loop once. */
        bool bOk = relSeekRow(s, n);
        if (s->iDir == DIR_BOTH && s->iPhase == 0 && graph_rel_exists(g, n) &&
            graph_rel(g, n)->src != graph_rel(g, n)->dst) {
          s->iPhase = 1;
        } else {
          s->iPhase = 0;
          s->iHit++;
        }
        if (bOk) return OP_ROW;
        continue;
      }
      s->iHit++;
      if (!graph_node_exists(g, n)) continue;
      p->pCtx->aSlot[s->iSlot] = value_node(n);
      return OP_ROW;
    }
    int rc = op_next(p->pChild);
    if (rc != OP_ROW) return rc;
    arena_reset(&p->scratch);
    PropIndex *pIdx = indexSeekIndex(s, g);
    s->hits.n = s->iHit = 0;
    s->iPhase = 0;
    if (pIdx && s->nKey > 1) __atomic_fetch_add(&pIdx->nRead, 1, __ATOMIC_RELAXED);
    if (pIdx && !(s->nKey > 1 ? indexSeekFillComposite(s, pIdx) : indexSeekFill(s, pIdx))) return OP_ERROR;
    if (s->seek.order < 0) indexSeekReverse(s);
    if (exec_out_of_memory(p->pCtx)) return OP_ERROR;
  }
}

static void indexSeekClose(Op *p) {
  OpIndexSeek *s = (OpIndexSeek *)p;
  vec_free(&s->hits);
  op_close(p->pChild);
}

/* One part of the explanation: "age > 3", "name = 'x'". */
static void indexSeekExplainPart(Op *p, StrBuf *pOut, const IndexSeek *pSeek, const char *zKey) {
  switch (pSeek->mode) {
    case SEEK_EQ: strbuf_printf(pOut, "%s = ", zKey); op_put_expr(p, pOut, pSeek->pValue); break;
    case SEEK_IN: strbuf_printf(pOut, "%s IN ", zKey); op_put_expr(p, pOut, pSeek->pValue); break;
    case SEEK_PREFIX: strbuf_printf(pOut, "%s STARTS WITH ", zKey); op_put_expr(p, pOut, pSeek->pValue); break;
    case SEEK_EXISTS: strbuf_printf(pOut, "%s IS NOT NULL", zKey); break;
    case SEEK_CONTAINS: strbuf_printf(pOut, "%s CONTAINS ", zKey); op_put_expr(p, pOut, pSeek->pValue); break;
    case SEEK_ENDS: strbuf_printf(pOut, "%s ENDS WITH ", zKey); op_put_expr(p, pOut, pSeek->pValue); break;
    case SEEK_POINT_BBOX:
      strbuf_printf(pOut, "%s within the box ", zKey);
      op_put_expr(p, pOut, pSeek->pLo);
      strbuf_puts(pOut, ", ");
      op_put_expr(p, pOut, pSeek->pHi);
      break;
    case SEEK_POINT_DIST:
      strbuf_printf(pOut, "%s within %s", zKey, pSeek->bHiIncl ? "<= " : "< ");
      op_put_expr(p, pOut, pSeek->pHi);
      strbuf_puts(pOut, " of ");
      op_put_expr(p, pOut, pSeek->pValue);
      break;
    default:
      strbuf_puts(pOut, "range ");
      if (pSeek->pLo) {
        op_put_expr(p, pOut, pSeek->pLo);
        strbuf_puts(pOut, pSeek->bLoIncl ? " <= " : " < ");
      }
      strbuf_puts(pOut, zKey);
      if (pSeek->pHi) {
        strbuf_puts(pOut, pSeek->bHiIncl ? " <= " : " < ");
        op_put_expr(p, pOut, pSeek->pHi);
      }
      break;
  }
}

static void indexSeekExplain(Op *p, StrBuf *pOut) {
  OpIndexSeek *s = (OpIndexSeek *)p;
  const Graph *g = p->pCtx->pGraph;
  const PropIndex *pIdx = indexSeekIndex(s, g);
  if (s->ent == ENT_REL) {
    /* (a)-[r:T(key)]->(b) */
    strbuf_puts(pOut, "(");
    op_put_slot(p, pOut, s->iLeft);
    strbuf_puts(pOut, s->iDir == DIR_IN ? ")<-[" : ")-[");
    op_put_slot(p, pOut, s->iSlot);
    strbuf_printf(pOut, ":%s(", intern_name(&g->types, s->label));
  } else {
    op_put_slot(p, pOut, s->iSlot);
    strbuf_printf(pOut, ":%s(", intern_name(&g->labels, s->label));
  }
  for (uint32_t j = 0; j < s->nKey; j++) strbuf_printf(pOut, "%s%s", j ? ", " : "", intern_name(&g->keys, s->aKey[j]));
  strbuf_puts(pOut, ")");
  if (s->ent == ENT_NODE) strbuf_puts(pOut, " ");
  if (s->ent == ENT_REL) {
    strbuf_puts(pOut, s->iDir == DIR_OUT ? "]->(" : "]-(");
    op_put_slot(p, pOut, s->iRight);
    strbuf_puts(pOut, ") ");
  }
  for (uint32_t j = 0; j < s->nKey; j++) {
    if (j) strbuf_puts(pOut, " AND ");
    indexSeekExplainPart(p, pOut, s->nKey > 1 ? &s->aPart[j] : &s->seek, intern_name(&g->keys, s->aKey[j]));
  }
  if (pIdx) {
    strbuf_printf(pOut, " (index %s%s", pIdx->zName,
                  s->seek.order > 0 ? ", ascending order" : s->seek.order < 0 ? ", descending order" : "");
    if (p->bEst) strbuf_puts(pOut, ", ");
    op_put_estimate(p, pOut);
    strbuf_puts(pOut, ")");
  }
}

static const OpVtab indexSeekVtab = {"NodeIndexSeek", indexSeekOpen, indexSeekNext,
                                     indexSeekClose, indexSeekExplain, NULL};
static const OpVtab relSeekVtab = {"DirectedRelationshipIndexSeek", indexSeekOpen, indexSeekNext,
                                   indexSeekClose, indexSeekExplain, NULL};
static const OpVtab relSeekUndirVtab = {"UndirectedRelationshipIndexSeek", indexSeekOpen, indexSeekNext,
                                        indexSeekClose, indexSeekExplain, NULL};

bool op_index_seek_provide_order(Op *p, uint32_t iSlot, uint32_t key, bool bDesc) {
  while (p && (strcmp(p->pVtab->zName, "Filter") == 0 || strcmp(p->pVtab->zName, "Project") == 0)) p = p->pChild;
  if (p == NULL || p->pVtab != &indexSeekVtab || !op_is_argument(p->pChild)) return false;
  OpIndexSeek *s = (OpIndexSeek *)p;
  /* IN lists come out in the list's order. */
  if (s->iSlot != iSlot || s->key != key || s->nKey > 1 || s->seek.mode == SEEK_IN ||
      s->seek.mode == SEEK_CONTAINS || s->seek.mode == SEEK_ENDS || s->seek.mode == SEEK_POINT_BBOX ||
      s->seek.mode == SEEK_POINT_DIST) {
    return false;
  }
  s->seek.order = bDesc ? -1 : 1;
  return true;
}

Op *op_index_seek(ExecCtx *pCtx, Op *pChild, uint32_t iSlot, uint32_t label, uint32_t nKey,
                  const uint32_t *aKey, const IndexSeek *aSeek) {
  OpIndexSeek *s = (OpIndexSeek *)op_alloc(pCtx, sizeof(OpIndexSeek), &indexSeekVtab, pChild);
  s->iSlot = iSlot;
  s->label = label;
  s->key = aKey[0];
  s->nKey = nKey;
  memcpy(s->aKey, aKey, sizeof(uint32_t) * nKey);
  memcpy(s->aPart, aSeek, sizeof(IndexSeek) * nKey);
  s->seek = aSeek[0];
  s->ent = ENT_NODE;
  return &s->base;
}

Op *op_rel_index_seek(ExecCtx *pCtx, Op *pChild, const RelSeekSpec *pSpec, uint32_t type, uint32_t nKey,
                      const uint32_t *aKey, const IndexSeek *aSeek) {
  Op *p = op_index_seek(pCtx, pChild, pSpec->iRel, type, nKey, aKey, aSeek);
  OpIndexSeek *s = (OpIndexSeek *)p;
  p->pVtab = pSpec->iDir == DIR_BOTH ? &relSeekUndirVtab : &relSeekVtab;
  s->ent = ENT_REL;
  s->iLeft = pSpec->iLeft;
  s->iRight = pSpec->iRight;
  s->iDir = pSpec->iDir;
  s->bLeftInto = pSpec->bLeftInto;
  s->bRightInto = pSpec->bRightInto;
  s->exclude = pSpec->exclude;
  return p;
}
