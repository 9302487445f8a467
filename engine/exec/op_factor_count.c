/*
** op_factor_count.c — FactorisedCount: how many rows an acyclic pattern
** has per node of one of its variables, without enumerating them.
**
** The planner (plan_factor.c) hands over the pattern as a tree of node
** variables rooted at the variable the aggregation groups by (or the
** scanned one), each with the relationship that joins it to its parent
** and the predicates that read only that node or only that relationship
** and its ends. The number of matches below variable v when v is node n is
**
**   F_v(n) = [n passes v's labels and predicates]
**            * product over children c of  sum over relationships (n, r, m)
**              of c's edge that pass c's edge predicates of F_c(m)
**
** and the root's F is the row count per root node. F_c(m) depends on c and
** m alone, so it is remembered in an array per variable indexed by node id
** (over the id span of the variable's label when it has one): each node's
** adjacency is walked at most once per variable. The operator emits each
** root node with F > 0 and F in a weight slot; the Aggregate above adds
** the weights (op_aggregate_weight). The evaluation walks the tree with an
** explicit stack as deep as the pattern, so no query controls C recursion.
**
** A filter `id(a) <> id(b)` is kept by subtracting, at the node m the
** two hang from, the matches where a and b are one node: when both are
** children of m, the sum over common neighbours z of both children's
** weights at z (fcDiagonal); when b is a child of m's child o, the sum
** over m's relationships to nodes y of o of o's factor at y without b's
** sum times the sum over y's relationships to z of b's factor at z times
** a's weight at z (fcCousinDiagonal); when a is m itself and b a child of
** m's child o (the tree rooted at a grouping key), the same with a's
** weight 1 at m's node and 0 elsewhere.
**
** Relationship uniqueness: the count is right only when no two
** relationships that must differ can bind the same relationship. The
** planner checks types; for pairs with a type in common (or untyped) the
** operator checks, once per graph version, that the labels the two
** patterns require at each end of such a relationship never meet on one
** node (a Post is never a Forum). When they might, it passes on the rows
** of the enumerating plan it keeps (pChild2) with weight 1 instead.
*/
#include <stdlib.h>

#include "exec/expand_common.h"
#include "base/mem.h"
#include "base/vec.h"

/* How a variable's factor is found. A leaf (no children) with no
** predicates needs no memo: its node's labels are tested directly, and
** when it has none and its relationship needs no test (one direction)
** the sum is the length of the adjacency runs. */
#define FC_GENERAL 0
#define FC_LEAF_LABELS 1
#define FC_LEAF_DEGREE 2

/* One frame of the evaluation stack: variable iVar at node n. */
typedef struct FcFrame {
  uint32_t iVar;
  NodeId n;
  uint32_t iChild;         /* index into the variable's children being summed */
  int64_t prod;            /* product of the finished children's sums */
  int64_t sum;             /* sum for the child being walked */
  bool bSameDone;          /* a bSame child: its value is in sum */
  int64_t sA, sB;          /* the sums of the pDistinct children */
  AdjCursor cur;           /* position in n's adjacency for that child */
} FcFrame;

/* A neighbour and its weight, for the pDistinct correction. */
typedef struct FcNbr {
  NodeId z;
  int64_t v;
} FcNbr;

/* Per variable, at run time. */
typedef struct FcMemo {
  int64_t *a;              /* F per node id in [lo, hi); -1: not computed */
  NodeId lo, hi;
  bool bNone;              /* not remembered: its node is reached once per root node */
} FcMemo;

typedef struct OpFactorCount {
  Op base;
  FactorSpec s;
  uint32_t **aaChild;      /* per variable: its children's indexes */
  uint32_t *anChild;
  FcMemo *aMemo;           /* per variable (the root's stays empty) */
  FcFrame *aStack;         /* nVar frames */
  uint64_t nChange, iVersion; /* graph counters the memo holds for */
  bool bMemoValid;
  uint8_t *aMode;          /* per variable: FC_GENERAL, FC_LEAF_LABELS, FC_LEAF_DEGREE */
  bool bFallback;          /* this graph version: enumerate (pChild2) */
  bool bReadsProps;        /* some predicate: the memo is redone per run */
  VEC(FcNbr) nbrs;         /* pDistinct: one child's nodes next to the current node */
  VEC(NodeId) anti;        /* pAnti: one node's neighbours through the NOT EXISTS */
  bool bRunFallback;       /* this run enumerates */
} OpFactorCount;

/* The one label a variable requires: -1 none known (anything goes), -2 a
** label the graph does not have (no node). */
static int64_t fcVarLabel(const FactorVar *v) {
  if (v->label != -1) return v->label;
  if (v->pLabels && v->pLabels->kind == AST_LABEL) return v->pLabels->iAux >= 0 ? v->pLabels->iAux : -2;
  return -1;
}

/* Can one node stand for both variables a and b? */
static bool fcEndsMeet(const OpFactorCount *f, uint32_t a, uint32_t b) {
  if (a == b) return true;
  int64_t la = fcVarLabel(&f->s.aVar[a]), lb = fcVarLabel(&f->s.aVar[b]);
  if (la == -2 || lb == -2) return false;
  if (la == -1 || lb == -1) return true;
  const Graph *g = f->base.pCtx->pGraph;
  if (la == lb) return graph_label_count(g, (uint32_t)la) > 0;
  if (graph_label_count(g, (uint32_t)lb) < graph_label_count(g, (uint32_t)la)) {
    int64_t t = la;
    la = lb;
    lb = t;
  }
  for (NodeId n = graph_label_next_below(g, (uint32_t)la, 0, g->nNodeSlot); n != GRAPH_NO_ID;
       n = graph_label_next_below(g, (uint32_t)la, n + 1, g->nNodeSlot)) {
    if (graph_label_bit(g, n, (uint32_t)lb)) return true;
  }
  return false;
}

/* The (start, end) variables relationship of child variable c may have:
** one way, or both when undirected. Returns how many (1 or 2). */
static int fcOrientations(const OpFactorCount *f, uint32_t c, uint32_t aStart[2], uint32_t aEnd[2]) {
  const FactorVar *v = &f->s.aVar[c];
  uint32_t p = v->iParent;
  if (v->edge.iDir == DIR_OUT || v->edge.iDir == DIR_BOTH) {
    aStart[0] = p;
    aEnd[0] = c;
  }
  if (v->edge.iDir == DIR_IN) {
    aStart[0] = c;
    aEnd[0] = p;
  }
  if (v->edge.iDir != DIR_BOTH) return 1;
  aStart[1] = c;
  aEnd[1] = p;
  return 2;
}

/* Might the relationships of child variables a and b be one? */
static bool fcMayCoincide(const OpFactorCount *f, uint32_t a, uint32_t b) {
  uint32_t aS[2], aE[2], bS[2], bE[2];
  int na = fcOrientations(f, a, aS, aE), nb = fcOrientations(f, b, bS, bE);
  for (int i = 0; i < na; i++) {
    for (int k = 0; k < nb; k++) {
      if (fcEndsMeet(f, aS[i], bS[k]) && fcEndsMeet(f, aE[i], bE[k])) return true;
    }
  }
  return false;
}

/* Is the label span of a simple label requirement known? Sets [lo, hi). */
static bool fcLabelOf(const FactorVar *v, uint32_t *pLabel) {
  if (v->label >= 0) {
    *pLabel = (uint32_t)v->label;
    return true;
  }
  if (v->pLabels && v->pLabels->kind == AST_LABEL && v->pLabels->iAux >= 0) {
    *pLabel = (uint32_t)v->pLabels->iAux;
    return true;
  }
  return false;
}

/* (Re)allocates the memo arrays for the graph as it is now. */
static void fcMemoReset(OpFactorCount *f) {
  const Graph *g = f->base.pCtx->pGraph;
  for (uint32_t i = 1; i < f->s.nVar; i++) {
    FcMemo *m = &f->aMemo[i];
    if (f->aMode[i] != FC_GENERAL) continue;   /* leaves are not remembered */
    /* An OPTIONAL MATCH's entry is its parent's own node, reached once
    ** per parent node (the parent is the root, or remembered itself): a
    ** memo over all node ids would be cleared (35 MB a run at LSQB x10)
    ** and read for nothing (LSQB q7g: half the time of its walk). */
    m->bNone = f->s.aVar[i].bSame;
    for (uint32_t k = 0; k < f->s.nVar && m->bNone; k++) {   /* fcChildValue reads it back */
      const FactorVar *w = &f->s.aVar[k];
      m->bNone = !((w->pDistinct || w->pAnti) &&
                   (w->iDistinctA == i || w->iDistinctB == i || w->iDistinctBelow == i));
    }
    if (m->bNone) continue;
    uint32_t label;
    NodeId lo = 0, hi = g->nNodeSlot;
    if (fcLabelOf(&f->s.aVar[i], &label)) graph_label_span(g, label, &lo, &hi);
    if (hi < lo) hi = lo;
    if (m->a == NULL || hi - lo != m->hi - m->lo) {
      tg_free(m->a);
      m->a = hi > lo ? tg_malloc(sizeof(int64_t) * (hi - lo)) : NULL;
      /* A memo over millions of ids: huge pages, faulted in at once. */
      if (hi - lo >= ((NodeId)1 << 18)) mem_prefault(m->a, sizeof(int64_t) * (hi - lo));
    }
    m->lo = lo;
    m->hi = hi;
    if (m->a) memset(m->a, 0xff, sizeof(int64_t) * (hi - lo));
  }
  f->nChange = g->nChange;
  f->iVersion = g->iVersion;
  f->bMemoValid = true;
  f->bFallback = false;
  for (uint32_t k = 0; k < f->s.nPair && !f->bFallback; k++) {
    f->bFallback = fcMayCoincide(f, f->s.aPair[2 * k], f->s.aPair[2 * k + 1]);
  }
}

/* Does node n pass variable v's labels and predicates? 1, 0 or -1. */
static int fcNodeOk(OpFactorCount *f, const FactorVar *v, NodeId n) {
  ExecCtx *pCtx = f->base.pCtx;
  if (v->label >= 0 && !graph_label_bit(pCtx->pGraph, n, (uint32_t)v->label)) return 0;
  if (v->label == -2) return 0;
  if (v->pLabels) {
    const AstNode *pL = v->pLabels;
    if (pL->kind == AST_LABEL) {
      if (pL->iAux < 0 || !graph_label_bit(pCtx->pGraph, n, (uint32_t)pL->iAux)) return 0;
    } else if (pL->kind == AST_LABEL_OR && pL->p1->kind == AST_LABEL && pL->p2->kind == AST_LABEL) {
      /* A|B, the common case, without the general matcher */
      bool b1 = pL->p1->iAux >= 0 && graph_label_bit(pCtx->pGraph, n, (uint32_t)pL->p1->iAux);
      bool b2 = pL->p2->iAux >= 0 && graph_label_bit(pCtx->pGraph, n, (uint32_t)pL->p2->iAux);
      if (!b1 && !b2) return 0;
    } else if (!expr_label_match(pCtx, n, pL)) {
      return pCtx->pErr->code ? -1 : 0;
    }
  }
  if (v->nPred == 0) return 1;
  pCtx->aSlot[v->iSlot] = value_node(n);
  for (uint32_t i = 0; i < v->nPred; i++) {
    ArenaMark mk = arena_mark(&f->base.scratch);
    int t = expr_truth(pCtx, v->apPred[i], &f->base.scratch);
    arena_rewind(&f->base.scratch, mk);
    if (t <= 0) return t;
  }
  return 1;
}

/* Does relationship e (from parent node n to c's node e.nbr) pass child
** variable c's edge predicates? 1, 0 or -1. */
static int fcEdgeOk(OpFactorCount *f, const FactorVar *c, NodeId n, const AdjEntry *e) {
  ExecCtx *pCtx = f->base.pCtx;
  if (c->edge.pRelPred) {
    int t = expand_rel_ok(&c->edge, pCtx, &f->base.scratch, e->rel);
    if (t <= 0) return t;
  }
  if (c->nEdgePred == 0) return 1;
  pCtx->aSlot[c->edge.iFrom] = value_node(n);
  pCtx->aSlot[c->edge.iTo] = value_node(e->nbr);
  pCtx->aSlot[c->edge.iRel] = value_rel(e->rel);
  for (uint32_t i = 0; i < c->nEdgePred; i++) {
    ArenaMark mk = arena_mark(&f->base.scratch);
    int t = expr_truth(pCtx, c->apEdgePred[i], &f->base.scratch);
    arena_rewind(&f->base.scratch, mk);
    if (t <= 0) return t;
  }
  return 1;
}

/* Pushes variable iVar at node n: its first child's walk begins. */
static void fcPush(OpFactorCount *f, uint32_t *pTop, uint32_t iVar, NodeId n) {
  FcFrame *fr = &f->aStack[(*pTop)++];
  fr->iVar = iVar;
  fr->n = n;
  fr->iChild = 0;
  fr->prod = 1;
  fr->sum = 0;
  fr->bSameDone = false;
  if (f->anChild[iVar]) {
    const FactorVar *c = &f->s.aVar[f->aaChild[iVar][0]];
    if (!c->bSame && f->aMode[f->aaChild[iVar][0]] != FC_LEAF_DEGREE) {
      expand_cursor_start(&c->edge, f->base.pCtx->pGraph, n, &fr->cur);
    }
  }
}

static bool fcOverflow(OpFactorCount *f) {
  exec_error(f->base.pCtx, -1, ERR_INTEGER_OVERFLOW, "count(*)");
  return false;
}

/* The factor of child variable iC at node z, known once its parent's sum
** for it is done (remembered, or a leaf's labels). -1 on error. */
static int64_t fcChildValue(OpFactorCount *f, uint32_t iC, NodeId z) {
  if (f->aMode[iC] == FC_LEAF_LABELS) return fcNodeOk(f, &f->s.aVar[iC], z);
  const FcMemo *m = &f->aMemo[iC];
  if (z < m->lo || z >= m->hi) return 0;
  return m->a[z - m->lo] < 0 ? 0 : m->a[z - m->lo];
}

static int fcIdCmp(const void *a, const void *b) {
  NodeId x = *(const NodeId *)a, y = *(const NodeId *)b;
  return x < y ? -1 : x > y;
}

static int fcNbrCmp(const void *a, const void *b) {
  NodeId x = ((const FcNbr *)a)->z, y = ((const FcNbr *)b)->z;
  return x < y ? -1 : x > y;
}

/* The next of node n's relationships for child variable iC (cursor
** started with expand_cursor_start on its edge) that passes the edge's
** predicates and reaches a node where iC's factor is not 0: 1 with the
** entry in *pE and the factor in *pValue, 0 at the end, -1 on error. */
static int fcNextChildEdge(OpFactorCount *f, uint32_t iC, NodeId n, AdjCursor *pCur, AdjEntry *pE,
                           int64_t *pValue) {
  const FactorVar *c = &f->s.aVar[iC];
  while (expand_cursor_next(&c->edge, f->base.pCtx->pGraph, pCur, pE)) {
    if (exec_check_interrupt(f->base.pCtx)) return -1;
    int t = fcEdgeOk(f, c, n, pE);
    if (t < 0) return -1;
    if (t == 0) continue;
    *pValue = fcChildValue(f, iC, pE->nbr);
    if (*pValue < 0) return -1;
    if (*pValue > 0) return 1;
  }
  return 0;
}

/* The nodes node x reaches through v's NOT EXISTS pattern, each once,
** sorted, into f->anti (without x itself when bNotSelf). False on error. */
static bool fcAntiNbrs(OpFactorCount *f, const FactorVar *v, NodeId x, bool bNotSelf) {
  AdjCursor cur;
  AdjEntry e;
  f->anti.n = 0;
  expand_cursor_start(v->pAnti, f->base.pCtx->pGraph, x, &cur);
  while (expand_cursor_next(v->pAnti, f->base.pCtx->pGraph, &cur, &e)) {
    if (exec_check_interrupt(f->base.pCtx)) return false;
    if (e.nbr != x || !bNotSelf) vec_push(&f->anti, e.nbr);
  }
  if (f->anti.n > 1) qsort(f->anti.a, f->anti.n, sizeof(NodeId), fcIdCmp);
  uint32_t k = 0;
  for (uint32_t i = 0; i < f->anti.n; i++) {
    if (k == 0 || f->anti.a[i] != f->anti.a[k - 1]) f->anti.a[k++] = f->anti.a[i];
  }
  f->anti.n = k;
  return true;
}

/* Child iA's nodes next to node n, with (its relationships from n to each
** times its factor there) as weights, into f->nbrs sorted by node. False
** on error. */
static bool fcCollectNbrs(OpFactorCount *f, uint32_t iA, NodeId n) {
  AdjCursor cur;
  AdjEntry e;
  int64_t w;
  int rc;
  f->nbrs.n = 0;
  expand_cursor_start(&f->s.aVar[iA].edge, f->base.pCtx->pGraph, n, &cur);
  while ((rc = fcNextChildEdge(f, iA, n, &cur, &e, &w)) > 0) vec_push(&f->nbrs, ((FcNbr){e.nbr, w}));
  if (rc < 0) return false;
  if (f->nbrs.n > 1) qsort(f->nbrs.a, f->nbrs.n, sizeof(FcNbr), fcNbrCmp);
  return true;
}

/* The weight f->nbrs gives node z (0 when absent) into *pOut; false on
** overflow. */
static bool fcNbrWeight(OpFactorCount *f, NodeId z, int64_t *pOut) {
  uint32_t lo = 0, hi = f->nbrs.n;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (f->nbrs.a[mid].z < z) lo = mid + 1;
    else hi = mid;
  }
  int64_t sum = 0;
  for (uint32_t i = lo; i < f->nbrs.n && f->nbrs.a[i].z == z; i++) {
    if (__builtin_add_overflow(sum, f->nbrs.a[i].v, &sum)) return fcOverflow(f);
  }
  *pOut = sum;
  return true;
}

/* For variable v at node n with `id(a) <> id(b)` on two children: the
** matches below a and b where both are one node z, summed over z
** (sum of (a's relationships to z times a's factor at z) times the same
** for b). False on error. */
static bool fcDiagonal(OpFactorCount *f, const FactorVar *v, NodeId n, int64_t *pOut) {
  if (!fcCollectNbrs(f, v->iDistinctA, n)) return false;
  AdjCursor cur;
  AdjEntry e;
  int64_t diag = 0, w;
  int rc = 0;
  expand_cursor_start(&f->s.aVar[v->iDistinctB].edge, f->base.pCtx->pGraph, n, &cur);
  while (f->nbrs.n && (rc = fcNextChildEdge(f, v->iDistinctB, n, &cur, &e, &w)) > 0) {
    int64_t sumA, term;
    if (!fcNbrWeight(f, e.nbr, &sumA)) return false;
    if (__builtin_mul_overflow(sumA, w, &term) || __builtin_add_overflow(diag, term, &diag)) {
      return fcOverflow(f);
    }
  }
  if (rc < 0) return false;
  *pOut = diag;
  return true;
}

/* For variable v at node n with `id(a) <> id(b)` where a is a child and b
** a child of another child m (LSQB q5: a comment's tag and the tag of the
** message it replies to): the matches where a and b are one node z. For
** each of n's relationships to a node y of m, m's factor at y without
** b's sum (F_m(y) / S_b(y)) times the sum over y's relationships to a
** node z of b of F_b(z) times a's weight at z (its relationships from n
** to z times F_a(z)). All of m's and b's factors are remembered by now.
** False on error. */
static bool fcCousinDiagonal(OpFactorCount *f, const FactorVar *v, NodeId n, int64_t *pOut) {
  ExecCtx *pCtx = f->base.pCtx;
  const Graph *g = pCtx->pGraph;
  uint32_t iM = v->iDistinctB, iB = v->iDistinctBelow;
  const FactorVar *m = &f->s.aVar[iM], *b = &f->s.aVar[iB];
  *pOut = 0;
  f->nbrs.n = 0;
  if (v->bDistinctSelf) {
    /* a is n itself: b may not be n (id(a) <> id(b)) nor, once each, a
    ** node n reaches through the NOT EXISTS pattern */
    if (v->pAnti && !fcAntiNbrs(f, v, n, v->pDistinct != NULL)) return false;
    for (uint32_t i = 0; v->pAnti && i < f->anti.n; i++) vec_push(&f->nbrs, ((FcNbr){f->anti.a[i], 1}));
    if (v->pDistinct) vec_push(&f->nbrs, ((FcNbr){n, 1}));
    if (f->nbrs.n > 1) qsort(f->nbrs.a, f->nbrs.n, sizeof(FcNbr), fcNbrCmp);
  } else if (!fcCollectNbrs(f, v->iDistinctA, n)) {
    return false;
  }
  if (f->nbrs.n == 0) return true;
  AdjCursor curM, curB;
  AdjEntry e, eb;
  int64_t diag = 0, fm, fb;
  int rc, rcB;
  expand_cursor_start(&m->edge, g, n, &curM);
  while ((rc = fcNextChildEdge(f, iM, n, &curM, &e, &fm)) > 0) {
    NodeId y = e.nbr;
    int64_t sumB = 0, same = 0;
    expand_cursor_start(&b->edge, g, y, &curB);
    while ((rcB = fcNextChildEdge(f, iB, y, &curB, &eb, &fb)) > 0) {
      int64_t wa, term;
      if (!fcNbrWeight(f, eb.nbr, &wa)) return false;
      if (__builtin_add_overflow(sumB, fb, &sumB) || __builtin_mul_overflow(fb, wa, &term) ||
          __builtin_add_overflow(same, term, &same)) {
        return fcOverflow(f);
      }
    }
    if (rcB < 0) return false;
    if (same == 0 || NEVER(sumB == 0)) continue;
    int64_t term;
    if (__builtin_mul_overflow(fm / sumB, same, &term) || __builtin_add_overflow(diag, term, &diag)) {
      return fcOverflow(f);
    }
  }
  if (rc < 0) return false;
  *pOut = diag;
  return true;
}

/* For variable v at node n with NOT EXISTS { (a)-[anti]-(b) } on two
** children: the matches where a's node x and b's node w are joined by
** such a relationship (once per pair of nodes, however many join them;
** not where x = w when id(a) <> id(b) took those off already), summed:
** a's relationships to x times F_a(x), times b's weight at w. */
static bool fcAntiPairs(OpFactorCount *f, const FactorVar *v, NodeId n, int64_t *pOut) {
  *pOut = 0;
  if (!fcCollectNbrs(f, v->iDistinctB, n)) return false;
  if (f->nbrs.n == 0) return true;
  AdjCursor cur;
  AdjEntry e;
  int64_t joined = 0, fa;
  int rc;
  expand_cursor_start(&f->s.aVar[v->iDistinctA].edge, f->base.pCtx->pGraph, n, &cur);
  while ((rc = fcNextChildEdge(f, v->iDistinctA, n, &cur, &e, &fa)) > 0) {
    if (!fcAntiNbrs(f, v, e.nbr, v->pDistinct != NULL)) return false;
    int64_t sumB = 0, wb, term;
    for (uint32_t i = 0; i < f->anti.n; i++) {
      if (!fcNbrWeight(f, f->anti.a[i], &wb)) return false;
      if (__builtin_add_overflow(sumB, wb, &sumB)) return fcOverflow(f);
    }
    if (__builtin_mul_overflow(fa, sumB, &term) || __builtin_add_overflow(joined, term, &joined)) {
      return fcOverflow(f);
    }
  }
  if (rc < 0) return false;
  *pOut = joined;
  return true;
}

/* F_root(n) into *pOut; false on error. The root passed its checks. */
static bool fcEval(OpFactorCount *f, NodeId n, int64_t *pOut) {
  ExecCtx *pCtx = f->base.pCtx;
  const Graph *g = pCtx->pGraph;
  uint32_t top = 0;
  fcPush(f, &top, 0, n);
  for (;;) {
    FcFrame *fr = &f->aStack[top - 1];
    int64_t result;
    if (fr->iChild < f->anChild[fr->iVar]) {
      const FactorVar *c = &f->s.aVar[f->aaChild[fr->iVar][fr->iChild]];
      uint32_t iC = f->aaChild[fr->iVar][fr->iChild];
      AdjEntry e;
      if (c->bSame && !fr->bSameDone) {
        /* The same node under another variable (an OPTIONAL MATCH's entry). */
        fr->bSameDone = true;
        FcMemo *m = &f->aMemo[iC];
        if (!m->bNone && (fr->n < m->lo || fr->n >= m->hi)) continue;
        int64_t v = m->bNone ? -1 : m->a[fr->n - m->lo];
        if (v < 0) {
          int t = fcNodeOk(f, c, fr->n);
          if (t < 0) return false;
          if (t > 0 && f->anChild[iC]) {
            fcPush(f, &top, iC, fr->n);
            continue;
          }
          v = t;
          if (!m->bNone) m->a[fr->n - m->lo] = v;
        }
        fr->sum = v;
        continue;
      }
      if (f->aMode[iC] == FC_LEAF_DEGREE && !fr->bSameDone) {
        fr->bSameDone = true;
        fr->sum = expand_degree(&c->edge, g, fr->n);
        continue;
      }
      if (!c->bSame && f->aMode[iC] != FC_LEAF_DEGREE && expand_cursor_next(&c->edge, g, &fr->cur, &e)) {
        if (exec_check_interrupt(pCtx)) return false;
        int t = fcEdgeOk(f, c, fr->n, &e);
        if (t < 0) return false;
        if (t == 0) continue;
        if (f->aMode[iC] == FC_LEAF_LABELS) {
          t = fcNodeOk(f, c, e.nbr);
          if (t < 0) return false;
          fr->sum += t;   /* no overflow: at most the number of relationships */
          continue;
        }
        FcMemo *m = &f->aMemo[iC];
        if (e.nbr < m->lo || e.nbr >= m->hi) continue;   /* outside the label's span */
        int64_t v = m->a[e.nbr - m->lo];
        if (v < 0) {
          t = fcNodeOk(f, c, e.nbr);
          if (t < 0) return false;
          if (t == 0) {
            m->a[e.nbr - m->lo] = 0;
            continue;
          }
          if (f->anChild[iC] == 0) {
            m->a[e.nbr - m->lo] = v = 1;
          } else {
            fcPush(f, &top, iC, e.nbr);
            continue;
          }
        }
        if (__builtin_add_overflow(fr->sum, v, &fr->sum)) return fcOverflow(f);
        continue;
      }
      /* This child is done: multiply its sum in (at least 1 for an
      ** OPTIONAL MATCH), go on with the next. */
      int64_t factor = c->bOptional && fr->sum == 0 ? 1 : fr->sum;
      if (f->s.aVar[fr->iVar].pDistinct || f->s.aVar[fr->iVar].pAnti) {
        if (iC == f->s.aVar[fr->iVar].iDistinctA) fr->sA = factor;
        if (iC == f->s.aVar[fr->iVar].iDistinctB) fr->sB = factor;
      }
      if (__builtin_mul_overflow(fr->prod, factor, &fr->prod)) return fcOverflow(f);
      fr->sum = 0;
      fr->bSameDone = false;
      fr->iChild++;
      if (fr->prod != 0 && fr->iChild < f->anChild[fr->iVar]) {
        const FactorVar *c2 = &f->s.aVar[f->aaChild[fr->iVar][fr->iChild]];
        if (!c2->bSame && f->aMode[f->aaChild[fr->iVar][fr->iChild]] != FC_LEAF_DEGREE) {
          expand_cursor_start(&c2->edge, g, fr->n, &fr->cur);
        }
        continue;
      }
      if (fr->prod != 0) continue;   /* all children done: popped next round */
      result = 0;
    } else {
      result = fr->prod;
      const FactorVar *v = &f->s.aVar[fr->iVar];
      if ((v->pDistinct || v->pAnti) && result != 0) {
        /* Take off the matches where the two children are one node, or
        ** joined through the NOT EXISTS pattern. */
        int64_t diag = 0, joined = 0, rest = v->bDistinctSelf ? result / fr->sB : result / fr->sA / fr->sB;
        if (v->bDistinctSelf || (v->pDistinct && v->iDistinctBelow)) {
          if (!fcCousinDiagonal(f, v, fr->n, &diag)) return false;   /* the NOT EXISTS too, for bDistinctSelf */
        } else {
          if (v->pDistinct && !fcDiagonal(f, v, fr->n, &diag)) return false;
          if (v->pAnti && !fcAntiPairs(f, v, fr->n, &joined)) return false;
        }
        if (__builtin_add_overflow(diag, joined, &diag)) return fcOverflow(f);
        if (__builtin_mul_overflow(diag, rest, &diag)) return fcOverflow(f);
        result -= diag;
      }
    }
    /* Pop: remember the value and add it to the parent's sum. */
    if (fr->iVar != 0 && !f->aMemo[fr->iVar].bNone) {
      FcMemo *m = &f->aMemo[fr->iVar];
      m->a[fr->n - m->lo] = result;
    }
    top--;
    if (top == 0) {
      *pOut = result;
      return true;
    }
    FcFrame *pParent = &f->aStack[top - 1];
    if (__builtin_add_overflow(pParent->sum, result, &pParent->sum)) return fcOverflow(f);
  }
}

static void fcOpen(Op *p) {
  OpFactorCount *f = (OpFactorCount *)p;
  const Graph *g = p->pCtx->pGraph;
  /* Remembered counts outlive a run (a subquery reopens the operator per
  ** outer row) unless a predicate reads properties, which a write between
  ** two runs may change without the graph's change counter moving. */
  if (!f->bMemoValid || f->bReadsProps || f->nChange != g->nChange || f->iVersion != g->iVersion) {
    fcMemoReset(f);
  }
  f->bRunFallback = f->bFallback;
  op_open(f->bRunFallback ? p->pChild2 : p->pChild);
}

static int fcNext(Op *p) {
  OpFactorCount *f = (OpFactorCount *)p;
  ExecCtx *pCtx = p->pCtx;
  if (f->bRunFallback) {
    int rc = op_next(p->pChild2);
    if (rc == OP_ROW) pCtx->aSlot[f->s.iWeight] = value_int(1);
    return rc;
  }
  const Graph *g = pCtx->pGraph;
  for (;;) {
    int rc = op_next(p->pChild);
    if (rc != OP_ROW) return rc;
    if (f->nChange != g->nChange || f->iVersion != g->iVersion) fcMemoReset(f);
    const FactorVar *r = &f->s.aVar[0];
    const Value *pRoot = &pCtx->aSlot[r->iSlot];
    if (pRoot->type != VAL_NODE) continue;
    NodeId n = pRoot->u.id;
    int t = fcNodeOk(f, r, n);
    if (t < 0) return OP_ERROR;
    if (t == 0) continue;
    int64_t w;
    if (!fcEval(f, n, &w)) return OP_ERROR;
    if (w == 0) continue;
    pCtx->aSlot[r->iSlot] = value_node(n);
    pCtx->aSlot[f->s.iWeight] = value_int(w);
    return OP_ROW;
  }
}

static void fcClose(Op *p) { op_close(((OpFactorCount *)p)->bRunFallback ? p->pChild2 : p->pChild); }

static void fcFree(Op *p) {
  OpFactorCount *f = (OpFactorCount *)p;
  for (uint32_t i = 0; i < f->s.nVar; i++) tg_free(f->aMemo[i].a);
  vec_free(&f->nbrs);
  vec_free(&f->anti);
}

/* "FactorisedCount per (b): (b)-[r:T]->(a:A), (b)<-[s]-(c) WHERE ..." */
static void fcExplain(Op *p, StrBuf *pOut) {
  OpFactorCount *f = (OpFactorCount *)p;
  strbuf_puts(pOut, "per (");
  op_put_slot(p, pOut, f->s.aVar[0].iSlot);
  strbuf_puts(pOut, "):");
  for (uint32_t i = 1, n = 0; i < f->s.nVar; i++) {
    if (f->s.aVar[i].bSame) continue;
    strbuf_puts(pOut, n++ ? ", " : " ");
    if (f->s.aVar[f->s.aVar[i].iParent].bOptional) strbuf_puts(pOut, "OPTIONAL ");
    ExpandSpec e = f->s.aVar[i].edge;
    e.pToLabels = f->s.aVar[i].pLabels;
    expand_explain(p, &e, pOut);
  }
  bool bFirst = true;
  for (uint32_t i = 0; i < f->s.nVar; i++) {
    if (f->s.aVar[i].pDistinct == NULL) continue;
    strbuf_puts(pOut, bFirst ? " WHERE " : " AND ");
    bFirst = false;
    op_put_expr(p, pOut, f->s.aVar[i].pDistinct);
  }
  for (uint32_t i = 0; i < f->s.nVar; i++) {
    if (f->s.aVar[i].pAnti == NULL) continue;
    strbuf_puts(pOut, bFirst ? " WHERE NOT EXISTS " : " AND NOT EXISTS ");
    bFirst = false;
    expand_explain(p, f->s.aVar[i].pAnti, pOut);
  }
  for (uint32_t i = 0; i < f->s.nVar; i++) {
    const FactorVar *v = &f->s.aVar[i];
    for (uint32_t k = 0; k < v->nPred + v->nEdgePred; k++) {
      strbuf_puts(pOut, bFirst ? " WHERE " : " AND ");
      bFirst = false;
      op_put_expr(p, pOut, k < v->nPred ? v->apPred[k] : v->apEdgePred[k - v->nPred]);
    }
  }
  for (uint32_t k = 0; k < f->s.nPair; k++) {
    strbuf_puts(pOut, k ? ", " : " UNLESS ");
    op_put_slot(p, pOut, f->s.aVar[f->s.aPair[2 * k]].edge.iRel);
    strbuf_puts(pOut, " MAY BE ");
    op_put_slot(p, pOut, f->s.aVar[f->s.aPair[2 * k + 1]].edge.iRel);
  }
}

static const OpVtab factorCountVtab = {"FactorisedCount", fcOpen, fcNext, fcClose, fcExplain, fcFree};

Op *op_factor_count(ExecCtx *pCtx, Op *pChild, const FactorSpec *pSpec, Op *pFallback) {
  OpFactorCount *f = (OpFactorCount *)op_alloc(pCtx, sizeof(OpFactorCount), &factorCountVtab, pChild);
  f->base.pChild2 = pFallback;
  Arena *pA = pCtx->pArena;
  uint32_t nVar = pSpec->nVar;
  f->s = *pSpec;
  f->anChild = arena_zalloc(pA, sizeof(uint32_t) * nVar);
  f->aaChild = arena_zalloc(pA, sizeof(uint32_t *) * nVar);
  for (uint32_t i = 1; i < nVar; i++) f->anChild[pSpec->aVar[i].iParent]++;
  for (uint32_t i = 0; i < nVar; i++) {
    f->aaChild[i] = arena_alloc(pA, sizeof(uint32_t) * (f->anChild[i] + 1));
    f->anChild[i] = 0;
  }
  for (uint32_t i = 1; i < nVar; i++) {
    uint32_t iP = pSpec->aVar[i].iParent;
    f->aaChild[iP][f->anChild[iP]++] = i;
  }
  for (uint32_t i = 0; i < nVar; i++) {
    const FactorVar *v = &pSpec->aVar[i];
    f->bReadsProps |= v->nPred || v->nEdgePred || v->edge.pRelPred;
  }
  f->aMode = arena_zalloc(pA, nVar);
  for (uint32_t i = 1; i < nVar; i++) {
    const FactorVar *v = &pSpec->aVar[i];
    if (v->bSame || f->anChild[i] || v->nPred) continue;
    f->aMode[i] = FC_LEAF_LABELS;
    const FactorVar *pParent = &pSpec->aVar[v->iParent];
    bool bDistinct = (pParent->pDistinct || pParent->pAnti) && (pParent->iDistinctA == i || pParent->iDistinctB == i);
    for (uint32_t k = 0; k < nVar; k++) {
      bDistinct |= (pSpec->aVar[k].pDistinct || pSpec->aVar[k].pAnti) && pSpec->aVar[k].iDistinctBelow == i;
    }
    if (v->label == -1 && v->pLabels == NULL && v->nEdgePred == 0 && v->edge.pRelPred == NULL &&
        v->edge.iDir != DIR_BOTH && !bDistinct) {
      f->aMode[i] = FC_LEAF_DEGREE;
    }
  }
  f->aMemo = arena_zalloc(pA, sizeof(FcMemo) * nVar);
  f->aStack = arena_zalloc(pA, sizeof(FcFrame) * nVar);
  return &f->base;
}
