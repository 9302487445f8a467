/*
** expand_common.h — helpers shared by the expansion operators
** (op_expand.c, op_varexpand.c, op_shortest.c): walking a node's
** adjacency in the requested direction and types, and the checks every
** candidate relationship must pass.
*/
#ifndef TANGLE_EXPAND_COMMON_H
#define TANGLE_EXPAND_COMMON_H

#include "base/htab.h"
#include "base/vec.h"
#include "eval/expr.h"
#include "exec/op.h"

/* Position in the adjacency of one node: direction phase, type index and
** entry index. */
typedef struct AdjCursor {
  NodeId node;             /* whose adjacency */
  int iPhase;              /* 0: first direction, 1: second (DIR_BOTH) */
  uint32_t iType;          /* index into the spec's types */
  const AdjEntry *a;       /* current run */
  uint32_t n, i;           /* its length and position */
} AdjCursor;

/* Starts a cursor over node n's adjacency. */
void expand_cursor_start(const ExpandSpec *s, const Graph *g, NodeId n, AdjCursor *c);

/* Next (relationship, neighbour) pair, or false when exhausted. Under
** DIR_BOTH a self-loop is reported once. */
bool expand_cursor_next(const ExpandSpec *s, const Graph *g, AdjCursor *c, AdjEntry *pOut);

/* Entries a cursor over node n would visit (a self-loop counts twice under
** DIR_BOTH): the cost of walking, or the match count when nothing filters. */
uint32_t expand_degree(const ExpandSpec *s, const Graph *g, NodeId n);

/* One node's adjacency as a spec walks it, copied and, when bHashed,
** hashed by neighbour: entries with the same neighbour form a chain
** through `next`. Expand keeps two for its checks between bound nodes,
** WcoJoin one per leg. Zero-initialised is empty. */
/* A slot of AdjHash's table: the neighbour itself is kept, so a probe
** reads one slot and calls nothing (probes are WcoJoin's inner loop). */
typedef struct AdjSlot {
  NodeId nbr;
  uint32_t iFirst;         /* first entry reaching it; UINT32_MAX: empty */
} AdjSlot;

typedef struct AdjHash {
  NodeId node;             /* whose list (valid when bValid) */
  bool bValid;
  bool bHashed;
  VEC(AdjEntry) ents;      /* its entries, seen from that node */
  VEC(uint32_t) next;      /* next entry with the same neighbour, or UINT32_MAX */
  AdjSlot *aSlot;          /* neighbour -> first entry, nMask + 1 slots in use */
  uint32_t nMask;
  uint32_t nSlotAlloc;     /* slots allocated (a hub's table is reused, not cleared whole) */
} AdjHash;

/* Copies node n's list as spec s walks it into h, hashing it when bHash. */
void adj_hash_fill(AdjHash *h, const ExpandSpec *s, const Graph *g, NodeId n, bool bHash);

/* The slot node x hashes to first (Fibonacci hashing: node ids are
** dense, so a multiply spreads them well enough). */
static inline uint32_t adj_hash_slot(const AdjHash *h, NodeId x) {
  return (uint32_t)(((uint64_t)x * 0x9E3779B97F4A7C15ull) >> 32) & h->nMask;
}

/* The first entry of a hashed list reaching node x, or UINT32_MAX. */
static inline uint32_t adj_hash_first(const AdjHash *h, NodeId x) {
  for (uint32_t i = adj_hash_slot(h, x);; i = (i + 1) & h->nMask) {
    const AdjSlot *p = &h->aSlot[i];
    if (p->iFirst == UINT32_MAX || p->nbr == x) return p->iFirst;
  }
}

void adj_hash_free(AdjHash *h);

/* Is relationship r excluded by relationship uniqueness (the slots of
** relationships bound earlier in the pattern)? */
bool expand_excluded(const ExpandSpec *s, const Value *aSlot, RelId r);

/* Does the candidate pass the relationship predicate (pRelPred)? Writes r
** into the predicate's slot. Returns 1, 0, or -1 on error. */
int expand_rel_ok(const ExpandSpec *s, ExecCtx *pCtx, Arena *pA, RelId r);

/* Does node n satisfy the target's label expression? */
static inline bool expand_target_ok(const ExpandSpec *s, ExecCtx *pCtx, NodeId n) {
  if (s->pToLabels == NULL) return true;
  if (s->pToLabels->kind == AST_LABEL) {
    return s->pToLabels->iAux >= 0 && graph_label_bit(pCtx->pGraph, n, (uint32_t)s->pToLabels->iAux);
  }
  return expr_label_match(pCtx, n, s->pToLabels);
}

/* Appends "($from)-[$rel:T*1..3]->($to)" for EXPLAIN. */
void expand_explain(Op *p, const ExpandSpec *s, StrBuf *pOut);

#endif /* TANGLE_EXPAND_COMMON_H */
