/*
** op_argument.c — Argument: the leaf that starts every pipeline.
**
** Yields the current row exactly once per run. At the top of a statement
** that row is empty; inside an apply (OPTIONAL MATCH, subqueries, MERGE)
** it is the outer row, whose slots the inner pipeline reads.
*/
#include "exec/op.h"

typedef struct OpArgument {
  Op base;
  bool bDone;              /* the row was produced in this run */
} OpArgument;

static void argumentOpen(Op *p) { ((OpArgument *)p)->bDone = false; }

static int argumentNext(Op *p) {
  OpArgument *a = (OpArgument *)p;
  if (a->bDone) return OP_DONE;
  a->bDone = true;
  return OP_ROW;
}

static const OpVtab argumentVtab = {"Argument", argumentOpen, argumentNext, NULL, NULL, NULL};

Op *op_argument(ExecCtx *pCtx) { return op_alloc(pCtx, sizeof(OpArgument), &argumentVtab, NULL); }

bool op_is_argument(const Op *p) { return p->pVtab == &argumentVtab; }
