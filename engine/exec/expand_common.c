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

static bool adjHashEq(const void *pCtx, uint32_t iEntry, const void *pKey) {
  const AdjHash *h = pCtx;
  return h->ents.a[iEntry].nbr == *(const NodeId *)pKey;
}

void adj_hash_fill(AdjHash *h, const ExpandSpec *s, const Graph *g, NodeId n, bool bHash) {
  h->ents.n = h->next.n = 0;
  htab_clear(&h->ht);
  h->node = n;
  h->bValid = true;
  h->bHashed = bHash;
  AdjCursor cur;
  AdjEntry ent;
  expand_cursor_start(s, g, n, &cur);
  while (expand_cursor_next(s, g, &cur, &ent)) {
    uint32_t i = h->ents.n;
    vec_push(&h->ents, ent);
    if (!bHash) continue;
    vec_push(&h->next, UINT32_MAX);
    uint64_t hv = htab_hash_u64(ent.nbr);
    int64_t iHead = htab_find(&h->ht, hv, adjHashEq, h, &ent.nbr);
    if (iHead < 0) {
      htab_insert(&h->ht, hv, i);
    } else {
      /* Into the chain right after its head. */
      h->next.a[i] = h->next.a[iHead];
      h->next.a[iHead] = i;
    }
  }
}

uint32_t adj_hash_first(const AdjHash *h, NodeId x) {
  int64_t i = htab_find(&h->ht, htab_hash_u64(x), adjHashEq, h, &x);
  return i < 0 ? UINT32_MAX : (uint32_t)i;
}

void adj_hash_free(AdjHash *h) {
  vec_free(&h->ents);
  vec_free(&h->next);
  htab_free(&h->ht);
  h->bValid = false;
}
