/*
** expr.h — evaluating expressions over the current row.
**
** Expressions are the AST nodes themselves, annotated by check.c with row
** slots, resolved functions and compiled subplans; evaluation walks the
** tree. Cypher's null rules and three-valued logic apply throughout; a
** value of the wrong type is a TypeError that names the expression's place.
**
** Results that need memory are allocated in the arena the caller passes
** (an operator's scratch arena), so they live as long as the row.
*/
#ifndef TANGLE_EXPR_H
#define TANGLE_EXPR_H

#include "syntax/ast.h"
#include "eval/exec_ctx.h"
#include "eval/func.h"

/* A compiled subquery used inside an expression (EXISTS { }, COUNT { },
** pattern predicates and pattern comprehensions). Its pipeline starts
** with an Argument operator that yields the current row. Operators live
** a layer above expressions (exec/), so the planner that builds the
** pipeline also hands over the three calls that run it; expressions never
** include exec/. */
typedef struct SubPlan {
  struct Op *pRoot;
  void (*xOpen)(struct Op *pRoot);  /* op_open */
  int (*xNext)(struct Op *pRoot);   /* op_next: SUBPLAN_ROW for a row */
  void (*xClose)(struct Op *pRoot); /* op_close */
} SubPlan;
#define SUBPLAN_ROW 1               /* OP_ROW (exec/op.h) */

/* Evaluates p into *pOut. Returns false with the error set on failure. */
bool expr_eval(ExecCtx *pCtx, const AstNode *p, Arena *pA, Value *pOut);

/* Evaluates a predicate: 1 true, 0 false or null, -1 error. */
int expr_truth(ExecCtx *pCtx, const AstNode *p, Arena *pA);

/* The value of a literal expression, for constant folding: evaluates p with
** no row (only literals, parameters and pure functions). */
bool expr_eval_const(ExecCtx *pCtx, const AstNode *p, Arena *pA, Value *pOut);

/* Binary operators shared with other modules (SET n.x = n.x + 1 etc.).
** op is a TK_* code. */
bool expr_binary(ExecCtx *pCtx, int op, int iOfst, const Value *a, const Value *b, Arena *pA,
                 Value *pOut);

/* The message for an arithmetic operator (TK_PLUS ... TK_CARET) whose
** operands have types zLeft and zRight, blaming the right operand or the
** left: "cannot add INTEGER and BOOLEAN: the right operand of + is BOOLEAN".
** Shared by the compile-time check and the evaluator so both say the
** same; the text is truncated to nBuf bytes. */
void expr_arith_message(char *zBuf, size_t nBuf, int op, const char *zLeft, const char *zRight,
                        bool bRightBad);

/* The same for unary op (TK_MINUS or TK_PLUS) on a value of type zType. */
void expr_sign_message(char *zBuf, size_t nBuf, int op, const char *zType);

/* The context a function called at pCall runs in (results in pA). */
void expr_func_ctx(ExecCtx *pCtx, const AstNode *pCall, Arena *pA, FuncCtx *pFc);

/* Does node n satisfy the label expression p (AST_LABEL, AST_LABEL_AND,
** AST_LABEL_OR, AST_LABEL_NOT, AST_LABEL_ANY with label ids in iAux)? */
bool expr_label_match(ExecCtx *pCtx, NodeId n, const AstNode *p);
/* The names of a dynamic label or type ($(e)): xName for each (see expr.c). */
bool expr_dynamic_names(ExecCtx *pCtx, const AstNode *pDyn, Arena *pA,
                        bool (*xName)(const char *z, uint32_t n, void *pArg), void *pArg);

/* A node's property map, or a relationship's, as a MAP value in pA (the
** keys and values borrowed from the graph: valid until it changes). */
Value expr_entity_props(const Graph *g, const Value *pEntity, Arena *pA);

/* Builds a path value from a start node and relationships walked in order
** (a relationship whose start is not the current node is walked backwards). */
bool expr_make_path(ExecCtx *pCtx, NodeId start, const RelId *aRel, uint32_t nRel, Arena *pA,
                    Value *pOut);

/* Seals the nesting depth of a list or map just built (value_seal_depth);
** false with a ResourceLimit error at iOfst when it nests too deeply. */
bool expr_seal_depth(ExecCtx *pCtx, int iOfst, Value *p);

/* a OP b for a comparison operator (TK_EQ, TK_NE, TK_LT, TK_LE, TK_GT,
** TK_GE), as the evaluator computes it; index seeks test values with it. */
Tri expr_compare(int op, const Value *a, const Value *b);

#endif /* TANGLE_EXPR_H */
