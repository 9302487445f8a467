/*
** op_eager.c — Eager: reads every input row before yielding any, so that
** the clauses after it see the complete effect of the clauses before it
** (a MATCH after CREATE sees every created node; a CREATE after MATCH does
** not feed the MATCH).
**
** Under LOAD CSV each row also keeps the file and line it came from, so
** that file() and linenumber() after the barrier still describe that row
** (the LoadCsv operator has moved on by the time the rows come out).
*/
#include "exec/op.h"
#include "base/vec.h"

/* LOAD CSV's context of one saved row (ExecCtx.zCsvFile, iCsvLine). */
typedef struct EagerCsvRow {
  const char *zFile;       /* copy in the rows arena, or NULL */
  int64_t iLine;
} EagerCsvRow;

typedef struct OpEager {
  Op base;
  RowBuffer rows;          /* every input row */
  VEC(EagerCsvRow) csv;    /* per saved row, when any came from LOAD CSV */
  const char *zLastFile;   /* the last file name copied into rows.mem */
  bool bFilled;
} OpEager;

/* Saves the LOAD CSV context of the row just saved as row number iRow. */
static void eagerSaveCsv(OpEager *e, uint32_t iRow) {
  ExecCtx *pCtx = e->base.pCtx;
  if (pCtx->zCsvFile == NULL && e->csv.n == 0) return;
  while (e->csv.n < iRow) vec_push(&e->csv, ((EagerCsvRow){NULL, 0}));
  EagerCsvRow r = {NULL, pCtx->iCsvLine};
  if (pCtx->zCsvFile) {
    if (e->zLastFile == NULL || strcmp(e->zLastFile, pCtx->zCsvFile) != 0) {
      e->zLastFile = arena_strndup(&e->rows.mem, pCtx->zCsvFile, strlen(pCtx->zCsvFile));
    }
    r.zFile = e->zLastFile;
  }
  vec_push(&e->csv, r);
}

static void eagerOpen(Op *p) {
  OpEager *e = (OpEager *)p;
  op_open(p->pChild);
  row_buffer_reset(&e->rows);
  e->csv.n = 0;
  e->zLastFile = NULL;
  e->bFilled = false;
}

static int eagerNext(Op *p) {
  OpEager *e = (OpEager *)p;
  if (!e->bFilled) {
    int rc;
    while ((rc = op_next(p->pChild)) == OP_ROW) {
      eagerSaveCsv(e, row_buffer_save(&e->rows, p->pCtx->aSlot));
    }
    if (rc == OP_ERROR) return OP_ERROR;
    e->bFilled = true;
  }
  uint32_t iRow = e->rows.iNext;
  if (!row_buffer_replay(&e->rows, p->pCtx->aSlot)) {
    if (e->csv.n) p->pCtx->zCsvFile = NULL;
    return OP_DONE;
  }
  if (iRow < e->csv.n) {
    p->pCtx->zCsvFile = e->csv.a[iRow].zFile;
    p->pCtx->iCsvLine = e->csv.a[iRow].iLine;
  }
  return OP_ROW;
}

static void eagerClose(Op *p) {
  OpEager *e = (OpEager *)p;
  op_close(p->pChild);
  if (e->csv.n) p->pCtx->zCsvFile = NULL;   /* it may point into rows */
  row_buffer_free(&e->rows);
  vec_free(&e->csv);
}

static const OpVtab eagerVtab = {"Eager", eagerOpen, eagerNext, eagerClose, NULL, NULL};

Op *op_eager(ExecCtx *pCtx, Op *pChild, const SlotList *pKeep) {
  OpEager *e = (OpEager *)op_alloc(pCtx, sizeof(OpEager), &eagerVtab, pChild);
  row_buffer_init(&e->rows, pCtx, pKeep);
  return &e->base;
}
