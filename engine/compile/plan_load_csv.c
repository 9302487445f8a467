/*
** plan_load_csv.c — planning LOAD CSV : checks the URL
** expression, the FIELDTERMINATOR and the variable, then places a LoadCsv
** operator (exec/op_load_csv.c) on top of the clauses before it.
**
**   LOAD CSV [WITH HEADERS] FROM url AS var [FIELDTERMINATOR 'c']
**
** url is any expression giving a string: a path, or a file: URL; it is
** evaluated once per incoming row, so a query may read several files.
** var is a list of strings per record, or with HEADERS a map from the
** header names to strings. The terminator is one byte ('\t' for tab).
** Missing or unreadable files are IOErrors raised when the query runs.
*/
#include "compile/plan.h"

#include "base/csv.h"

/*
** Plans one LOAD CSV clause on top of pInput : the URL must
** be able to give a string, FIELDTERMINATOR must be one usable byte, the
** variable must be new in this scope. Returns the LoadCsv operator, or
** NULL with the compile error set.
*/
Op *plan_load_csv(Compiler *c, Op *pInput, AstNode *pClause) {
  c->bReadsFiles = true;
  AstNode *pUrl = pClause->p1;
  TypeMask tm = check_expr(c, pUrl, 0);
  if (c->pErr->code) return NULL;
  if ((tm & ~TM(VAL_NULL)) != 0 && (tm & TM(VAL_STRING)) == 0) {
    check_error(c, pUrl, ERR_INVALID_ARGUMENT_TYPE_C,
                "LOAD CSV FROM needs a string (a file name or file:/// URL)");
    return NULL;
  }
  char cDelim = ',';
  AstNode *pTerm = pClause->p2;
  if (pTerm) {
    const Value *v = &pTerm->lit;
    if (v->type != VAL_STRING || v->n != 1 || !csv_delimiter_ok(v->u.z[0])) {
      check_error(c, pTerm, ERR_SYNTAX,
                  "FIELDTERMINATOR must be one single-byte character other than '\"' or a line break");
      return NULL;
    }
    cDelim = v->u.z[0];
  }
  if (check_lookup_local(c->pScope, pClause->z, pClause->n)) {
    check_error_at(c, (int)pClause->i1, ERR_VARIABLE_ALREADY_BOUND, pClause->z);
    return NULL;
  }
  bool bHeaders = (pClause->flags & AST_F_HEADERS) != 0;
  Var *v = check_declare(c, pClause->z, pClause->n, VK_VALUE, bHeaders ? TM(VAL_MAP) : TM(VAL_LIST));
  return op_load_csv(c->pCtx, pInput, v->iSlot, pUrl, cDelim, bHeaders, pClause->iOfst);
}
