/*
** render.h — RENDER: Tangle's extension that draws the subgraph reachable
** from a query's values with Graphviz (cgraph builds the graph, gvc lays
** it out and writes DOT, SVG, PNG or PDF).
**
** render_plan() plans the RENDER clause (it ends a query like RETURN);
** tg_render() in tangle.h draws a given list of values, for the REPL's
** :render and embedders. Both share one implementation.
*/
#ifndef TANGLE_RENDER_H
#define TANGLE_RENDER_H

#include "check.h"
#include "exec/op.h"
#include "plan.h"

/* Plans `RENDER exprs [TO file] [AS format] [USING layout] [DIRECTION d]
** [OPTIONS {...}]` on top of pInput, setting the plan's result columns.
** NULL with the error set on failure. */
Op *render_plan(Compiler *c, Op *pInput, AstNode *pClause, Plan *pPlan);

#endif /* TANGLE_RENDER_H */
