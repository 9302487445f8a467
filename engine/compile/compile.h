/*
** compile.h — the one entry point of the compile stage: from a parsed
** statement to a plan of operators, ready to run.
**
** Checking (check.c: scopes, variables, static types) and planning
** (plan*.c: operators) are one stage that shares one Compiler; this entry
** point owns it, so nothing outside compile/ builds or frees one. The
** statement (stmt.c) parses, calls compile_statement(), and runs the plan.
*/
#ifndef TANGLE_COMPILE_H
#define TANGLE_COMPILE_H

#include "compile/plan.h"

/* Operators one statement may have. Rows pass from operator to operator
** by calls (op_next), so a plan's depth is a depth of recursion: a query
** of 100,000 WITH clauses overflowed the stack. Far more than any query a
** person writes; a generated script this long can be split into
** statements. */
#define COMPILE_MAX_OPERATORS 5000

/*
** Compiles pAst for the statement whose run-time context is pCtx (its
** graph, arena, text and error record must be set). Raises the
** statement's notifications (unknown labels, types and keys; the LOAD CSV
** lookups to watch) into pCtx->pNotices, then checks and plans. On success
** returns the plan (in pCtx->pArena) and fills in what running it needs:
** pCtx->nSlot and a zeroed aSlot, the parameter names (nParam, azParam)
** and the slot names for EXPLAIN. bReference asks for the reference plan
** of the differential tester (no rewrites). Returns NULL with
** pCtx->pErr set on failure, a ResourceLimit when the plan would need
** more than COMPILE_MAX_OPERATORS operators.
*/
Plan *compile_statement(ExecCtx *pCtx, AstNode *pAst, bool bReference);

#endif /* TANGLE_COMPILE_H */
