/*
** agg.h — aggregate functions: count, sum, avg, min, max, collect, stDev,
** stDevP, percentileCont, percentileDisc.
**
** Each is an init/step/final triple over a state block of fixed size kept
** by the Aggregate operator per group. Steps receive evaluated, non-null
** arguments (the operator skips nulls and, for DISTINCT, repeats); values
** an aggregate keeps are copied into the arena it is given, which lives as
** long as the group.
*/
#ifndef TANGLE_AGG_H
#define TANGLE_AGG_H

#include "syntax/ast.h"
#include "eval/exec_ctx.h"

typedef struct AggDef {
  const char *zName;                /* name (looked up without regard to case) */
  size_t nState;                    /* bytes of state */
  void (*xInit)(void *pState);
  /* Adds one row's arguments. false on error (set in pCtx). */
  bool (*xStep)(ExecCtx *pCtx, const AstNode *pCall, void *pState, Arena *pA, int nArg,
                const Value *aArg);
  /* Writes the result. false on error. */
  bool (*xFinal)(ExecCtx *pCtx, const AstNode *pCall, void *pState, Arena *pA, Value *pOut);
  void (*xFree)(void *pState);      /* releases heap memory, or NULL */
  /* Folds the state of the same aggregate over other rows (a parallel
  ** worker's) into pState; NULL when the aggregate cannot be split. */
  bool (*xMerge)(ExecCtx *pCtx, const AstNode *pCall, void *pState, const void *pOther, Arena *pA);
} AggDef;

/* The aggregate with this (case-insensitive) name, or NULL. */
const AggDef *agg_lookup(const char *zName);

#endif /* TANGLE_AGG_H */
