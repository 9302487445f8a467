/*
** loadcsv.c — LOAD CSV (see loadcsv.h). Being written: until it lands,
** LOAD CSV reports that it is not available yet.
*/
#include "loadcsv.h"

Op *loadcsv_plan(Compiler *c, Op *pInput, AstNode *pClause) {
  (void)pInput;
  check_error(c, pClause, ERR_UNSUPPORTED, "LOAD CSV (not built yet)");
  return NULL;
}
