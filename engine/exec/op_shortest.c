/*
** op_shortest.c — ShortestPath: for bound start and end nodes, one
** shortest path (shortestPath) or every shortest path (allShortestPaths)
** over the wanted types and direction, found breadth first. Binds the
** relationship list and the path. Rows without a path are dropped.
*/
#include "exec/expand_common.h"
#include "base/mem.h"
#include "base/vec.h"

typedef struct OpShortest {
  Op base;
  ExpandSpec s;
  bool bAll;               /* every shortest path */
  uint32_t iPathSlot;      /* path variable, or UINT32_MAX */
  /* per input row */
  VEC(Value) results;      /* paths found (in scratch) */
  uint32_t iResult;
} OpShortest;

typedef VEC(RelId) ShortestRelVec;

/* A predecessor link in the breadth-first search. */
typedef struct ShortestPred {
  NodeId node;             /* node reached */
  RelId rel;               /* by this relationship */
  NodeId from;             /* from this node */
} ShortestPred;

/* Enumerates the paths from start to end through the predecessor links
** (depth first, backwards), appending each as a relationship list. */
static void shortestCollect(OpShortest *sh, const ShortestPred *aPred, uint32_t nPred,
                            NodeId start, NodeId cur, ShortestRelVec *pRev, uint32_t nLen) {
  if (cur == start && pRev->n == nLen) {
    RelId *aRel = arena_alloc(&sh->base.scratch, sizeof(RelId) * (nLen + 1));
    for (uint32_t i = 0; i < nLen; i++) aRel[i] = pRev->a[nLen - 1 - i];
    Value path;
    expr_make_path(sh->base.pCtx, start, aRel, nLen, &sh->base.scratch, &path);
    vec_push(&sh->results, path);
    return;
  }
  if (pRev->n >= nLen) return;
  for (uint32_t i = 0; i < nPred; i++) {
    if (aPred[i].node != cur) continue;
    vec_push(pRev, aPred[i].rel);
    shortestCollect(sh, aPred, nPred, start, aPred[i].from, pRev, nLen);
    pRev->n--;
    if (!sh->bAll && sh->results.n) return;
  }
}

/* Breadth-first search from start to end; fills sh->results. */
static bool shortestSearch(OpShortest *sh, NodeId start, NodeId end) {
  ExecCtx *pCtx = sh->base.pCtx;
  const Graph *g = pCtx->pGraph;
  uint32_t nSlot = g->nNodeSlot;
  int32_t *aDist = tg_malloc(sizeof(int32_t) * (nSlot ? nSlot : 1));
  for (uint32_t i = 0; i < nSlot; i++) aDist[i] = -1;
  VEC(ShortestPred) preds = {0};
  typedef VEC(NodeId) NodeVec;
  NodeVec frontier = {0}, next = {0};
  aDist[start] = 0;
  vec_push(&frontier, start);
  int32_t depth = 0;
  bool bFound = start == end && sh->s.iMin == 0;
  bool bOk = true;
  while (!bFound && frontier.n && (sh->s.iMax < 0 || depth < sh->s.iMax)) {
    next.n = 0;
    for (uint32_t f = 0; f < frontier.n; f++) {
      if (exec_check_interrupt(pCtx)) {
        bOk = false;
        goto done;
      }
      AdjCursor c;
      AdjEntry ent;
      expand_cursor_start(&sh->s, g, frontier.a[f], &c);
      while (expand_cursor_next(&sh->s, g, &c, &ent)) {
        if (sh->s.exclude.n && expand_excluded(&sh->s, pCtx->aSlot, ent.rel)) continue;
        if (sh->s.pRelPred) {
          int t = expand_rel_ok(&sh->s, pCtx, &sh->base.scratch, ent.rel);
          if (t < 0) {
            bOk = false;
            goto done;
          }
          if (t == 0) continue;
        }
        if (aDist[ent.nbr] == -1) {
          aDist[ent.nbr] = depth + 1;
          vec_push(&next, ent.nbr);
        }
        if (aDist[ent.nbr] == depth + 1) {
          ShortestPred pr = {ent.nbr, ent.rel, frontier.a[f]};
          vec_push(&preds, pr);
        }
      }
    }
    depth++;
    if (aDist[end] == depth) bFound = true;
    NodeVec tmp = frontier;
    frontier = next;
    next = tmp;
  }
  if (bFound) {
    ShortestRelVec rev = {0};
    shortestCollect(sh, preds.a, preds.n, start, end, &rev, (uint32_t)aDist[end]);
    vec_free(&rev);
  }
done:
  tg_free(aDist);
  vec_free(&preds);
  vec_free(&frontier);
  vec_free(&next);
  return bOk;
}

static void shortestOpen(Op *p) {
  OpShortest *sh = (OpShortest *)p;
  op_open(p->pChild);
  sh->results.n = 0;
  sh->iResult = 0;
}

static int shortestNext(Op *p) {
  OpShortest *sh = (OpShortest *)p;
  ExecCtx *pCtx = p->pCtx;
  for (;;) {
    if (sh->iResult < sh->results.n) {
      Value path = sh->results.a[sh->iResult++];
      uint32_t nRel = (path.n - 1) / 2;
      Value list = value_list_new(&p->scratch, nRel);
      for (uint32_t i = 0; i < nRel; i++) list.u.a[i] = path.u.a[2 * i + 1];
      pCtx->aSlot[sh->s.iRel] = list;
      if (sh->iPathSlot != UINT32_MAX) pCtx->aSlot[sh->iPathSlot] = path;
      return OP_ROW;
    }
    int rc = op_next(p->pChild);
    if (rc != OP_ROW) return rc;
    arena_reset(&p->scratch);
    sh->results.n = 0;
    sh->iResult = 0;
    const Value *pA = &pCtx->aSlot[sh->s.iFrom], *pB = &pCtx->aSlot[sh->s.iTo];
    if (pA->type != VAL_NODE || pB->type != VAL_NODE) continue;
    if (!shortestSearch(sh, pA->u.id, pB->u.id)) return OP_ERROR;
  }
}

static void shortestClose(Op *p) {
  op_close(p->pChild);
  vec_free(&((OpShortest *)p)->results);
}

static void shortestExplain(Op *p, StrBuf *pOut) { expand_explain(p, &((OpShortest *)p)->s, pOut); }

static const OpVtab shortestVtab = {"ShortestPath", shortestOpen, shortestNext, shortestClose,
                                    shortestExplain, NULL};

Op *op_shortest(ExecCtx *pCtx, Op *pChild, const ExpandSpec *pSpec, bool bAll, uint32_t iPathSlot) {
  OpShortest *sh = (OpShortest *)op_alloc(pCtx, sizeof(OpShortest), &shortestVtab, pChild);
  sh->s = *pSpec;
  sh->s.bInto = true;
  sh->bAll = bAll;
  sh->iPathSlot = iPathSlot;
  return &sh->base;
}
