/*
** op_wco_join.c — WcoJoin: binds one node variable that two or more
** relationships tie to nodes already bound, by intersecting their
** adjacency lists (a worst-case-optimal, "generic join" step).
**
** The chain it replaces is an Expand from one bound node followed by an
** Expand (into) per other relationship; that chain enumerates every
** neighbour of the first node before checking the others. Here, per input
** row, one leg (the driver) is walked and each of its neighbours is looked
** up in the other legs' adjacency, hashed by neighbour. A leg's hash is
** kept while its bound node stays the same from row to row (the outer
** loops of a triangle change one node per row), so the cost per row is
** the driver's length plus the lists that changed. The driver is the
** shortest list whose node changed (walking it costs what hashing it
** would), or the shortest list when none changed. When some list is very
** short it drives, and each other leg is checked per candidate from
** whichever side is at hand or shorter: the bound node's list for the
** candidate, or the candidate's list (walked back) for the bound node, as
** Expand (into) does; such a list is only copied, and hashed when it is
** met again.
**
** Equivalence with the chain: each leg keeps the checks of its Expand
** (types, direction, a self-loop once under DIR_BOTH, its relationship
** predicate, uniqueness against relationships bound before); legs of one
** clause whose types may overlap must bind different relationships
** (aDiffer); parallel relationships multiply, as the chain's rows do.
*/
#include "exec/expand_common.h"

/* A driver this short probes the other legs by walking a copy of their
** lists, which is cheaper than hashing a list that may be read once. */
#define WCO_WALK_MAX 8


typedef struct OpWcoJoin {
  Op base;
  WcoSpec s;
  AdjHash *aHash;          /* per leg: its bound node's list */
  AdjHash *aFar;           /* per leg: a candidate's list, walked back (sFar) */
  ExpandSpec *aFarSpec;    /* per leg: the same relationships seen from the candidate */
  uint32_t *aDeg;          /* per leg: its bound node's list length this row */
  AdjHash **apLevel;       /* per level of aOrder: the list probed for the candidate */
  NodeId *aKey;            /* ... and the neighbour sought there */
  NodeId *aLastX, *aLastFrom; /* per leg: the candidate and bound node last checked */
  uint32_t *aOrder;        /* the legs other than the driver, in check order */
  uint32_t *aPos;          /* per level of aOrder: current chain entry */
  RelId *aRel;             /* per leg: relationship of the current row */
  uint32_t iDriver;        /* leg walked for candidates */
  AdjCursor cur;           /* position in the driver's list */
  bool bActive;            /* an input row is being joined */
  bool bCand;              /* a candidate's combinations are being listed */
  uint64_t nChange, iVersion; /* graph counters the hashes hold for */
} OpWcoJoin;

/* The entry after i (from: UINT32_MAX to start) of an unhashed list
** reaching node x, or UINT32_MAX. */
static uint32_t wcoScan(const AdjHash *h, uint32_t i, NodeId x) {
  for (i = i == UINT32_MAX ? 0 : i + 1; i < h->ents.n; i++) {
    if (h->ents.a[i].nbr == x) return i;
  }
  return UINT32_MAX;
}

/* The first entry of leg h reaching node x, or UINT32_MAX. */
static uint32_t wcoHashFirst(const AdjHash *h, NodeId x) {
  return h->bHashed ? adj_hash_first(h, x) : wcoScan(h, UINT32_MAX, x);
}

/* The next entry of leg h after entry i reaching the same node. */
static uint32_t wcoHashNext(const AdjHash *h, uint32_t i) {
  return h->bHashed ? h->next.a[i] : wcoScan(h, i, h->ents.a[i].nbr);
}

/* Starts joining the current input row: picks the driver and hashes the
** other legs. False when a bound end is not a live node. */
static bool wcoStartRow(OpWcoJoin *w) {
  ExecCtx *pCtx = w->base.pCtx;
  const Graph *g = pCtx->pGraph;
  if (w->nChange != g->nChange || w->iVersion != g->iVersion) {
    for (uint32_t k = 0; k < 2 * w->s.nLeg; k++) w->aHash[k].bValid = false;
    w->nChange = g->nChange;
    w->iVersion = g->iVersion;
  }
  uint32_t iBestChanged = UINT32_MAX, iBestAny = 0;
  uint32_t nBestChanged = 0, nBestAny = 0;
  for (uint32_t k = 0; k < w->s.nLeg; k++) {
    const Value *v = &pCtx->aSlot[w->s.aLeg[k].iFrom];
    if (v->type != VAL_NODE || !graph_node_exists(g, v->u.id)) return false;
    uint32_t n = expand_degree(&w->s.aLeg[k], g, v->u.id);
    if (n == 0) return false;
    w->aDeg[k] = n;
    bool bKept = w->aHash[k].bValid && w->aHash[k].node == v->u.id;
    if (!bKept && (iBestChanged == UINT32_MAX || n < nBestChanged)) {
      iBestChanged = k;
      nBestChanged = n;
    }
    if (k == 0 || n < nBestAny) {
      iBestAny = k;
      nBestAny = n;
    }
  }
  /* A list of one entry drives even when its node stayed (its candidate
  ** is likely the last row's, whose list is at hand): the lists that
  ** changed are then checked from whichever side is cheaper. Otherwise
  ** the shortest list that changed drives. */
  if (iBestChanged != UINT32_MAX && (nBestAny > 1 || iBestAny == iBestChanged)) {
    w->iDriver = iBestChanged;
  } else {
    w->iDriver = iBestAny;
  }
  bool bShort = w->aDeg[w->iDriver] <= WCO_WALK_MAX;
  uint32_t nLevel = 0;
  for (uint32_t k = 0; k < w->s.nLeg; k++) {
    if (k == w->iDriver) continue;
    NodeId n = pCtx->aSlot[w->s.aLeg[k].iFrom].u.id;
    AdjHash *h = &w->aHash[k];
    /* A list seen again is hashed (its node stays while an inner loop
    ** runs); with a short driver a new one waits for the candidates. */
    bool bKept = h->bValid && h->node == n;
    if (bKept ? !h->bHashed : !bShort) adj_hash_fill(h, &w->s.aLeg[k], g, n, true);
    w->aOrder[nLevel++] = k;
  }
  expand_cursor_start(&w->s.aLeg[w->iDriver], g, pCtx->aSlot[w->s.aLeg[w->iDriver].iFrom].u.id, &w->cur);
  return true;
}

/* Chooses where level j's leg finds its relationships to candidate x:
** the bound node's list (for entries reaching x) when it is at hand,
** else x's list walked back (for entries reaching the bound node) when
** that one is, else the shorter of the two, copied. A copy found again
** is hashed. */
static void wcoLevelList(OpWcoJoin *w, uint32_t j, NodeId x) {
  const Graph *g = w->base.pCtx->pGraph;
  uint32_t k = w->aOrder[j];
  NodeId from = w->base.pCtx->aSlot[w->s.aLeg[k].iFrom].u.id;
  AdjHash *pOwn = &w->aHash[k], *pFar = &w->aFar[k];
  bool bOwn = pOwn->bValid && pOwn->node == from;
  bool bFar = pFar->bValid && pFar->node == x;
  if (!bOwn && !bFar) {
    if (x == w->aLastX[k]) {
      adj_hash_fill(pFar, &w->aFarSpec[k], g, x, true);
    } else if (from == w->aLastFrom[k]) {
      bOwn = true;
      adj_hash_fill(pOwn, &w->s.aLeg[k], g, from, true);
    } else {
      bOwn = expand_degree(&w->aFarSpec[k], g, x) >= w->aDeg[k];
      if (bOwn) adj_hash_fill(pOwn, &w->s.aLeg[k], g, from, false);
      else adj_hash_fill(pFar, &w->aFarSpec[k], g, x, false);
    }
  } else if (!bOwn && !pFar->bHashed) {
    adj_hash_fill(pFar, &w->aFarSpec[k], g, x, true);
  }
  w->aLastX[k] = x;
  w->aLastFrom[k] = from;
  w->apLevel[j] = bOwn ? pOwn : pFar;
  w->aKey[j] = bOwn ? x : from;
}

/* Does relationship r pass leg k's checks: uniqueness against the
** relationships bound before the join and against the legs already
** chosen (the driver and levels below iLevel), and the relationship
** predicate? Binds it in the leg's slot. Returns 1, 0, or -1. */
static int wcoLegOk(OpWcoJoin *w, uint32_t k, uint32_t iLevel, RelId r) {
  Op *p = &w->base;
  const ExpandSpec *s = &w->s.aLeg[k];
  if (s->exclude.n && expand_excluded(s, p->pCtx->aSlot, r)) return 0;
  const uint8_t *aDiffer = &w->s.aDiffer[k * w->s.nLeg];
  if (aDiffer[w->iDriver] && w->aRel[w->iDriver] == r) return 0;
  for (uint32_t j = 0; j < iLevel; j++) {
    uint32_t o = w->aOrder[j];
    if (aDiffer[o] && w->aRel[o] == r) return 0;
  }
  int t = expand_rel_ok(s, p->pCtx, &p->scratch, r);
  if (t <= 0) return t;
  w->aRel[k] = r;
  p->pCtx->aSlot[s->iRel] = value_rel(r);
  return 1;
}

/* The next combination of the candidate's relationships over the legs
** other than the driver (an odometer over their chains, first to last):
** bFirst starts it. Returns 1, 0 when exhausted, or -1. */
static int wcoNextCombination(OpWcoJoin *w, bool bFirst) {
  uint32_t nLevel = w->s.nLeg - 1;
  int64_t j;
  if (bFirst) {
    j = 0;
    w->aPos[0] = wcoHashFirst(w->apLevel[0], w->aKey[0]);
  } else {
    j = (int64_t)nLevel - 1;
    w->aPos[j] = wcoHashNext(w->apLevel[j], w->aPos[j]);
  }
  while (j >= 0) {
    const AdjHash *h = w->apLevel[j];
    if (w->aPos[j] == UINT32_MAX) {
      if (--j >= 0) w->aPos[j] = wcoHashNext(w->apLevel[j], w->aPos[j]);
      continue;
    }
    int t = wcoLegOk(w, w->aOrder[j], (uint32_t)j, h->ents.a[w->aPos[j]].rel);
    if (t < 0) return -1;
    if (t == 0) {
      w->aPos[j] = wcoHashNext(h, w->aPos[j]);
      continue;
    }
    if ((uint32_t)j + 1 == nLevel) return 1;
    j++;
    w->aPos[j] = wcoHashFirst(w->apLevel[j], w->aKey[j]);
  }
  return 0;
}

/* The next driver entry whose neighbour every other leg reaches, with its
** first combination bound. Returns 1, 0 when the row is done, or -1. */
static int wcoNextCandidate(OpWcoJoin *w) {
  ExecCtx *pCtx = w->base.pCtx;
  const Graph *g = pCtx->pGraph;
  AdjEntry ent;
  while (expand_cursor_next(&w->s.aLeg[w->iDriver], g, &w->cur, &ent)) {
    if (exec_check_interrupt(pCtx)) return -1;
    bool bAll = true;
    for (uint32_t j = 0; j + 1 < w->s.nLeg && bAll; j++) {
      wcoLevelList(w, j, ent.nbr);
      bAll = wcoHashFirst(w->apLevel[j], w->aKey[j]) != UINT32_MAX;
    }
    if (!bAll) continue;
    if (!expand_target_ok(&w->s.aLeg[w->iDriver], pCtx, ent.nbr)) continue;
    pCtx->aSlot[w->s.iTo] = value_node(ent.nbr);
    int t = wcoLegOk(w, w->iDriver, 0, ent.rel);
    if (t < 0) return -1;
    if (t == 0) continue;
    t = wcoNextCombination(w, true);
    if (t != 0) return t;
  }
  return 0;
}

static void wcoOpen(Op *p) {
  op_open(p->pChild);
  OpWcoJoin *w = (OpWcoJoin *)p;
  w->bActive = w->bCand = false;
}

static int wcoNext(Op *p) {
  OpWcoJoin *w = (OpWcoJoin *)p;
  for (;;) {
    if (!w->bActive) {
      int rc = op_next(p->pChild);
      if (rc != OP_ROW) return rc;
      if (!wcoStartRow(w)) continue;
      w->bActive = true;
      w->bCand = false;
    }
    if (w->bCand) {
      int t = wcoNextCombination(w, false);
      if (t < 0) return OP_ERROR;
      if (t) return OP_ROW;
      w->bCand = false;
    }
    int t = wcoNextCandidate(w);
    if (t < 0) return OP_ERROR;
    if (t) {
      w->bCand = true;
      return OP_ROW;
    }
    w->bActive = false;
  }
}

static void wcoClose(Op *p) { op_close(p->pChild); }

/* The hashes outlive a run, like Expand's caches (a subquery reopens the
** operator per outer row). */
static void wcoFree(Op *p) {
  OpWcoJoin *w = (OpWcoJoin *)p;
  for (uint32_t k = 0; k < 2 * w->s.nLeg; k++) adj_hash_free(&w->aHash[k]);
  tg_free(w->aHash);
}

/* "(a)-[r:T]-(x:L), (b)-[s:T]-(x)": each leg, the new node's labels on the first. */
static void wcoExplain(Op *p, StrBuf *pOut) {
  OpWcoJoin *w = (OpWcoJoin *)p;
  for (uint32_t k = 0; k < w->s.nLeg; k++) {
    ExpandSpec s = w->s.aLeg[k];
    s.pToLabels = k == 0 ? w->s.pToLabels : NULL;
    if (k) strbuf_puts(pOut, ", ");
    expand_explain(p, &s, pOut);
  }
}

static const OpVtab wcoVtab = {"WcoJoin", wcoOpen, wcoNext, wcoClose, wcoExplain, wcoFree};

Op *op_wco_join(ExecCtx *pCtx, Op *pChild, const WcoSpec *pSpec) {
  OpWcoJoin *w = (OpWcoJoin *)op_alloc(pCtx, sizeof(OpWcoJoin), &wcoVtab, pChild);
  w->s = *pSpec;
  uint32_t n = pSpec->nLeg;
  w->s.aLeg = arena_alloc(pCtx->pArena, sizeof(ExpandSpec) * n);
  for (uint32_t k = 0; k < n; k++) {
    w->s.aLeg[k] = pSpec->aLeg[k];
    w->s.aLeg[k].pToLabels = pSpec->pToLabels;   /* tested on the driver's candidates */
  }
  w->aHash = tg_calloc(2 * (size_t)n, sizeof(AdjHash));
  w->aFar = w->aHash + n;
  w->aFarSpec = arena_alloc(pCtx->pArena, sizeof(ExpandSpec) * n);
  for (uint32_t k = 0; k < n; k++) {
    ExpandSpec *f = &w->aFarSpec[k];
    *f = w->s.aLeg[k];
    f->iFrom = f->iTo;
    f->iTo = w->s.aLeg[k].iFrom;
    f->iDir = f->iDir == DIR_OUT ? DIR_IN : f->iDir == DIR_IN ? DIR_OUT : DIR_BOTH;
  }
  w->aDeg = arena_alloc(pCtx->pArena, sizeof(uint32_t) * n);
  w->apLevel = arena_alloc(pCtx->pArena, sizeof(AdjHash *) * n);
  w->aKey = arena_alloc(pCtx->pArena, sizeof(NodeId) * n);
  w->aLastX = arena_alloc(pCtx->pArena, sizeof(NodeId) * n);
  w->aLastFrom = arena_alloc(pCtx->pArena, sizeof(NodeId) * n);
  for (uint32_t k = 0; k < n; k++) w->aLastX[k] = w->aLastFrom[k] = GRAPH_NO_ID;
  w->aOrder = arena_alloc(pCtx->pArena, sizeof(uint32_t) * n);
  w->aPos = arena_alloc(pCtx->pArena, sizeof(uint32_t) * n);
  w->aRel = arena_alloc(pCtx->pArena, sizeof(RelId) * n);
  return &w->base;
}
