/*
** op_apply.c — Apply: runs the inner pipeline once per outer row (the
** inner pipeline starts with an Argument and reads the outer row's slots).
**   CROSS     every inner row for every outer row;
**   OPTIONAL  as CROSS, but an outer row with no inner row is yielded once
**             with the inner pipeline's new slots set to null;
**   SEMI      outer rows with at least one inner row;
**   ANTI      outer rows with none;
**   DRAIN     the inner side runs to its end for its effects (FOREACH,
**             CALL { } without RETURN) and the outer row is yielded once.
*/
#include "exec/op.h"

typedef struct OpApply {
  Op base;
  int eMode;
  SlotList nulls;          /* OPTIONAL: slots to null */
  bool bInnerOpen;         /* the inner pipeline runs for the current outer row */
  bool bMatched;           /* the inner pipeline yielded for this outer row */
} OpApply;

static void applyOpen(Op *p) {
  op_open(p->pChild);
  ((OpApply *)p)->bInnerOpen = false;
}

static int applyNext(Op *p) {
  OpApply *a = (OpApply *)p;
  Op *pOuter = p->pChild, *pInner = p->pChild2;
  for (;;) {
    if (!a->bInnerOpen) {
      int rc = op_next(pOuter);
      if (rc != OP_ROW) return rc;
      op_open(pInner);
      a->bInnerOpen = true;
      a->bMatched = false;
    }
    int rc = op_next(pInner);
    if (rc == OP_ERROR) return OP_ERROR;
    if (rc == OP_ROW) {
      bool bFirst = !a->bMatched;
      a->bMatched = true;
      switch (a->eMode) {
        case APPLY_DRAIN:
          continue;
        case APPLY_SEMI:
          a->bInnerOpen = false;
          op_close(pInner);
          return OP_ROW;
        case APPLY_ANTI:
          a->bInnerOpen = false;
          op_close(pInner);
          continue;
        default:
          (void)bFirst;
          return OP_ROW;
      }
    }
    /* The inner pipeline is exhausted for this outer row. */
    a->bInnerOpen = false;
    op_close(pInner);
    if (a->eMode == APPLY_DRAIN) return OP_ROW;
    if (!a->bMatched) {
      if (a->eMode == APPLY_OPTIONAL) {
        for (uint32_t i = 0; i < a->nulls.n; i++) p->pCtx->aSlot[a->nulls.a[i]] = value_null();
        return OP_ROW;
      }
      if (a->eMode == APPLY_ANTI) return OP_ROW;
    }
  }
}

static void applyClose(Op *p) {
  op_close(p->pChild);
  op_close(p->pChild2);
}

static void applyExplain(Op *p, StrBuf *pOut) {
  static const char *const az[] = {"cross", "optional", "semi", "anti", "drain"};
  strbuf_puts(pOut, az[((OpApply *)p)->eMode]);
}

static const OpVtab applyVtab = {"Apply", applyOpen, applyNext, applyClose, applyExplain, NULL};

Op *op_apply(ExecCtx *pCtx, Op *pOuter, Op *pInner, int eMode, const SlotList *pNullSlots) {
  OpApply *a = (OpApply *)op_alloc(pCtx, sizeof(OpApply), &applyVtab, pOuter);
  a->base.pChild2 = pInner;
  a->eMode = eMode;
  if (pNullSlots) {
    a->nulls = op_copy_slots(pCtx, pNullSlots);
  }
  return &a->base;
}

int op_apply_mode(const Op *p) { return p->pVtab == &applyVtab ? ((const OpApply *)p)->eMode : -1; }
