/*
** schema.h — running schema commands: CREATE / DROP INDEX and uniqueness
** CONSTRAINT, in the modern (FOR ... ON / REQUIRE) and legacy (ON :L(p) /
** ASSERT) syntax, with IF [NOT] EXISTS.
*/
#ifndef TANGLE_SCHEMA_H
#define TANGLE_SCHEMA_H

#include "syntax/ast.h"
#include "eval/exec_ctx.h"

/* Runs the command; false with the error set on failure. */
bool schema_run(ExecCtx *pCtx, const AstNode *pCmd);

#endif /* TANGLE_SCHEMA_H */
