/*
** plan.h — from a checked statement to a tree of operators.
**
** plan_statement() walks the clauses of a query in order, asking check.c
** to resolve each expression, and chains operators: MATCH becomes scans,
** seeks and expansions chosen by plan_match.c, WHERE a filter placed as
** early as its variables allow, WITH/RETURN projections with aggregation,
** DISTINCT, ORDER BY, SKIP and LIMIT, and the updating clauses their write
** operators, with an eager barrier wherever reads and writes meet so that
** each clause sees the complete effect of the one before (Cypher's clause
** semantics). UNION combines two such trees.
**
** Schema commands (CREATE INDEX, ...) are not planned: the statement runs
** them directly (schema.c).
*/
#ifndef TANGLE_PLAN_H
#define TANGLE_PLAN_H

#include "compile/check.h"
#include "exec/op.h"
#include "eval/expr.h"

typedef struct Plan {
  Op *pRoot;               /* the pipeline, or NULL for schema commands */
  uint32_t nCol;           /* result columns */
  const char **azCol;      /* their names */
  uint32_t *aColSlot;      /* the slot each column reads */
  bool bWrites;            /* the statement changes the graph */
  int eExplain;            /* 0, PLAN_EXPLAIN or PLAN_PROFILE */
  bool bRender;            /* the query ends in RENDER */
  bool bReadsFiles;        /* it has a LOAD CSV */
  bool bWritesFiles;       /* it ends in RENDER ... TO */
  AstNode *pSchema;        /* a schema command, run by schema.c */
  bool bReference;         /* planned without rewrites: never run in parallel */
} Plan;

#define PLAN_EXPLAIN 1
#define PLAN_PROFILE 2

/* Plans a statement. Returns NULL with c->pErr set on error. */
Plan *plan_statement(Compiler *c, AstNode *pStmt);

/* Compiles the subquery of an expression node (AST_EXISTS, AST_COUNT_SUB,
** AST_PATTERN_EXPR, AST_PATTERN_COMP) with the current scope visible. */
SubPlan *plan_subquery(Compiler *c, AstNode *p);

/* ---- plan_match.c --------------------------------------------------------- */

/*
** Plans the patterns of a MATCH (or the match half of MERGE, or a pattern
** predicate) on top of pInput: binds every pattern variable in the current
** scope, applies the WHERE conjuncts (pWhere may be NULL) as early as
** possible, and returns the new pipeline (NULL on error).
*/
Op *plan_match(Compiler *c, Op *pInput, AstList *pPattern, AstNode *pWhere, bool bOptional);
/* As plan_match, and reports the slots the pattern declared (pNewSlots). */
Op *plan_match_ex(Compiler *c, Op *pInput, AstList *pPattern, AstNode *pWhere, bool bOptional,
                  SlotList *pNewSlots);

/* Plans consecutive non-optional MATCH clauses (AST_MATCH nodes) as one
** pattern, relationship uniqueness kept per clause. Stops before a clause
** that cannot join the others; *pnUsed says how many were planned. */
Op *plan_match_clauses(Compiler *c, Op *pInput, AstNode *const *apClause, uint32_t nClause,
                       uint32_t *pnUsed);

/* ---- plan_count.c ---------------------------------------------------------- */

/* After an Aggregate is made: when it only counts rows and sits on an
** Expand (under filters) whose bindings no key reads, lets the Expand count
** its matches instead of emitting them. */
/* Is p `id(a) <> id(b)` or `a <> b` over two variables? Sets their slots. */
bool plan_distinct_pair(const AstNode *p, uint32_t *pA, uint32_t *pB);

void plan_count_fold(Compiler *c, Op *pAgg, uint32_t nKey, AstNode *const *apKeyExpr,
                     uint32_t nAgg, const AggSpec *aAgg);

/* ---- plan_factor.c --------------------------------------------------------- */

/* Patterns larger than this are left to the other plans. */
#define PLAN_FACTOR_MAX_VARS 16
#define PLAN_FACTOR_MAX_PREDS 32

/* After an Aggregate is made: when it counts (sum, min, max) over an
** acyclic pattern of at least two expansions whose filters each read one
** node or one relationship, replaces the pattern with a FactorisedCount
** that counts it by dynamic programming. True when it did. */
bool plan_factor_count(Compiler *c, Op *pAgg, uint32_t nKey, AstNode *const *apKeyExpr,
                       uint32_t nAgg, const AggSpec *aAgg);

/* Declares the variables of a pattern without planning it (for checks of
** CREATE and MERGE); reports type conflicts. */
void plan_pattern_vars(Compiler *c, AstList *pPattern);

/* ---- Clauses planned in their own files ------------------------------- */

/* CALL (plan_call.c), on top of pInput; pPlan receives the columns of a
** standalone call. NULL with the error set on failure. */
Op *plan_call(Compiler *c, Op *pInput, AstNode *pCall, Plan *pPlan);

/* `LOAD CSV [WITH HEADERS] FROM url AS var [FIELDTERMINATOR 'c']`
** (plan_load_csv.c) on top of pInput, declaring var. NULL with the error
** set on failure. */
Op *plan_load_csv(Compiler *c, Op *pInput, AstNode *pClause);

/* `RENDER exprs [TO file] [AS format] [USING layout] [DIRECTION d]
** [OPTIONS {...}]` (plan_render.c) on top of pInput, setting the plan's
** result columns. NULL with the error set on failure. */
Op *plan_render(Compiler *c, Op *pInput, AstNode *pClause, Plan *pPlan);

#endif /* TANGLE_PLAN_H */
