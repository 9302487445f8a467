/*
** op_distinct.c — Distinct: passes each combination of the key slots the
** first time it is seen (Cypher equivalence: null equals null, 1 equals
** 1.0). The combinations seen are kept in a RowBuffer (of the key slots),
** found through a hash table keyed by XXH3 over the values.
*/
#include "exec/op.h"
#include "base/htab.h"

typedef struct OpDistinct {
  Op base;
  RowBuffer seen;          /* one row per combination seen, of the key slots */
  HTab ht;                 /* hash of a combination -> its row */
} OpDistinct;

typedef struct DistinctKey {
  const OpDistinct *d;
  const Value *aSlot;
} DistinctKey;

static bool distinctEq(const void *pCtx, uint32_t iEntry, const void *pKey) {
  const OpDistinct *d = pCtx;
  const DistinctKey *k = pKey;
  const SlotList *pKeys = &d->seen.slots;
  const Value *aSaved = d->seen.rows.a[iEntry];
  for (uint32_t i = 0; i < pKeys->n; i++) {
    if (!value_equivalent(&aSaved[i], &k->aSlot[pKeys->a[i]])) return false;
  }
  return true;
}

static void distinctOpen(Op *p) {
  OpDistinct *d = (OpDistinct *)p;
  op_open(p->pChild);
  row_buffer_reset(&d->seen);
  htab_init(&d->ht);
}

static int distinctNext(Op *p) {
  OpDistinct *d = (OpDistinct *)p;
  const Value *aSlot = p->pCtx->aSlot;
  const SlotList *pKeys = &d->seen.slots;
  for (;;) {
    int rc = op_next(p->pChild);
    if (rc != OP_ROW) return rc;
    uint64_t h = 0x9e3779b97f4a7c15ULL;
    for (uint32_t i = 0; i < pKeys->n; i++) h = htab_hash_combine(h, value_hash(&aSlot[pKeys->a[i]]));
    DistinctKey k = {d, aSlot};
    if (htab_find(&d->ht, h, distinctEq, d, &k) >= 0) continue;
    htab_insert(&d->ht, h, row_buffer_save(&d->seen, aSlot));
    return OP_ROW;
  }
}

static void distinctClose(Op *p) {
  OpDistinct *d = (OpDistinct *)p;
  op_close(p->pChild);
  htab_free(&d->ht);
  row_buffer_free(&d->seen);
}

static void distinctExplain(Op *p, StrBuf *pOut) {
  OpDistinct *d = (OpDistinct *)p;
  for (uint32_t i = 0; i < d->seen.slots.n; i++) {
    if (i) strbuf_puts(pOut, ", ");
    op_put_slot(p, pOut, d->seen.slots.a[i]);
  }
}

static const OpVtab distinctVtab = {"Distinct", distinctOpen, distinctNext, distinctClose,
                                    distinctExplain, NULL};

Op *op_distinct(ExecCtx *pCtx, Op *pChild, const SlotList *pKeys) {
  OpDistinct *d = (OpDistinct *)op_alloc(pCtx, sizeof(OpDistinct), &distinctVtab, pChild);
  row_buffer_init(&d->seen, pCtx, pKeys);
  return &d->base;
}
