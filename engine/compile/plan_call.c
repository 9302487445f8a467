/*
** plan_call.c — planning CALL: finds the procedure (with a did-you-mean
** when it is unknown), checks the arguments against its signature, binds
** the YIELDed outputs, and places the Call operator on top of the query.
*/
#include "compile/plan.h"

#include <stdio.h>
#include <string.h>

#include "base/suggest.h"
#include "eval/proc.h"
#include "store/db.h"

/* The procedure CALL names, or NULL with an error (and a suggestion when a
** registered name is close). */
static const ProcDef *planCallFind(Compiler *c, AstNode *pCall) {
  const ProcDef *pDef = proc_find(c->pCtx->pDb, pCall->z);
  if (pDef) return pDef;
  Suggest s;
  suggest_init(&s, pCall->z, strlen(pCall->z));
  const struct tg_db *pDb = c->pCtx->pDb;
  for (uint32_t i = 0; i < pDb->procs.n; i++) suggest_consider(&s, pDb->procs.a[i]->zName);
  if (suggest_best(&s)) {
    check_error_at(c, (int)pCall->i1, ERR_UNKNOWN_PROCEDURE_SUGGEST, pCall->z, suggest_best(&s));
  } else {
    check_error_at(c, (int)pCall->i1, ERR_UNKNOWN_PROCEDURE, pCall->z);
  }
  return NULL;
}

/* A null literal: the value of an optional input left out. */
static AstNode *planCallNull(Compiler *c, const AstNode *pCall) {
  AstNode *p = ast_new(c->pArena, AST_LITERAL, pCall->iOfst);
  p->lit = value_null();
  return p;
}

/* The arguments: given (checked against the signature's types), or for a
** standalone call without parentheses the parameters named like the
** inputs. NULL with the error set. */
static AstNode **planCallArgs(Compiler *c, AstNode *pCall, const ProcDef *pDef, bool bStandalone) {
  AstNode **apArg = arena_zalloc(c->pArena, sizeof(AstNode *) * (pDef->nIn + 1));
  if (pCall->pList == NULL) {
    if (!bStandalone && pDef->nIn) {
      check_error(c, pCall, ERR_INVALID_ARG_PASSING,
                  "a procedure call inside a query needs its arguments in parentheses");
      return NULL;
    }
    for (uint32_t i = 0; i < pDef->nIn; i++) {
      if (pDef->aIn[i].bOptional) {
        apArg[i] = planCallNull(c, pCall);
        continue;
      }
      AstNode *pParam = ast_new(c->pArena, AST_PARAM, pCall->iOfst);
      pParam->z = pDef->aIn[i].zName;
      pParam->n = (uint32_t)strlen(pParam->z);
      pParam->iAux = (int32_t)check_param(c, pParam->z, pParam->n);
      apArg[i] = pParam;
    }
    return apArg;
  }
  if (pCall->pList->n > pDef->nIn || pCall->pList->n < pDef->nRequired) {
    char zCount[32];
    if (pDef->nRequired == pDef->nIn) snprintf(zCount, sizeof(zCount), "%u", pDef->nIn);
    else snprintf(zCount, sizeof(zCount), "%u to %u", pDef->nRequired, pDef->nIn);
    check_error(c, pCall, ERR_WRONG_ARG_COUNT, pDef->zName, zCount, pDef->nIn == 1 ? "" : "s",
                (int)pCall->pList->n);
    return NULL;
  }
  for (uint32_t i = 0; i < pDef->nIn; i++) {
    if (i >= pCall->pList->n) {
      apArg[i] = planCallNull(c, pCall);   /* an optional input left out */
      continue;
    }
    AstNode *pArg = pCall->pList->a[i];
    TypeMask tm = check_expr(c, pArg, 0);
    if (c->pErr->code) return NULL;
    TypeMask accept = pDef->aIn[i].tm;
    if (accept & TM(VAL_FLOAT)) accept |= TM(VAL_INT);
    TypeMask tNonNull = tm & ~TM(VAL_NULL);
    if ((tNonNull && !(tNonNull & accept)) || (tm == TM(VAL_NULL) && !(accept & TM(VAL_NULL)))) {
      check_error(c, pArg, ERR_INVALID_ARGUMENT_TYPE_C, "argument `%s` of %s must be %s",
                  pDef->aIn[i].zName, pDef->zName, pDef->aIn[i].zType);
      return NULL;
    }
    apArg[i] = pArg;
  }
  return apArg;
}

/* The columns a call yields: slot and name of each. */
typedef struct CallColumns {
  VEC(uint32_t) slots;
  VEC(const char *) names;
} CallColumns;

/* Binds the outputs: YIELD items (renamed with AS), YIELD *, or for a
** standalone call all of them. false with the error set. */
static bool planCallYield(Compiler *c, AstNode *pCall, const ProcDef *pDef, bool bStandalone,
                          const uint32_t *aOutSlot, CallColumns *pCols) {
  bool bAll = (pCall->flags & AST_F_YIELD_STAR) || (pCall->pList2 == NULL && bStandalone);
  if ((pCall->flags & AST_F_YIELD_STAR) && !bStandalone) {
    check_error(c, pCall, ERR_UNSUPPORTED, "YIELD * inside a larger query");
    return false;
  }
  for (uint32_t i = 0; bAll && i < pDef->nOut; i++) {
    const char *zName = pDef->aOut[i].zName;
    check_bind(c, c->pScope, zName, (uint32_t)strlen(zName), aOutSlot[i], VK_VALUE,
               pDef->aOut[i].tm | TM(VAL_NULL));
    vec_push(&pCols->slots, aOutSlot[i]);
    vec_push(&pCols->names, zName);
  }
  for (uint32_t k = 0; pCall->pList2 && k < pCall->pList2->n; k++) {
    AstNode *pY = pCall->pList2->a[k];
    uint32_t i = 0;
    while (i < pDef->nOut && strcmp(pDef->aOut[i].zName, pY->z) != 0) i++;
    if (i == pDef->nOut) {
      check_error(c, pY, ERR_UNDEFINED_VARIABLE, pY->z);
      return false;
    }
    const char *zVar = pY->p1 ? pY->p1->z : pY->z;
    uint32_t nVar = pY->p1 ? pY->p1->n : pY->n;
    if (check_lookup(c, zVar, nVar)) {
      check_error(c, pY->p1 ? pY->p1 : pY, ERR_VARIABLE_ALREADY_BOUND, zVar);
      return false;
    }
    check_bind(c, c->pScope, zVar, nVar, aOutSlot[i], VK_VALUE, pDef->aOut[i].tm | TM(VAL_NULL));
    vec_push(&pCols->slots, aOutSlot[i]);
    vec_push(&pCols->names, zVar);
  }
  return true;
}

Op *plan_call(Compiler *c, Op *pInput, AstNode *pCall, Plan *pPlan) {
  const ProcDef *pDef = planCallFind(c, pCall);
  if (pDef == NULL) return NULL;
  bool bStandalone = pPlan != NULL;
  AstNode **apArg = planCallArgs(c, pCall, pDef, bStandalone);
  if (apArg == NULL) return NULL;
  uint32_t *aOutSlot = arena_alloc(c->pArena, sizeof(uint32_t) * (pDef->nOut + 1));
  for (uint32_t i = 0; i < pDef->nOut; i++) aOutSlot[i] = check_new_slot(c);
  CallColumns cols;
  memset(&cols, 0, sizeof(cols));
  bool bOk = planCallYield(c, pCall, pDef, bStandalone, aOutSlot, &cols);
  if (bOk && pCall->p1) {
    TypeMask tm = check_expr(c, pCall->p1, CK_PRED);
    if (!c->pErr->code && (tm & ~TM(VAL_NULL)) && !(tm & TM(VAL_BOOL))) {
      check_error(c, pCall->p1, ERR_INVALID_ARGUMENT_TYPE_C, "WHERE needs a boolean");
    }
    bOk = c->pErr->code == 0;
  }
  if (bOk && pPlan) {
    pPlan->nCol = cols.slots.n;
    pPlan->azCol = arena_alloc(c->pArena, sizeof(char *) * (cols.slots.n + 1));
    pPlan->aColSlot = arena_alloc(c->pArena, sizeof(uint32_t) * (cols.slots.n + 1));
    for (uint32_t i = 0; i < cols.slots.n; i++) {
      pPlan->azCol[i] = cols.names.a[i];
      pPlan->aColSlot[i] = cols.slots.a[i];
    }
  }
  vec_free(&cols.slots);
  vec_free(&cols.names);
  return bOk ? op_call(c->pCtx, pInput, pDef, apArg, aOutSlot, pCall->p1) : NULL;
}
