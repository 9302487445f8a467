/*
** op_expand.c — Expand: from a bound node, one row per adjacent
** relationship of the wanted types and direction, binding the
** relationship and the node at its other end (or, when that node is
** already bound, keeping only relationships that reach it: "expand into").
**
** Expand into reads the shorter of the two nodes' adjacency lists. When
** both are long and one end stays the same from row to row (the outer
** loop of a triangle), that end's list is hashed by neighbour once and
** each row probes it: one probe per row rather than a walk over a hub.
**
** Besides emitting rows the operator has three modes that answer a
** question per input row instead:
**   counting (op_expand_count): emit the row once, with its number of
**     matches in a weight slot, for an Aggregate that only counts; filters
**     on the expanded variables are tested inside, per candidate. When the
**     count depends on the start node alone it is remembered per node.
**   semi / anti (op_expand_exists): emit the row when some / no
**     relationship matches — `WHERE [NOT] EXISTS { (a)-[:T]->(b) }` with
**     both ends bound, without running a subquery per row.
*/
#include "exec/expand_common.h"
#include "base/htab.h"
#include "base/mem.h"
#include "base/vec.h"

/* Shorter lists are walked; a long list is hashed once its node repeats. */
#define EXPAND_INTO_SCAN_MAX 24
/* Start nodes whose counts are remembered (direct-mapped). */
#define EXPAND_MEMO_SIZE 4096

#define EXPAND_ROWS 0
#define EXPAND_COUNT 1
#define EXPAND_SEMI 2
#define EXPAND_ANTI 3


/* Remembered match counts per start node. */
typedef struct CountMemo {
  NodeId aKey[EXPAND_MEMO_SIZE];    /* node + 1; 0: empty */
  int64_t aCount[EXPAND_MEMO_SIZE];
} CountMemo;

typedef struct OpExpand OpExpand;
struct OpExpand {
  Op base;
  ExpandSpec s;
  ExpandSpec sFar;         /* the same relationships seen from iTo */
  int eMode;               /* EXPAND_ROWS, _COUNT, _SEMI, _ANTI */
  AdjCursor cur;           /* position in the adjacency being walked */
  bool bActive;            /* an input row is being expanded */
  /* Expand into */
  int eWalk;               /* WALK_FROM, WALK_FAR or WALK_CACHE */
  NodeId want;             /* walking: the neighbour an entry must have */
  const AdjHash *pProbe; /* WALK_CACHE: the cache followed */
  uint32_t iChain;         /* WALK_CACHE: next entry */
  NodeId bound;            /* WALK_CACHE: the node the entries reach */
  AdjHash aCache[2];     /* [0]: iFrom's list (spec s), [1]: iTo's (spec sFar) */
  NodeId lastFrom, lastTo; /* the previous row's ends */
  uint64_t nChange, iVersion; /* graph counters the caches and memo hold for */
  /* Counting */
  uint32_t iWeight;        /* weight slot */
  uint32_t nPred;          /* folded filters */
  const AstNode **apPred;
  CountMemo *pMemo;        /* when the count depends on the start node only */
  uint32_t iUnequal;       /* apPred's last is id(slot) <> id(iTo), or UINT32_MAX */
  bool bBulk;              /* counting over the child scan's ids in bulk */
};

#define WALK_FROM 0        /* walk iFrom's list for entries reaching `want` */
#define WALK_FAR 1         /* walk iTo's list for entries reaching `want` */
#define WALK_CACHE 2       /* follow a cached chain */

/* Forgets cached lists and counts when the graph changed since. */
static void expandCheckGraph(OpExpand *e, const Graph *g) {
  if (e->nChange == g->nChange && e->iVersion == g->iVersion) return;
  e->aCache[0].bValid = e->aCache[1].bValid = false;
  if (e->pMemo) memset(e->pMemo->aKey, 0, sizeof(e->pMemo->aKey));
  e->nChange = g->nChange;
  e->iVersion = g->iVersion;
}

/* Follows cache c's chain for neighbour `key`. */
static void intoProbe(OpExpand *e, const AdjHash *c, NodeId key, NodeId bound) {
  e->pProbe = c;
  e->iChain = adj_hash_first(c, key);
  e->bound = bound;
  e->eWalk = WALK_CACHE;
}

/* Starts an into check between the row's iFrom and iTo. */
static void intoStart(OpExpand *e, const Graph *g, NodeId from, NodeId to) {
  AdjHash *pFromC = &e->aCache[0], *pToC = &e->aCache[1];
  bool bSameFrom = from == e->lastFrom, bSameTo = to == e->lastTo;
  e->lastFrom = from;
  e->lastTo = to;
  if (pToC->bValid && pToC->node == to) {
    intoProbe(e, pToC, from, to);
    return;
  }
  if (pFromC->bValid && pFromC->node == from) {
    intoProbe(e, pFromC, to, to);
    return;
  }
  uint32_t nFrom = expand_degree(&e->s, g, from), nTo = expand_degree(&e->sFar, g, to);
  if (TG_MIN(nFrom, nTo) > EXPAND_INTO_SCAN_MAX && (bSameTo || bSameFrom)) {
    if (bSameTo) {
      adj_hash_fill(pToC, &e->sFar, g, to, true);
      intoProbe(e, pToC, from, to);
    } else {
      adj_hash_fill(pFromC, &e->s, g, from, true);
      intoProbe(e, pFromC, to, to);
    }
  } else if (nTo < nFrom) {
    expand_cursor_start(&e->sFar, g, to, &e->cur);
    e->want = from;
    e->eWalk = WALK_FAR;
  } else {
    expand_cursor_start(&e->s, g, from, &e->cur);
    e->want = to;
    e->eWalk = WALK_FROM;
  }
}

/* The next candidate relationship of the current input row. */
static bool expandCandidate(OpExpand *e, const Graph *g, AdjEntry *pOut) {
  if (!e->s.bInto) return expand_cursor_next(&e->s, g, &e->cur, pOut);
  if (e->eWalk == WALK_CACHE) {
    if (e->iChain == UINT32_MAX) return false;
    pOut->rel = e->pProbe->ents.a[e->iChain].rel;
    pOut->nbr = e->bound;
    e->iChain = e->pProbe->next.a[e->iChain];
    return true;
  }
  const ExpandSpec *s = e->eWalk == WALK_FAR ? &e->sFar : &e->s;
  while (expand_cursor_next(s, g, &e->cur, pOut)) {
    if (pOut->nbr != e->want) continue;
    if (e->eWalk == WALK_FAR) pOut->nbr = e->cur.node;   /* as seen from iFrom */
    return true;
  }
  return false;
}

/* Does the candidate pass uniqueness, labels, the relationship predicate
** and (counting mode) the folded filters? Binds it when it does.
** Returns 1, 0, or -1 on error. */
static int expandAccept(OpExpand *e, const AdjEntry *pEnt) {
  Op *p = &e->base;
  ExecCtx *pCtx = p->pCtx;
  Value *aSlot = pCtx->aSlot;
  if (e->s.exclude.n && expand_excluded(&e->s, aSlot, pEnt->rel)) return 0;
  if (!e->s.bInto && !expand_target_ok(&e->s, pCtx, pEnt->nbr)) return 0;
  if (e->s.pRelPred) {
    int t = expand_rel_ok(&e->s, pCtx, &p->scratch, pEnt->rel);
    if (t <= 0) return t;
  }
  aSlot[e->s.iRel] = value_rel(pEnt->rel);
  if (!e->s.bInto) aSlot[e->s.iTo] = value_node(pEnt->nbr);
  for (uint32_t i = 0; i < e->nPred; i++) {
    ArenaMark m = arena_mark(&p->scratch);
    int t = expr_truth(pCtx, e->apPred[i], &p->scratch);
    arena_rewind(&p->scratch, m);
    if (t <= 0) return t;
  }
  return 1;
}

/* Starts expanding the current input row; false when it cannot match. */
static bool expandStartRow(OpExpand *e) {
  ExecCtx *pCtx = e->base.pCtx;
  const Graph *g = pCtx->pGraph;
  const Value *pFrom = &pCtx->aSlot[e->s.iFrom];
  if (pFrom->type != VAL_NODE || !graph_node_exists(g, pFrom->u.id)) return false;
  if (e->s.bInto) {
    const Value *pTo = &pCtx->aSlot[e->s.iTo];
    if (pTo->type != VAL_NODE || !graph_node_exists(g, pTo->u.id)) return false;
    intoStart(e, g, pFrom->u.id, pTo->u.id);
  } else {
    expand_cursor_start(&e->s, g, pFrom->u.id, &e->cur);
  }
  return true;
}

/* Counting mode, when the count depends on the start node alone (pMemo
** set): the matches from node `from`. */
static int64_t expandCountFrom(OpExpand *e, NodeId from) {
  const Graph *g = e->base.pCtx->pGraph;
  if (e->s.iDir != DIR_BOTH && e->s.pToLabels == NULL) return expand_degree(&e->s, g, from);
  /* Only the far node's labels to test: a tight loop. */
  int64_t n = 0;
  AdjCursor cur;
  AdjEntry ent;
  expand_cursor_start(&e->s, g, from, &cur);
  while (expand_cursor_next(&e->s, g, &cur, &ent)) n += expand_target_ok(&e->s, e->base.pCtx, ent.nbr);
  return n;
}

/* Counting mode: the matches of the current row (-1 on error). */
static int64_t expandCountRow(OpExpand *e) {
  const Graph *g = e->base.pCtx->pGraph;
  if (e->pMemo) {
    NodeId from = e->base.pCtx->aSlot[e->s.iFrom].u.id;
    uint32_t iMemo = from % EXPAND_MEMO_SIZE;
    if (e->pMemo->aKey[iMemo] == from + 1) return e->pMemo->aCount[iMemo];
    int64_t n = expandCountFrom(e, from);
    e->pMemo->aKey[iMemo] = from + 1;
    e->pMemo->aCount[iMemo] = n;
    return n;
  }
  /* id(x) <> id(to) with x a node: compared here, not evaluated. */
  uint32_t nPred = e->nPred;
  NodeId unequal = GRAPH_NO_ID;
  if (e->iUnequal != UINT32_MAX && e->base.pCtx->aSlot[e->iUnequal].type == VAL_NODE) {
    unequal = e->base.pCtx->aSlot[e->iUnequal].u.id;
    e->nPred--;
  }
  int64_t n = 0;
  AdjEntry ent;
  while (expandCandidate(e, g, &ent)) {
    int t = expandAccept(e, &ent);
    if (t < 0) {
      e->nPred = nPred;
      return -1;
    }
    n += t && ent.nbr != unequal;
  }
  e->nPred = nPred;
  return n;
}

/* Counting straight over a node scan (bBulk): one row per input row of
** the scan, weighted by the matches of every node it reads, with no row
** per node in between. The scan hands over its ids in batches. */
#define EXPAND_BULK_IDS 256
static int expandBulkNext(OpExpand *e) {
  ExecCtx *pCtx = e->base.pCtx;
  Op *pScan = e->base.pChild;
  NodeId aId[EXPAND_BULK_IDS];
  for (;;) {
    int rc = op_scan_bulk_row(pScan);
    if (rc != OP_ROW) return rc;
    int64_t nMatch = 0;
    uint32_t nId;
    while ((nId = op_scan_bulk_ids(pScan, aId, EXPAND_BULK_IDS)) > 0) {
      for (uint32_t i = 0; i < nId; i++) nMatch += expandCountFrom(e, aId[i]);
      if (exec_must_stop(pCtx)) return OP_ERROR;
    }
    if (nMatch == 0) continue;
    pCtx->aSlot[e->iWeight] = value_int(nMatch);
    return OP_ROW;
  }
}

/* Semi/anti mode: does some candidate match? Returns 1, 0, or -1. */
static int expandAnyMatch(OpExpand *e) {
  const Graph *g = e->base.pCtx->pGraph;
  AdjEntry ent;
  while (expandCandidate(e, g, &ent)) {
    int t = expandAccept(e, &ent);
    if (t != 0) return t;
  }
  return 0;
}

static void expandOpen(Op *p) {
  op_open(p->pChild);
  ((OpExpand *)p)->bActive = false;
}

static int expandNext(Op *p) {
  OpExpand *e = (OpExpand *)p;
  const Graph *g = p->pCtx->pGraph;
  if (e->bBulk) return expandBulkNext(e);
  for (;;) {
    if (!e->bActive) {
      int rc = op_next(p->pChild);
      if (rc != OP_ROW) return rc;
      expandCheckGraph(e, g);
      bool bStarted = expandStartRow(e);
      if (e->eMode == EXPAND_SEMI || e->eMode == EXPAND_ANTI) {
        int t = bStarted ? expandAnyMatch(e) : 0;
        if (t < 0) return OP_ERROR;
        if (t == (e->eMode == EXPAND_SEMI)) return OP_ROW;
        continue;
      }
      if (!bStarted) continue;
      if (e->eMode == EXPAND_COUNT) {
        int64_t n = expandCountRow(e);
        if (n < 0) return OP_ERROR;
        if (n == 0) continue;
        p->pCtx->aSlot[e->iWeight] = value_int(n);
        return OP_ROW;
      }
      e->bActive = true;
    }
    AdjEntry ent;
    while (expandCandidate(e, g, &ent)) {
      int t = expandAccept(e, &ent);
      if (t < 0) return OP_ERROR;
      if (t) return OP_ROW;
    }
    e->bActive = false;
  }
}

static void expandClose(Op *p) { op_close(p->pChild); }

/* The caches outlive a run: inside a subquery the operator is opened once
** per outer row, and an end node is often the same from one to the next. */
static void expandFree(Op *p) {
  OpExpand *e = (OpExpand *)p;
  adj_hash_free(&e->aCache[0]);
  adj_hash_free(&e->aCache[1]);
  tg_free(e->pMemo);
}

/* Describes an expansion: ($from)-[$rel:TYPE|TYPE]->($to). Shared with the
** other expansion operators through expand_explain. */
void expand_explain(Op *p, const ExpandSpec *s, StrBuf *pOut) {
  const Graph *g = p->pCtx->pGraph;
  strbuf_putc(pOut, '(');
  op_put_slot(p, pOut, s->iFrom);
  strbuf_printf(pOut, ")%s[", s->iDir == DIR_IN ? "<-" : "-");
  op_put_slot(p, pOut, s->iRel);
  for (uint32_t i = 0; i < s->nType; i++) {
    strbuf_printf(pOut, "%s%s", i ? "|" : ":",
                  s->aType[i] >= 0 ? intern_name(&g->types, (uint32_t)s->aType[i]) : "?");
  }
  if (s->bVarLen) {
    if (s->iMax < 0) strbuf_printf(pOut, "*%lld..", (long long)s->iMin);
    else strbuf_printf(pOut, "*%lld..%lld", (long long)s->iMin, (long long)s->iMax);
  }
  strbuf_printf(pOut, "]%s(", s->iDir == DIR_OUT ? "->" : "-");
  op_put_slot(p, pOut, s->iTo);
  if (s->pToLabels) {
    strbuf_putc(pOut, ':');
    op_put_expr(p, pOut, s->pToLabels);
  }
  strbuf_printf(pOut, ")%s", s->bInto ? " (into)" : "");
}

static void expandExplain(Op *p, StrBuf *pOut) {
  OpExpand *e = (OpExpand *)p;
  expand_explain(p, &e->s, pOut);
  if (e->eMode == EXPAND_SEMI) strbuf_puts(pOut, " (exists)");
  if (e->eMode == EXPAND_ANTI) strbuf_puts(pOut, " (not exists)");
  if (e->eMode != EXPAND_COUNT) return;
  strbuf_puts(pOut, " (counted");
  for (uint32_t i = 0; i < e->nPred; i++) {
    strbuf_puts(pOut, i ? " AND " : " WHERE ");
    op_put_expr(p, pOut, e->apPred[i]);
  }
  strbuf_putc(pOut, ')');
}

static const OpVtab expandVtab = {"Expand", expandOpen, expandNext, expandClose, expandExplain,
                                  expandFree};

Op *op_expand(ExecCtx *pCtx, Op *pChild, const ExpandSpec *pSpec) {
  OpExpand *e = (OpExpand *)op_alloc(pCtx, sizeof(OpExpand), &expandVtab, pChild);
  e->s = *pSpec;
  e->sFar = *pSpec;
  e->sFar.iFrom = pSpec->iTo;
  e->sFar.iTo = pSpec->iFrom;
  e->sFar.iDir = pSpec->iDir == DIR_OUT ? DIR_IN : pSpec->iDir == DIR_IN ? DIR_OUT : DIR_BOTH;
  e->eMode = EXPAND_ROWS;
  e->iUnequal = UINT32_MAX;
  e->lastFrom = e->lastTo = GRAPH_NO_ID;
  return &e->base;
}

ExpandSpec *op_expand_anti_spec(Op *p) {
  return p->pVtab == &expandVtab && ((OpExpand *)p)->eMode == EXPAND_ANTI ? &((OpExpand *)p)->s : NULL;
}

ExpandSpec *op_expand_spec(Op *p) {
  return p->pVtab == &expandVtab && ((OpExpand *)p)->eMode == EXPAND_ROWS ? &((OpExpand *)p)->s
                                                                          : NULL;
}

/* Does a label expression name labels at run time ($(e)), so that its
** answer may change from row to row? (Label trees are as deep as the
** parser allows, like expr_label_match's recursion.) */
static bool expandLabelsDynamic(const AstNode *p) {
  if (p == NULL) return false;
  if (p->kind == AST_LABEL_DYNAMIC) return true;
  return expandLabelsDynamic(p->p1) || expandLabelsDynamic(p->p2);
}

void op_expand_count(Op *p, uint32_t iWeight, uint32_t nPred, const AstNode **apPred, bool bStartUnread) {
  OpExpand *e = (OpExpand *)p;
  e->eMode = EXPAND_COUNT;
  e->iWeight = iWeight;
  e->nPred = nPred;
  e->apPred = apPred;
  /* The count is a function of the start node when nothing else is read. */
  if (!e->s.bInto && e->s.exclude.n == 0 && e->s.pRelPred == NULL && nPred == 0 &&
      !expandLabelsDynamic(e->s.pToLabels)) {
    e->pMemo = tg_calloc(1, sizeof(CountMemo));
    /* Then, straight over a scan of the start node that nothing above
    ** reads, the counts of all the nodes it reads can be summed at once. */
    e->bBulk = bStartUnread && op_scan_slot(p->pChild) == e->s.iFrom;
  }
}

void op_expand_count_unequal(Op *p, uint32_t iSlot) {
  OpExpand *e = (OpExpand *)p;
  if (NEVER(e->eMode != EXPAND_COUNT || e->nPred == 0 || e->pMemo || e->s.bInto)) return;
  e->iUnequal = iSlot;
}

void op_expand_exists(Op *p, bool bAnti) { ((OpExpand *)p)->eMode = bAnti ? EXPAND_ANTI : EXPAND_SEMI; }
