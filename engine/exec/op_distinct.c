/*
** op_distinct.c — Distinct: passes each combination of the key slots the
** first time it is seen (Cypher equivalence: null equals null, 1 equals
** 1.0). A hash table keyed by XXH3 over the values remembers them.
*/
#include "exec/op.h"
#include "base/htab.h"
#include "base/vec.h"

typedef struct OpDistinct {
  Op base;
  SlotList keys;
  Arena seenMem;           /* saved key tuples */
  VEC(Value *) seen;       /* tuples by entry index */
  HTab ht;
} OpDistinct;

typedef struct DistinctKey {
  const OpDistinct *d;
  const Value *aSlot;
} DistinctKey;

static bool distinctEq(const void *pCtx, uint32_t iEntry, const void *pKey) {
  const OpDistinct *d = pCtx;
  const DistinctKey *k = pKey;
  const Value *aSaved = d->seen.a[iEntry];
  for (uint32_t i = 0; i < d->keys.n; i++) {
    if (!value_equivalent(&aSaved[i], &k->aSlot[d->keys.a[i]])) return false;
  }
  return true;
}

static void distinctOpen(Op *p) {
  OpDistinct *d = (OpDistinct *)p;
  op_open(p->pChild);
  arena_init(&d->seenMem);
  htab_init(&d->ht);
  d->seen.n = 0;
}

static int distinctNext(Op *p) {
  OpDistinct *d = (OpDistinct *)p;
  const Value *aSlot = p->pCtx->aSlot;
  for (;;) {
    int rc = op_next(p->pChild);
    if (rc != OP_ROW) return rc;
    uint64_t h = 0x9e3779b97f4a7c15ULL;
    for (uint32_t i = 0; i < d->keys.n; i++) h = htab_hash_combine(h, value_hash(&aSlot[d->keys.a[i]]));
    DistinctKey k = {d, aSlot};
    if (htab_find(&d->ht, h, distinctEq, d, &k) >= 0) continue;
    vec_push(&d->seen, op_save_row(p, &d->seenMem, &d->keys));
    htab_insert(&d->ht, h, d->seen.n - 1);
    return OP_ROW;
  }
}

static void distinctClose(Op *p) {
  OpDistinct *d = (OpDistinct *)p;
  op_close(p->pChild);
  htab_free(&d->ht);
  vec_free(&d->seen);
  arena_free(&d->seenMem);
}

static void distinctExplain(Op *p, StrBuf *pOut) {
  OpDistinct *d = (OpDistinct *)p;
  for (uint32_t i = 0; i < d->keys.n; i++) {
    if (i) strbuf_puts(pOut, ", ");
    op_put_slot(p, pOut, d->keys.a[i]);
  }
}

static const OpVtab distinctVtab = {"Distinct", distinctOpen, distinctNext, distinctClose,
                                    distinctExplain, NULL};

Op *op_distinct(ExecCtx *pCtx, Op *pChild, const SlotList *pKeys) {
  OpDistinct *d = (OpDistinct *)op_alloc(pCtx, sizeof(OpDistinct), &distinctVtab, pChild);
  d->keys = op_copy_slots(pCtx, pKeys);
  return &d->base;
}
