/*
** op_aggregate.c — Aggregate: groups the input rows by the key
** expressions (Cypher equivalence, hashed with XXH3) and feeds each
** group's aggregates; after the last input row it yields one row per
** group, in the order the groups first appeared, with the keys and the
** final aggregate values in their slots. Without keys there is exactly one
** group, even for no input (count(*) of nothing is 0).
**
** Grouped by one property of a node (`RETURN tag.name, count(*)`), most
** rows repeat a node seen before; a small direct-mapped cache from node
** to group then skips reading the property and hashing it (the planner
** asks for it only when nothing below writes).
*/
#include <stdlib.h>
#include <string.h>

#include "eval/agg.h"
#include "eval/expr.h"
#include "eval/func.h"
#include "base/htab.h"
#include "base/mem.h"
#include "exec/op.h"
#include "base/vec.h"

/* Values a DISTINCT aggregate has already seen in one group. */
typedef struct AggSeen {
  HTab ht;
  VEC(Value) vals;
} AggSeen;

typedef struct AggGroup {
  Value *aKey;             /* key values, copied into the groups arena */
  uint64_t h;              /* their hash */
  char *pState;            /* all aggregates' states, one block */
  AggSeen *aSeen;          /* per DISTINCT aggregate, or NULL */
  uint32_t iFirst;         /* parallel: the scanned node of its first row */
  uint32_t iLocal;         /* parallel: its position among one worker's groups */
} AggGroup;

/* Node -> group, direct-mapped; an entry counts for the run (epoch) that
** filled it only. */
#define AGG_NODE_CACHE 16384
typedef struct AggNodeCache {
  uint32_t epoch;
  uint32_t aEpoch[AGG_NODE_CACHE];
  NodeId aNode[AGG_NODE_CACHE];
  uint32_t aGroup[AGG_NODE_CACHE];
} AggNodeCache;

typedef struct OpAggregate {
  Op base;
  uint32_t nKey;
  uint32_t *aKeySlot;
  AstNode **apKeyExpr;
  uint32_t nAgg;
  AggSpec *aAgg;
  const AggDef **apDef;    /* aggregate implementation per AggSpec */
  size_t *aOffset;         /* state offset per aggregate */
  size_t nStateTotal;
  Arena groupsMem;         /* keys, states and kept values */
  VEC(AggGroup) groups;
  HTab ht;
  Value *aKeyTmp;          /* keys of the current input row */
  uint32_t iNext;          /* next group to yield */
  uint32_t iWeight;        /* slot weighting count(*), or UINT32_MAX */
  VEC(Op *) partners;      /* parallel: the same Aggregate of clones of the query */
  uint32_t iScanSlot;      /* parallel: the shared scan's node slot, or UINT32_MAX */
  ScanMorsels *pMorsels;   /* parallel: that scan's blocks */
  bool bDone;              /* input consumed */
  uint32_t iKeyNode;       /* with pNodeCache: the node slot the key reads */
  AggNodeCache *pNodeCache; /* when the one key is a property of that node */
} OpAggregate;

typedef struct AggKeyProbe {
  const OpAggregate *a;
  const Value *aKey;
} AggKeyProbe;

static bool aggGroupEq(const void *pCtx, uint32_t iEntry, const void *pKey) {
  const OpAggregate *a = pCtx;
  const AggKeyProbe *k = pKey;
  const Value *aSaved = a->groups.a[iEntry].aKey;
  for (uint32_t i = 0; i < a->nKey; i++) {
    if (!value_equivalent(&aSaved[i], &k->aKey[i])) return false;
  }
  return true;
}

typedef struct AggValueProbe {
  const AggSeen *s;
} AggValueProbe;

static bool aggSeenEq(const void *pCtx, uint32_t iEntry, const void *pKey) {
  const AggSeen *s = pCtx;
  return value_equivalent(&s->vals.a[iEntry], (const Value *)pKey);
}

static AggGroup *aggNewGroup(OpAggregate *a, uint64_t h) {
  AggGroup g;
  memset(&g, 0, sizeof(g));
  g.h = h;
  g.aKey = arena_alloc(&a->groupsMem, sizeof(Value) * (a->nKey + 1));
  for (uint32_t i = 0; i < a->nKey; i++) g.aKey[i] = value_copy(&a->groupsMem, &a->aKeyTmp[i]);
  g.pState = arena_zalloc(&a->groupsMem, a->nStateTotal + 1);
  for (uint32_t i = 0; i < a->nAgg; i++) a->apDef[i]->xInit(g.pState + a->aOffset[i]);
  bool bDistinct = false;
  for (uint32_t i = 0; i < a->nAgg; i++) bDistinct |= (a->aAgg[i].pCall->flags & AST_F_DISTINCT) != 0;
  if (bDistinct) g.aSeen = arena_zalloc(&a->groupsMem, sizeof(AggSeen) * a->nAgg);
  g.iLocal = a->groups.n;
  if (a->iScanSlot != UINT32_MAX) g.iFirst = a->base.pCtx->aSlot[a->iScanSlot].u.id;
  vec_push(&a->groups, g);
  return &a->groups.a[a->groups.n - 1];
}

/* Feeds aggregate i of group g an input row that stands for w equal rows
** (the weight slot of a FactorisedCount below): count adds w, min and max
** see the value once, sum adds the value times w; anything else steps w
** times. */
static bool aggStepWeighted(OpAggregate *a, uint32_t i, AggGroup *g, int nArg, Value *aArg) {
  ExecCtx *pCtx = a->base.pCtx;
  const AstNode *pCall = a->aAgg[i].pCall;
  const AggDef *pDef = a->apDef[i];
  void *pState = g->pState + a->aOffset[i];
  int64_t w = pCtx->aSlot[a->iWeight].u.i;
  if (strcmp(pDef->zName, "count") == 0) {
    *(int64_t *)pState += w;
    return true;
  }
  if (strcmp(pDef->zName, "min") == 0 || strcmp(pDef->zName, "max") == 0) {
    return pDef->xStep(pCtx, pCall, pState, &a->groupsMem, nArg, aArg);
  }
  if (strcmp(pDef->zName, "sum") == 0 && nArg == 1 && aArg[0].type == VAL_INT) {
    Value v = aArg[0];
    if (__builtin_mul_overflow(v.u.i, w, &v.u.i)) {
      exec_error(pCtx, pCall->iOfst, ERR_INTEGER_OVERFLOW, "sum()");
      return false;
    }
    return pDef->xStep(pCtx, pCall, pState, &a->groupsMem, nArg, &v);
  }
  if (strcmp(pDef->zName, "sum") == 0 && nArg == 1 && aArg[0].type == VAL_FLOAT) {
    Value v = value_float(aArg[0].u.f * (double)w);
    return pDef->xStep(pCtx, pCall, pState, &a->groupsMem, nArg, &v);
  }
  for (int64_t k = 0; k < w; k++) {
    if (exec_check_interrupt(pCtx)) return false;
    if (!pDef->xStep(pCtx, pCall, pState, &a->groupsMem, nArg, aArg)) return false;
  }
  return true;
}

/* Feeds the current input row to group g's aggregates. */
static bool aggStep(OpAggregate *a, AggGroup *g) {
  ExecCtx *pCtx = a->base.pCtx;
  Arena *pScratch = &a->base.scratch;
  for (uint32_t i = 0; i < a->nAgg; i++) {
    const AstNode *pCall = a->aAgg[i].pCall;
    Value aArg[4];
    int nArg = 0;
    if ((pCall->flags & AST_F_STAR) && a->iWeight != UINT32_MAX) {
      *(int64_t *)(g->pState + a->aOffset[i]) += a->base.pCtx->aSlot[a->iWeight].u.i;
      continue;
    }
    if (!(pCall->flags & AST_F_STAR)) {
      nArg = (int)TG_MIN(pCall->pList->n, 4u);
      for (int k = 0; k < nArg; k++) {
        if (!expr_eval(pCtx, pCall->pList->a[k], pScratch, &aArg[k])) return false;
      }
      if (aArg[0].type == VAL_NULL) continue;   /* aggregates ignore nulls */
      if (pCall->flags & AST_F_DISTINCT) {
        AggSeen *s = &g->aSeen[i];
        uint64_t h = value_hash(&aArg[0]);
        if (htab_find(&s->ht, h, aggSeenEq, s, &aArg[0]) >= 0) continue;
        vec_push(&s->vals, value_copy(&a->groupsMem, &aArg[0]));
        htab_insert(&s->ht, h, s->vals.n - 1);
      }
    }
    if (a->iWeight != UINT32_MAX && !(pCall->flags & AST_F_DISTINCT)) {
      if (!aggStepWeighted(a, i, g, nArg, aArg)) return false;
      continue;
    }
    if (!a->apDef[i]->xStep(pCtx, pCall, g->pState + a->aOffset[i], &a->groupsMem, nArg, aArg)) {
      return false;
    }
  }
  return true;
}

static void aggregateOpen(Op *p) {
  OpAggregate *a = (OpAggregate *)p;
  op_open(p->pChild);
  arena_init(&a->groupsMem);
  htab_init(&a->ht);
  a->groups.n = 0;
  a->iNext = 0;
  a->bDone = false;
  if (a->pNodeCache && ++a->pNodeCache->epoch == 0) {
    memset(a->pNodeCache->aEpoch, 0, sizeof(a->pNodeCache->aEpoch));
    a->pNodeCache->epoch = 1;
  }
}

/* Reads all input rows into groups. */
static bool aggConsume(OpAggregate *a) {
  Op *p = &a->base;
  ExecCtx *pCtx = p->pCtx;
  int rc;
  AggNodeCache *pCache = a->pNodeCache;
  while ((rc = op_next(p->pChild)) == OP_ROW) {
    arena_reset(&p->scratch);
    uint32_t iCache = UINT32_MAX;
    if (pCache && pCtx->aSlot[a->iKeyNode].type == VAL_NODE) {
      NodeId n = pCtx->aSlot[a->iKeyNode].u.id;
      iCache = n % AGG_NODE_CACHE;
      if (pCache->aEpoch[iCache] == pCache->epoch && pCache->aNode[iCache] == n) {
        if (!aggStep(a, &a->groups.a[pCache->aGroup[iCache]])) return false;
        continue;
      }
    }
    uint64_t h = 0x51ed27a3ULL;
    for (uint32_t i = 0; i < a->nKey; i++) {
      if (!expr_eval(pCtx, a->apKeyExpr[i], &p->scratch, &a->aKeyTmp[i])) return false;
      h = htab_hash_combine(h, value_hash(&a->aKeyTmp[i]));
    }
    AggKeyProbe probe = {a, a->aKeyTmp};
    int64_t iGroup = htab_find(&a->ht, h, aggGroupEq, a, &probe);
    AggGroup *g;
    if (iGroup < 0) {
      g = aggNewGroup(a, h);
      htab_insert(&a->ht, h, a->groups.n - 1);
    } else {
      g = &a->groups.a[iGroup];
    }
    if (iCache != UINT32_MAX) {
      pCache->aEpoch[iCache] = pCache->epoch;
      pCache->aNode[iCache] = pCtx->aSlot[a->iKeyNode].u.id;
      pCache->aGroup[iCache] = (uint32_t)(g - a->groups.a);
    }
    if (!aggStep(a, g)) return false;
  }
  if (rc == OP_ERROR) return false;
  if (a->nKey == 0 && a->groups.n == 0) aggNewGroup(a, 0);
  return true;
}

/* ---- Parallel aggregation -------------------------------------------------
**
** With partners (parallel.c), each partner is the same Aggregate in a clone
** of the statement whose scan shares the node ids with this one. Each runs
** on a worker thread; this one reads its own share meanwhile, then waits
** for them and folds their groups into its own.
**
** The groups then come out in the order one worker would have made them.
** Scans read ids in ascending order and each id is read by one worker, so
** a group's first row in a single-worker run belongs to the smallest
** scanned node (iFirst) any worker saw it at; groups first seen at the
** same node come from the worker that read it, in its order (iLocal). */

static bool aggShare(Op *p) { return aggConsume((OpAggregate *)p); }

/* Folds partner b's groups into a's. */
static bool aggMergePartner(OpAggregate *a, OpAggregate *b) {
  ExecCtx *pCtx = a->base.pCtx;
  for (uint32_t k = 0; k < b->groups.n; k++) {
    const AggGroup *h = &b->groups.a[k];
    AggGroup *g;
    if (a->nKey == 0) {
      g = &a->groups.a[0];
    } else {
      for (uint32_t i = 0; i < a->nKey; i++) a->aKeyTmp[i] = h->aKey[i];
      AggKeyProbe probe = {a, a->aKeyTmp};
      int64_t iGroup = htab_find(&a->ht, h->h, aggGroupEq, a, &probe);
      if (iGroup < 0) {
        g = aggNewGroup(a, h->h);   /* copies the keys into a's memory */
        htab_insert(&a->ht, h->h, a->groups.n - 1);
        g->iFirst = UINT32_MAX;
      } else {
        g = &a->groups.a[iGroup];
      }
      if (h->iFirst < g->iFirst) {
        g->iFirst = h->iFirst;
        g->iLocal = h->iLocal;
      }
    }
    for (uint32_t i = 0; i < a->nAgg; i++) {
      if (!a->apDef[i]->xMerge(pCtx, a->aAgg[i].pCall, g->pState + a->aOffset[i],
                               h->pState + b->aOffset[i], &a->groupsMem)) {
        return false;
      }
    }
  }
  return true;
}

static int aggGroupOrderCmp(const void *pA, const void *pB) {
  const AggGroup *x = pA, *y = pB;
  if (x->iFirst != y->iFirst) return x->iFirst < y->iFirst ? -1 : 1;
  return x->iLocal < y->iLocal ? -1 : x->iLocal > y->iLocal;
}

/* Reads this share and the partners' (on threads), then merges. */
static bool aggConsumeParallel(OpAggregate *a) {
  uint32_t n = a->partners.n;
  bool bOk = op_run_shares(&a->base, a->partners.a, n, a->iScanSlot, a->pMorsels, aggShare);
  for (uint32_t i = 0; i < n && bOk; i++) bOk = aggMergePartner(a, (OpAggregate *)a->partners.a[i]);
  if (bOk && a->nKey > 0 && a->groups.n > 1) {
    /* The single-worker order (see above); the hash table now indexes
    ** the old order, and no more rows will be grouped. */
    qsort(a->groups.a, a->groups.n, sizeof(AggGroup), aggGroupOrderCmp);
    htab_free(&a->ht);
    htab_init(&a->ht);
  }
  return bOk;
}

static int aggregateNext(Op *p) {
  OpAggregate *a = (OpAggregate *)p;
  ExecCtx *pCtx = p->pCtx;
  if (!a->bDone) {
    if (!(a->partners.n ? aggConsumeParallel(a) : aggConsume(a))) return OP_ERROR;
    a->bDone = true;
  }
  if (a->iNext >= a->groups.n) return OP_DONE;
  AggGroup *g = &a->groups.a[a->iNext++];
  arena_reset(&p->scratch);
  for (uint32_t i = 0; i < a->nKey; i++) pCtx->aSlot[a->aKeySlot[i]] = g->aKey[i];
  for (uint32_t i = 0; i < a->nAgg; i++) {
    Value v;
    if (!a->apDef[i]->xFinal(pCtx, a->aAgg[i].pCall, g->pState + a->aOffset[i], &p->scratch, &v)) {
      return OP_ERROR;
    }
    pCtx->aSlot[a->aAgg[i].iSlot] = v;
  }
  return OP_ROW;
}

static void aggregateClose(Op *p) {
  OpAggregate *a = (OpAggregate *)p;
  op_close(p->pChild);
  for (uint32_t k = 0; k < a->groups.n; k++) {
    AggGroup *g = &a->groups.a[k];
    for (uint32_t i = 0; i < a->nAgg; i++) {
      if (a->apDef[i]->xFree) a->apDef[i]->xFree(g->pState + a->aOffset[i]);
      if (g->aSeen) {
        htab_free(&g->aSeen[i].ht);
        vec_free(&g->aSeen[i].vals);
      }
    }
  }
  vec_free(&a->groups);
  htab_free(&a->ht);
  arena_free(&a->groupsMem);
}

static void aggregateExplain(Op *p, StrBuf *pOut) {
  OpAggregate *a = (OpAggregate *)p;
  for (uint32_t i = 0; i < a->nKey; i++) {
    strbuf_puts(pOut, i ? ", " : "");
    op_put_expr(p, pOut, a->apKeyExpr[i]);
  }
  strbuf_puts(pOut, a->nKey ? " | " : "");
  for (uint32_t i = 0; i < a->nAgg; i++) {
    /* Print the call itself, not the slot it reads after aggregation. */
    AstNode call = *a->aAgg[i].pCall;
    call.flags &= ~(uint32_t)AST_F_SLOTREF;
    strbuf_puts(pOut, i ? ", " : "");
    op_put_expr(p, pOut, &call);
  }
}

static void aggregateFree(Op *p) {
  vec_free(&((OpAggregate *)p)->partners);
  tg_free(((OpAggregate *)p)->pNodeCache);
}

static const OpVtab aggregateVtab = {"Aggregate", aggregateOpen, aggregateNext, aggregateClose,
                                     aggregateExplain, aggregateFree};

Op *op_aggregate(ExecCtx *pCtx, Op *pChild, uint32_t nKey, const uint32_t *aKeySlot,
                 AstNode *const *apKeyExpr, uint32_t nAgg, const AggSpec *aAgg) {
  OpAggregate *a = (OpAggregate *)op_alloc(pCtx, sizeof(OpAggregate), &aggregateVtab, pChild);
  Arena *pA = pCtx->pArena;
  a->nKey = nKey;
  a->aKeySlot = arena_alloc(pA, sizeof(uint32_t) * (nKey + 1));
  a->apKeyExpr = arena_alloc(pA, sizeof(AstNode *) * (nKey + 1));
  a->aKeyTmp = arena_alloc(pA, sizeof(Value) * (nKey + 1));
  if (nKey) {
    memcpy(a->aKeySlot, aKeySlot, sizeof(uint32_t) * nKey);
    memcpy(a->apKeyExpr, apKeyExpr, sizeof(AstNode *) * nKey);
  }
  a->nAgg = nAgg;
  a->aAgg = arena_alloc(pA, sizeof(AggSpec) * (nAgg + 1));
  a->apDef = arena_alloc(pA, sizeof(AggDef *) * (nAgg + 1));
  a->aOffset = arena_alloc(pA, sizeof(size_t) * (nAgg + 1));
  if (nAgg) memcpy(a->aAgg, aAgg, sizeof(AggSpec) * nAgg);
  size_t off = 0;
  for (uint32_t i = 0; i < nAgg; i++) {
    a->apDef[i] = agg_lookup(((const FuncDef *)aAgg[i].pCall->pDef)->zName);
    a->aOffset[i] = off;
    off += (a->apDef[i]->nState + 15) & ~(size_t)15;
  }
  a->nStateTotal = off;
  a->iWeight = UINT32_MAX;
  a->iScanSlot = UINT32_MAX;
  return &a->base;
}

void op_aggregate_cache_node_key(Op *p, uint32_t iNodeSlot) {
  OpAggregate *a = (OpAggregate *)p;
  if (NEVER(p->pVtab != &aggregateVtab || a->nKey != 1) || a->pNodeCache) return;
  a->iKeyNode = iNodeSlot;
  a->pNodeCache = tg_calloc(1, sizeof(AggNodeCache));
}

bool op_aggregate_splittable(const Op *p) {
  if (p->pVtab != &aggregateVtab) return false;
  const OpAggregate *a = (const OpAggregate *)p;
  if (a->nKey == 0 && a->nAgg == 0) return false;
  for (uint32_t i = 0; i < a->nAgg; i++) {
    if (a->apDef[i]->xMerge == NULL || (a->aAgg[i].pCall->flags & AST_F_DISTINCT)) return false;
  }
  return true;
}

void op_aggregate_partner(Op *p, Op *pPartner, uint32_t iScanSlot, ScanMorsels *pM) {
  OpAggregate *a = (OpAggregate *)p;
  a->iScanSlot = iScanSlot;
  a->pMorsels = pM;
  if (pPartner == NULL) a->partners.n = 0;
  else vec_push(&a->partners, pPartner);
}

void op_aggregate_weight(Op *p, uint32_t iWeight) {
  if (NEVER(p->pVtab != &aggregateVtab)) return;
  ((OpAggregate *)p)->iWeight = iWeight;
}
