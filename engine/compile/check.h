/*
** check.h — semantic analysis: scopes, variables, static types.
**
** The planner (plan.c) walks a statement clause by clause and calls in here
** to resolve what each expression means: variables become row slots
** (AstNode.iSlot), functions are looked up (pDef), parameters are numbered,
** labels, types and property keys are interned, aggregates are found, and
** subqueries inside expressions are compiled into subplans. Every error
** that the openCypher TCK expects "at compile time" is raised here (or in
** plan.c), with the place of the offending expression.
**
** Static types. Each expression gets a type mask: the set of value types
** it may produce (TM_ANY when unknown). An operator whose operand's mask
** shares nothing with what it accepts is a compile-time type error, which
** is how `RETURN 123 AND true` fails before running.
*/
#ifndef TANGLE_CHECK_H
#define TANGLE_CHECK_H

#include "syntax/ast.h"
#include "eval/exec_ctx.h"
#include "base/htab.h"
#include "base/vec.h"

/* What a variable holds, for VariableTypeConflict and friends. */
typedef enum VarKind {
  VK_VALUE = 0,      /* anything (from UNWIND, WITH expressions, ...) */
  VK_NODE,
  VK_REL,
  VK_PATH,
  VK_RELLIST         /* a variable-length relationship variable */
} VarKind;

typedef struct Var {
  const char *z;     /* name (NUL-terminated) */
  uint32_t n;        /* bytes */
  uint32_t iSlot;    /* row slot */
  uint8_t eKind;     /* VarKind */
  TypeMask tm;       /* possible types */
} Var;

/* The variables visible at one point. Comprehensions and subqueries push
** an inner scope whose pOuter is the enclosing one. A scope the compiler
** allocated (check_alloc_scope) keeps, once it holds more than a few
** variables, a hash of their names to the latest of each: WITH * over
** 100,000 variables looked each one up by a scan of them all. A scope
** made on the stack (zeroed) is scanned. */
typedef struct Scope {
  VEC(Var) vars;
  struct Scope *pOuter;
  bool bIndexed;         /* allocated by the compiler: may keep byName */
  HTab byName;           /* name -> index in vars of the latest holder */
  uint32_t nIndexed;     /* vars[0..nIndexed) are in byName */
} Scope;

/* Where an expression appears (flags for check_expr). */
#define CK_AGG 0x01         /* aggregate functions are allowed here */
#define CK_IN_AGG 0x02      /* inside an aggregate's argument */
#define CK_PRED 0x04        /* a predicate position: pattern expressions allowed */

typedef struct Compiler {
  ExecCtx *pCtx;         /* the statement being compiled */
  Arena *pArena;         /* statement arena */
  TgError *pErr;         /* first error wins */
  const char *zText;     /* statement text */
  Graph *pGraph;         /* for interning names and statistics */
  uint32_t nSlot;        /* slots allocated so far */
  Scope *pScope;         /* current scope */
  VEC(const char *) params;  /* parameter names by number (arena strings) */
  VEC(AstNode *) aggs;   /* aggregates found while checking one projection */
  bool bWrites;          /* the statement changes the graph */
  bool bReadsFiles;      /* ... has a LOAD CSV (any subquery included) */
  bool bProcWrites;      /* reserved for writing procedures */
  int nSubquery;         /* depth of subquery compilation */
  Scope *pExprOuter;     /* in an EXISTS/COUNT/COLLECT subquery: the scope
                            around it, whose names it may not declare again */
  bool bNoNewVars;       /* planning a pattern predicate: names must be bound */
  bool bReference;       /* reference plan for the differential tester: patterns
                            matched in written order by nested loops, filters at
                            the end, no joins, seeks, counting or parallelism */
  VEC(Scope *) allScopes; /* every scope made, freed by check_free_scopes() */
  VEC(const char *) slotNames; /* variable name per slot, NULL when anonymous */
  const AstNode *pOrderHint;   /* while planning MATCH clauses: the one ORDER BY key
                                  (`var.key`) of the projection after them, or NULL;
                                  an index seek giving that order saves a sort */
  const AstNode *pTopHint;     /* likewise the first key of an ORDER BY with a LIMIT
                                  (any number of keys): starting from its variable
                                  lets TopCut (op_sort.c) prune early */
} Compiler;

/* ---- Scopes and slots -------------------------------------------------- */

uint32_t check_new_slot(Compiler *c);
Scope *check_alloc_scope(Compiler *c, Scope *pOuter); /* a scope freed with the compiler */
void check_free_scopes(Compiler *c);
Scope *check_push_scope(Compiler *c);        /* inner scope seeing the current one */
void check_pop_scope(Compiler *c);           /* back to the enclosing scope */
Scope *check_new_scope(Compiler *c);         /* empty scope (after WITH/RETURN) */
Var *check_lookup(Compiler *c, const char *z, uint32_t n);   /* all enclosing scopes */
Var *check_lookup_local(Scope *s, const char *z, uint32_t n);
Var *check_declare(Compiler *c, const char *z, uint32_t n, VarKind eKind, TypeMask tm);
/* Declares a variable in scope s with an existing slot. */
Var *check_bind(Compiler *c, Scope *s, const char *z, uint32_t n, uint32_t iSlot,
                VarKind eKind, TypeMask tm);

/* ---- Expressions ------------------------------------------------------- */

/* Resolves and checks an expression. Returns its type mask, or 0 after an
** error. Aggregates found are appended to c->aggs when CK_AGG is set. */
TypeMask check_expr(Compiler *c, AstNode *p, uint32_t flags);

/* Does the expression (or any subexpression) call an aggregate? Needs a
** checked expression; check_has_aggregate_call also works before checking
** (it looks function names up). */
bool check_has_aggregate(const AstNode *p);
bool check_has_aggregate_call(const AstNode *p);

/* Structural equality of two expressions (same text modulo spacing). */
bool check_same_expr(const AstNode *a, const AstNode *b);

/* Interned ids, created on demand. */
uint32_t check_label_id(Compiler *c, const char *z, uint32_t n);
uint32_t check_type_id(Compiler *c, const char *z, uint32_t n);
uint32_t check_key_id(Compiler *c, const char *z, uint32_t n);
/* Resolves label ids (iAux) throughout a label expression. */
void check_label_expr(Compiler *c, AstNode *p, bool bRelType);

/* Raises a compile-time error at node p. */
void check_error(Compiler *c, const AstNode *p, ErrId eId, ...);
void check_error_at(Compiler *c, int iOfst, ErrId eId, ...);

/* Parameter number for a name (registered on first use). */
uint32_t check_param(Compiler *c, const char *z, uint32_t n);

/* The kind a type mask implies, and the name of a kind for messages. */
const char *check_kind_name(VarKind e);

#endif /* TANGLE_CHECK_H */
