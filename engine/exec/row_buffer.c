/*
** row_buffer.c — rows kept to be given again later (see row_buffer.h):
** the one place where operators copy slots out of the row and back.
*/
#include "exec/row_buffer.h"

SlotList op_copy_slots(ExecCtx *pCtx, const SlotList *pSlots) {
  SlotList copy;
  copy.n = pSlots->n;
  copy.a = arena_alloc(pCtx->pArena, sizeof(uint32_t) * (pSlots->n + 1));
  if (pSlots->n) memcpy(copy.a, pSlots->a, sizeof(uint32_t) * pSlots->n);
  return copy;
}

void row_buffer_init(RowBuffer *b, ExecCtx *pCtx, const SlotList *pSlots) {
  memset(b, 0, sizeof(*b));
  b->slots = op_copy_slots(pCtx, pSlots);
  arena_init(&b->mem);
}

void row_buffer_reset(RowBuffer *b) {
  arena_reset(&b->mem);
  b->rows.n = 0;
  b->iNext = 0;
}

uint32_t row_buffer_save(RowBuffer *b, const Value *aSlot) {
  const SlotList *s = &b->slots;
  Value *a = arena_alloc(&b->mem, sizeof(Value) * (s->n + 1));
  for (uint32_t i = 0; i < s->n; i++) a[i] = value_copy(&b->mem, &aSlot[s->a[i]]);
  vec_push(&b->rows, a);
  return b->rows.n - 1;
}

void row_buffer_restore(const RowBuffer *b, uint32_t iRow, Value *aSlot) {
  const SlotList *s = &b->slots;
  const Value *a = b->rows.a[iRow];
  for (uint32_t i = 0; i < s->n; i++) aSlot[s->a[i]] = a[i];
}

bool row_buffer_replay(RowBuffer *b, Value *aSlot) {
  if (b->iNext >= b->rows.n) return false;
  row_buffer_restore(b, b->iNext++, aSlot);
  return true;
}

void row_buffer_free(RowBuffer *b) {
  vec_free(&b->rows);
  arena_free(&b->mem);
  b->iNext = 0;
}
