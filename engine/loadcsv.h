/*
** loadcsv.h — the LOAD CSV clause: one row per CSV record, bound as a
** list of strings, or with HEADERS as a map from header to value.
*/
#ifndef TANGLE_LOADCSV_H
#define TANGLE_LOADCSV_H

#include "check.h"
#include "exec/op.h"

/* Plans `LOAD CSV [WITH HEADERS] FROM url AS var [FIELDTERMINATOR 'c']` on
** top of pInput, declaring var. NULL with the error set on failure. */
Op *loadcsv_plan(Compiler *c, Op *pInput, AstNode *pClause);

/* The LoadCsv operator (exec/op_load_csv.c): for each row of pChild,
** evaluates pUrl and binds iSlot to each record of that file in turn.
** iOfst places run-time errors (the clause). */
Op *op_load_csv(ExecCtx *pCtx, Op *pChild, uint32_t iSlot, const AstNode *pUrl, char cDelim,
                bool bHeaders, int iOfst);

#endif /* TANGLE_LOADCSV_H */
