/*
** agg.c — the aggregate functions (see agg.h), and their entries in the
** function registry (func_agg_defs) so names resolve in one place.
*/
#include "eval/agg.h"

#include <math.h>
#include <stdlib.h>

#include "eval/expr.h"
#include "eval/func.h"
#include "base/mem.h"
#include "value/temporal.h"
#include "base/vec.h"

/* ---- count -------------------------------------------------------------- */

static void aggCountInit(void *p) { *(int64_t *)p = 0; }
static bool aggCountStep(ExecCtx *c, const AstNode *f, void *p, Arena *a, int n, const Value *v) {
  (void)c; (void)f; (void)a; (void)n; (void)v;
  (*(int64_t *)p)++;
  return true;
}
static bool aggCountMerge(ExecCtx *c, const AstNode *f, void *p, const void *pOther, Arena *a) {
  (void)c; (void)f; (void)a;
  *(int64_t *)p += *(const int64_t *)pOther;
  return true;
}
static bool aggCountFinal(ExecCtx *c, const AstNode *f, void *p, Arena *a, Value *pOut) {
  (void)c; (void)f; (void)a;
  *pOut = value_int(*(int64_t *)p);
  return true;
}

/* ---- sum and avg -------------------------------------------------------- */

typedef struct AggSum {
  int64_t i;               /* integer total while every input is an integer */
  double f;                /* float total */
  int64_t n;               /* inputs */
  bool bFloat;             /* a float was seen: the result is a float */
  bool bDuration;          /* summing durations */
  Value dur;               /* duration total */
} AggSum;

static void aggSumInit(void *p) { memset(p, 0, sizeof(AggSum)); }

static bool aggSumStep(ExecCtx *c, const AstNode *f, void *p, Arena *a, int n, const Value *v) {
  (void)n;
  AggSum *s = p;
  if (v->type == VAL_DURATION && (s->n == 0 || s->bDuration)) {
    if (s->n == 0) {
      s->dur = value_copy(a, v);
    } else {
      Value sum;
      if (!temporal_arith(a, TEMPORAL_OP_ADD, &s->dur, v, &sum, c->pErr)) {
        exec_error(c, f->iOfst, ERR_TYPE_MISMATCH, "sum() cannot add these durations");
        return false;
      }
      if (c->pErr->code) return false;
      s->dur = sum;
    }
    s->bDuration = true;
    s->n++;
    return true;
  }
  if (!value_is_number(v) || s->bDuration) {
    exec_error(c, f->iOfst, ERR_TYPE_MISMATCH, "%s() needs numbers, got %s", f->z,
               value_type_name(v->type));
    return false;
  }
  if (v->type == VAL_FLOAT && !s->bFloat) {
    s->bFloat = true;
    s->f = (double)s->i;
  }
  if (s->bFloat) {
    s->f += value_as_double(v);
  } else if (__builtin_add_overflow(s->i, v->u.i, &s->i)) {
    exec_error(c, f->iOfst, ERR_INTEGER_OVERFLOW, "sum()");
    return false;
  }
  s->n++;
  return true;
}

static bool aggSumFinal(ExecCtx *c, const AstNode *f, void *p, Arena *a, Value *pOut) {
  (void)c; (void)f; (void)a;
  AggSum *s = p;
  if (s->bDuration) *pOut = s->dur;
  else *pOut = s->bFloat ? value_float(s->f) : value_int(s->i);
  return true;
}

static bool aggAvgFinal(ExecCtx *c, const AstNode *f, void *p, Arena *a, Value *pOut) {
  AggSum *s = p;
  if (s->n == 0) {
    *pOut = value_null();
    return true;
  }
  if (s->bDuration) {
    Value divisor = value_int(s->n);
    if (!temporal_arith(a, TEMPORAL_OP_DIV, &s->dur, &divisor, pOut, c->pErr)) {
      exec_error(c, f->iOfst, ERR_TYPE_MISMATCH, "avg() cannot divide this duration");
      return false;
    }
    return c->pErr->code == 0;
  }
  double total = s->bFloat ? s->f : (double)s->i;
  *pOut = value_float(total / (double)s->n);
  return true;
}

/* ---- min and max -------------------------------------------------------- */

typedef struct AggMinMax {
  Value best;
  bool bAny;
} AggMinMax;

static void aggMinMaxInit(void *p) { memset(p, 0, sizeof(AggMinMax)); }

static bool aggMinMaxStep(ExecCtx *c, const AstNode *f, void *p, Arena *a, int n, const Value *v,
                          int iSign) {
  (void)c; (void)f; (void)n;
  AggMinMax *m = p;
  if (!m->bAny || iSign * value_compare(v, &m->best) < 0) {
    m->best = value_copy(a, v);
    m->bAny = true;
  }
  return true;
}
static bool aggMinStep(ExecCtx *c, const AstNode *f, void *p, Arena *a, int n, const Value *v) {
  return aggMinMaxStep(c, f, p, a, n, v, 1);
}
static bool aggMaxStep(ExecCtx *c, const AstNode *f, void *p, Arena *a, int n, const Value *v) {
  return aggMinMaxStep(c, f, p, a, n, v, -1);
}
static bool aggMinMerge(ExecCtx *c, const AstNode *f, void *p, const void *pOther, Arena *a) {
  const AggMinMax *o = pOther;
  return !o->bAny || aggMinMaxStep(c, f, p, a, 1, &o->best, 1);
}
static bool aggMaxMerge(ExecCtx *c, const AstNode *f, void *p, const void *pOther, Arena *a) {
  const AggMinMax *o = pOther;
  return !o->bAny || aggMinMaxStep(c, f, p, a, 1, &o->best, -1);
}
static bool aggMinMaxFinal(ExecCtx *c, const AstNode *f, void *p, Arena *a, Value *pOut) {
  (void)c; (void)f; (void)a;
  AggMinMax *m = p;
  *pOut = m->bAny ? m->best : value_null();
  return true;
}

/* ---- collect ------------------------------------------------------------ */

typedef struct AggCollect {
  Value *a;
  uint32_t n, cap;
} AggCollect;

static void aggCollectInit(void *p) { memset(p, 0, sizeof(AggCollect)); }

static bool aggCollectStep(ExecCtx *c, const AstNode *f, void *p, Arena *a, int n, const Value *v) {
  (void)n;
  AggCollect *s = p;
  if (s->n >= VALUE_MAX_LIST) {
    exec_error(c, f->iOfst, ERR_LIMIT, "collect() would build a list of more than %u elements, "
               "the most a list may hold", VALUE_MAX_LIST);
    return false;
  }
  vec_push(s, value_copy(a, v));
  return true;
}

static bool aggCollectFinal(ExecCtx *c, const AstNode *f, void *p, Arena *a, Value *pOut) {
  AggCollect *s = p;
  *pOut = value_list_new(a, s->n);
  if (s->n) memcpy(pOut->u.a, s->a, sizeof(Value) * s->n);
  return expr_seal_depth(c, f->iOfst, pOut);
}

static void aggCollectFree(void *p) {
  AggCollect *s = p;
  tg_free(s->a);
  memset(s, 0, sizeof(*s));
}

/* ---- stDev, stDevP (Welford's running variance) -------------------------- */

typedef struct AggStdev {
  int64_t n;
  double mean, m2;
} AggStdev;

static void aggStdevInit(void *p) { memset(p, 0, sizeof(AggStdev)); }

static bool aggStdevStep(ExecCtx *c, const AstNode *f, void *p, Arena *a, int n, const Value *v) {
  (void)a; (void)n;
  if (!value_is_number(v)) {
    exec_error(c, f->iOfst, ERR_TYPE_MISMATCH, "%s() needs numbers, got %s", f->z,
               value_type_name(v->type));
    return false;
  }
  AggStdev *s = p;
  double x = value_as_double(v);
  s->n++;
  double d = x - s->mean;
  s->mean += d / (double)s->n;
  s->m2 += d * (x - s->mean);
  return true;
}

static bool aggStdevFinalSample(ExecCtx *c, const AstNode *f, void *p, Arena *a, Value *pOut) {
  (void)c; (void)f; (void)a;
  AggStdev *s = p;
  *pOut = value_float(s->n < 2 ? 0.0 : sqrt(s->m2 / (double)(s->n - 1)));
  return true;
}

static bool aggStdevFinalPop(ExecCtx *c, const AstNode *f, void *p, Arena *a, Value *pOut) {
  (void)c; (void)f; (void)a;
  AggStdev *s = p;
  *pOut = value_float(s->n < 1 ? 0.0 : sqrt(s->m2 / (double)s->n));
  return true;
}

/* ---- percentileCont, percentileDisc -------------------------------------- */

typedef struct AggPercentile {
  double *a;
  uint32_t n, cap;
  double pct;              /* requested percentile */
  bool bInt;               /* every input was an integer (disc keeps the type) */
  bool bSeen;
} AggPercentile;

static void aggPctInit(void *p) {
  memset(p, 0, sizeof(AggPercentile));
  ((AggPercentile *)p)->bInt = true;
}

static bool aggPctStep(ExecCtx *c, const AstNode *f, void *p, Arena *a, int n, const Value *v) {
  (void)a;
  AggPercentile *s = p;
  if (!value_is_number(&v[0])) {
    exec_error(c, f->iOfst, ERR_TYPE_MISMATCH, "%s() needs numbers, got %s", f->z,
               value_type_name(v[0].type));
    return false;
  }
  if (n < 2 || !value_is_number(&v[1])) {
    exec_error(c, f->iOfst, ERR_TYPE_MISMATCH, "%s() needs a numeric percentile", f->z);
    return false;
  }
  double pct = value_as_double(&v[1]);
  if (!(pct >= 0.0 && pct <= 1.0)) {
    exec_error(c, f->iOfst, ERR_NUMBER_OUT_OF_RANGE, "the percentile must be between 0.0 and 1.0");
    return false;
  }
  s->pct = pct;
  s->bSeen = true;
  if (v[0].type != VAL_INT) s->bInt = false;
  vec_push(s, value_as_double(&v[0]));
  return true;
}

static int aggCmpDouble(const void *x, const void *y) {
  double a = *(const double *)x, b = *(const double *)y;
  return a < b ? -1 : a > b;
}

static bool aggPctFinal(ExecCtx *c, const AstNode *f, void *p, Arena *a, Value *pOut, bool bCont) {
  (void)c; (void)f; (void)a;
  AggPercentile *s = p;
  if (s->n == 0) {
    *pOut = value_null();
    return true;
  }
  if (s->n > 1) qsort(s->a, s->n, sizeof(double), aggCmpDouble);
  if (bCont) {
    double pos = s->pct * (double)(s->n - 1);
    uint32_t lo = (uint32_t)floor(pos), hi = (uint32_t)ceil(pos);
    double frac = pos - (double)lo;
    *pOut = value_float(s->a[lo] + (s->a[hi] - s->a[lo]) * frac);
  } else {
    double pos = s->pct * (double)s->n;
    uint32_t idx = pos <= 0 ? 0 : (uint32_t)ceil(pos) - 1;
    if (idx >= s->n) idx = s->n - 1;
    *pOut = s->bInt ? value_int((int64_t)s->a[idx]) : value_float(s->a[idx]);
  }
  return true;
}
static bool aggPctContFinal(ExecCtx *c, const AstNode *f, void *p, Arena *a, Value *pOut) {
  return aggPctFinal(c, f, p, a, pOut, true);
}
static bool aggPctDiscFinal(ExecCtx *c, const AstNode *f, void *p, Arena *a, Value *pOut) {
  return aggPctFinal(c, f, p, a, pOut, false);
}
static void aggPctFree(void *p) {
  AggPercentile *s = p;
  tg_free(s->a);
  s->a = NULL;
  s->n = s->cap = 0;
}

/* ---- Tables --------------------------------------------------------------- */

/*
** Every aggregate once: its name, arguments, state and functions, and what
** the function registry shows (signature, description). Both tables below
** are made from this list, so an aggregate cannot be registered without
** an implementation or the reverse.
**
** X(NAME, MIN_ARGS, MAX_ARGS, STATE, INIT, STEP, FINAL, FREE, MERGE, SIGNATURE, DESCRIPTION)
*/
#define AGG_LIST(X)                                                                               \
  X("avg", 1, 1, AggSum, aggSumInit, aggSumStep, aggAvgFinal, NULL, NULL,                         \
    "avg(x :: NUMBER | DURATION) :: FLOAT | DURATION", "average of the non-null values")           \
  X("collect", 1, 1, AggCollect, aggCollectInit, aggCollectStep, aggCollectFinal, aggCollectFree, \
    NULL, "collect(x :: ANY) :: LIST", "list of the non-null values")                             \
  X("count", 1, 1, int64_t, aggCountInit, aggCountStep, aggCountFinal, NULL, aggCountMerge,       \
    "count(x :: ANY) :: INTEGER", "number of non-null values; count(*) counts rows")              \
  X("max", 1, 1, AggMinMax, aggMinMaxInit, aggMaxStep, aggMinMaxFinal, NULL, aggMaxMerge,         \
    "max(x :: ANY) :: ANY", "largest value")                                                      \
  X("min", 1, 1, AggMinMax, aggMinMaxInit, aggMinStep, aggMinMaxFinal, NULL, aggMinMerge,         \
    "min(x :: ANY) :: ANY", "smallest value")                                                     \
  X("percentileCont", 2, 2, AggPercentile, aggPctInit, aggPctStep, aggPctContFinal, aggPctFree,   \
    NULL, "percentileCont(x :: NUMBER, p :: FLOAT) :: FLOAT", "percentile, interpolated")         \
  X("percentileDisc", 2, 2, AggPercentile, aggPctInit, aggPctStep, aggPctDiscFinal, aggPctFree,   \
    NULL, "percentileDisc(x :: NUMBER, p :: FLOAT) :: NUMBER", "percentile, nearest value")       \
  X("stDev", 1, 1, AggStdev, aggStdevInit, aggStdevStep, aggStdevFinalSample, NULL, NULL,         \
    "stDev(x :: NUMBER) :: FLOAT", "sample standard deviation")                                   \
  X("stDevP", 1, 1, AggStdev, aggStdevInit, aggStdevStep, aggStdevFinalPop, NULL, NULL,           \
    "stDevP(x :: NUMBER) :: FLOAT", "population standard deviation")                              \
  X("sum", 1, 1, AggSum, aggSumInit, aggSumStep, aggSumFinal, NULL, NULL,                         \
    "sum(x :: NUMBER | DURATION) :: NUMBER | DURATION", "sum of the non-null values")

static const AggDef aAggDef[] = {
#define AGG_IMPL(NAME, MIN, MAX, STATE, INIT, STEP, FINAL, FREE, MERGE, SIG, DESC) \
  {NAME, sizeof(STATE), INIT, STEP, FINAL, FREE, MERGE},
    AGG_LIST(AGG_IMPL)
#undef AGG_IMPL
};

const AggDef *agg_lookup(const char *zName) {
  for (int i = 0; i < ARRAY_SIZE(aAggDef); i++) {
    if (strcasecmp(aAggDef[i].zName, zName) == 0) return &aAggDef[i];
  }
  return NULL;
}

const FuncDef func_agg_defs[] = {
#define AGG_FUNC(NAME, MIN, MAX, STATE, INIT, STEP, FINAL, FREE, MERGE, SIG, DESC) \
  {NAME, MIN, MAX, FUNCF_AGGREGATE, NULL, SIG, DESC},
    AGG_LIST(AGG_FUNC)
#undef AGG_FUNC
};
const int func_agg_count = ARRAY_SIZE(func_agg_defs);
