/*
** walk.h — the one way to visit every node of a tree of AstNodes, in the
** manner of SQLite's sqlite3WalkExpr: the caller supplies a callback per
** node (and optionally one after its children) and the walker does the
** descent.
**
** The walk is iterative, over a stack on the heap, so no input can make it
** overflow the C stack, and a tree's traversal order is written once:
** a node, then p1, p2, p3, p4, then the items of pList, then those of
** pList2, each subtree whole before the next (pre-order, left to right).
*/
#ifndef TANGLE_WALK_H
#define TANGLE_WALK_H

#include "syntax/ast.h"

/* What a node callback returns. */
#define WALK_CONTINUE 0   /* visit the node's children */
#define WALK_PRUNE 1      /* skip its children; go on with the rest */
#define WALK_ABORT 2      /* stop the whole walk */

typedef struct AstWalker AstWalker;
struct AstWalker {
  /* Called on each node before its children; NULL visits everything. */
  int (*xNode)(AstWalker *w, AstNode *p);
  /* Called on each node after its children (post-order); may be NULL.
  ** Not called for a pruned node, nor after an abort. */
  void (*xAfter)(AstWalker *w, AstNode *p);
  void *pArg;         /* the caller's state */
  uint32_t nDepth;    /* set by the walk: depth of the node being visited (root 1) */
};

/* Walks the tree under p (p itself first; NULL is an empty tree). Returns
** WALK_ABORT when a callback stopped the walk, else WALK_CONTINUE. */
int ast_walk(AstNode *p, AstWalker *w);

/* The same over each item of a list (NULL is empty), in order. */
int ast_walk_list(AstList *pList, AstWalker *w);

/* Calls xLabel(pLabel, pArg) on each AST_LABEL of a label or type
** expression (the tree of AST_LABEL_AND, _OR and _NOT under p; NULL is
** none), left to right: the names `:A:B`, `A|B` or `!A` mention. */
void ast_walk_labels(AstNode *p, void (*xLabel)(AstNode *pLabel, void *pArg), void *pArg);

#endif /* TANGLE_WALK_H */
