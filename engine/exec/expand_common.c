/*
** expand_common.c — adjacency cursors and candidate checks shared by the
** expansion operators (see expand_common.h).
*/
#include "exec/expand_common.h"

/* Loads the run for the cursor's current phase and type. */
static void expandLoadRun(const ExpandSpec *s, const Graph *g, AdjCursor *c) {
  int dir = s->iDir == DIR_BOTH ? (c->iPhase == 0 ? DIR_OUT : DIR_IN) : s->iDir;
  int64_t type = s->nType ? s->aType[c->iType] : -1;
  if (s->nType && type < 0) {
    c->a = NULL;
    c->n = 0;
  } else {
    c->n = graph_adj(g, c->node, dir, type, &c->a);
  }
  c->i = 0;
}

void expand_cursor_start(const ExpandSpec *s, const Graph *g, NodeId n, AdjCursor *c) {
  c->node = n;
  c->iPhase = 0;
  c->iType = 0;
  expandLoadRun(s, g, c);
}

bool expand_cursor_next(const ExpandSpec *s, const Graph *g, AdjCursor *c, AdjEntry *pOut) {
  for (;;) {
    while (c->i < c->n) {
      AdjEntry e = c->a[c->i++];
      if (c->iPhase == 1 && e.nbr == c->node) continue;   /* self-loop seen already */
      *pOut = e;
      return true;
    }
    if (s->nType && c->iType + 1 < s->nType) {
      c->iType++;
    } else if (s->iDir == DIR_BOTH && c->iPhase == 0) {
      c->iPhase = 1;
      c->iType = 0;
    } else {
      return false;
    }
    expandLoadRun(s, g, c);
  }
}

uint32_t expand_degree(const ExpandSpec *s, const Graph *g, NodeId n) {
  uint32_t nDeg = 0;
  for (int phase = 0; phase < (s->iDir == DIR_BOTH ? 2 : 1); phase++) {
    int dir = s->iDir == DIR_BOTH ? (phase == 0 ? DIR_OUT : DIR_IN) : s->iDir;
    const AdjEntry *a;
    if (s->nType == 0) nDeg += graph_adj(g, n, dir, -1, &a);
    for (uint32_t i = 0; i < s->nType; i++) {
      if (s->aType[i] >= 0) nDeg += graph_adj(g, n, dir, s->aType[i], &a);
    }
  }
  return nDeg;
}

bool expand_excluded(const ExpandSpec *s, const Value *aSlot, RelId r) {
  for (uint32_t i = 0; i < s->exclude.n; i++) {
    const Value *v = &aSlot[s->exclude.a[i]];
    if (v->type == VAL_REL) {
      if (v->u.id == r) return true;
    } else if (v->type == VAL_LIST) {
      for (uint32_t k = 0; k < v->n; k++) {
        if (v->u.a[k].type == VAL_REL && v->u.a[k].u.id == r) return true;
      }
    }
  }
  return false;
}

int expand_rel_ok(const ExpandSpec *s, ExecCtx *pCtx, Arena *pA, RelId r) {
  if (s->pRelPred == NULL) return 1;
  pCtx->aSlot[s->iRelTmp] = value_rel(r);
  ArenaMark m = arena_mark(pA);
  int t = expr_truth(pCtx, s->pRelPred, pA);
  arena_rewind(pA, m);
  return t;
}

/* Sizes the table for n entries at most half full, and empties it. */
static void adjHashReset(AdjHash *h, uint32_t n) {
  uint32_t nSlot = 16;
  while (nSlot < 2 * (uint64_t)n) nSlot *= 2;
  if (h->nSlotAlloc < nSlot) {
    tg_free(h->aSlot);
    h->aSlot = tg_malloc(sizeof(AdjSlot) * nSlot);
    h->nSlotAlloc = nSlot;
  }
  h->nMask = nSlot - 1;
  memset(h->aSlot, 0xff, sizeof(AdjSlot) * nSlot);
}

void adj_hash_fill(AdjHash *h, const ExpandSpec *s, const Graph *g, NodeId n, bool bHash) {
  h->ents.n = h->next.n = 0;
  h->node = n;
  h->bValid = true;
  h->bHashed = bHash;
  AdjCursor cur;
  AdjEntry ent;
  expand_cursor_start(s, g, n, &cur);
  while (expand_cursor_next(s, g, &cur, &ent)) vec_push(&h->ents, ent);
  if (!bHash) return;
  adjHashReset(h, h->ents.n);
  vec_reserve(&h->next, h->ents.n);
  for (uint32_t i = 0; i < h->ents.n; i++) {
    NodeId x = h->ents.a[i].nbr;
    h->next.a[i] = UINT32_MAX;
    uint32_t k = adj_hash_slot(h, x);
    while (h->aSlot[k].iFirst != UINT32_MAX && h->aSlot[k].nbr != x) k = (k + 1) & h->nMask;
    AdjSlot *p = &h->aSlot[k];
    if (p->iFirst == UINT32_MAX) {
      p->nbr = x;
      p->iFirst = i;
    } else {
      /* Into the chain right after its head. */
      h->next.a[i] = h->next.a[p->iFirst];
      h->next.a[p->iFirst] = i;
    }
  }
  h->next.n = h->ents.n;
}

void adj_hash_free(AdjHash *h) {
  vec_free(&h->ents);
  vec_free(&h->next);
  tg_free(h->aSlot);
  h->aSlot = NULL;
  h->nSlotAlloc = 0;
  h->bValid = false;
}
