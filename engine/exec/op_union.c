/*
** op_union.c — Union: yields every row of the left pipeline, then every
** row of the right one, copying each side's result columns into the
** common output slots. UNION (without ALL) puts a Distinct above it.
*/
#include "exec/op.h"

typedef struct OpUnion {
  Op base;
  uint32_t nCol;
  uint32_t *aOut, *aLeft, *aRight;   /* slots: output, left side, right side */
  bool bRight;             /* the left side is exhausted */
} OpUnion;

static void unionOpen(Op *p) {
  op_open(p->pChild);
  ((OpUnion *)p)->bRight = false;
}

static int unionNext(Op *p) {
  OpUnion *u = (OpUnion *)p;
  Value *aSlot = p->pCtx->aSlot;
  if (!u->bRight) {
    int rc = op_next(p->pChild);
    if (rc == OP_ROW) {
      for (uint32_t i = 0; i < u->nCol; i++) aSlot[u->aOut[i]] = aSlot[u->aLeft[i]];
      return OP_ROW;
    }
    if (rc == OP_ERROR) return OP_ERROR;
    u->bRight = true;
    op_close(p->pChild);
    op_open(p->pChild2);
  }
  int rc = op_next(p->pChild2);
  if (rc != OP_ROW) return rc;
  for (uint32_t i = 0; i < u->nCol; i++) aSlot[u->aOut[i]] = aSlot[u->aRight[i]];
  return OP_ROW;
}

static void unionClose(Op *p) {
  op_close(p->pChild);
  op_close(p->pChild2);
}

static const OpVtab unionVtab = {"Union", unionOpen, unionNext, unionClose, NULL, NULL};

Op *op_union(ExecCtx *pCtx, Op *pLeft, Op *pRight, uint32_t nCol,
             const uint32_t *aOutSlot, const uint32_t *aLeftSlot, const uint32_t *aRightSlot) {
  OpUnion *u = (OpUnion *)op_alloc(pCtx, sizeof(OpUnion), &unionVtab, pLeft);
  u->base.pChild2 = pRight;
  u->nCol = nCol;
  size_t n = sizeof(uint32_t) * (nCol + 1);
  u->aOut = arena_alloc(pCtx->pArena, n);
  u->aLeft = arena_alloc(pCtx->pArena, n);
  u->aRight = arena_alloc(pCtx->pArena, n);
  memcpy(u->aOut, aOutSlot, sizeof(uint32_t) * nCol);
  memcpy(u->aLeft, aLeftSlot, sizeof(uint32_t) * nCol);
  memcpy(u->aRight, aRightSlot, sizeof(uint32_t) * nCol);
  return &u->base;
}
