/*
** walk.c — ast_walk(): a pre-order walk with an explicit stack (see
** walk.h for the order and the callbacks).
*/
#include "syntax/walk.h"

#include "base/vec.h"

/* A node on the walk's stack, and the next of its children to visit:
** 0..3 are p1..p4, then pList's items, then pList2's. */
typedef struct WalkFrame {
  AstNode *p;
  uint32_t iChild;
} WalkFrame;
typedef VEC(WalkFrame) WalkStack;

/* The child of f to visit next (advancing f->iChild past NULLs), or NULL
** when none is left. */
static AstNode *walkNextChild(WalkFrame *f) {
  AstNode *p = f->p;
  uint32_t n1 = p->pList ? p->pList->n : 0;
  uint32_t n2 = p->pList2 ? p->pList2->n : 0;
  while (f->iChild < 4 + n1 + n2) {
    uint32_t i = f->iChild++;
    AstNode *pKid = i == 0   ? p->p1
                    : i == 1 ? p->p2
                    : i == 2 ? p->p3
                    : i == 3 ? p->p4
                    : i < 4 + n1 ? p->pList->a[i - 4]
                                 : p->pList2->a[i - 4 - n1];
    if (pKid) return pKid;
  }
  return NULL;
}

/* Visits p: its callback, then (unless pruned) pushes it so its children
** follow. Returns the callback's verdict. */
static int walkEnter(AstWalker *w, WalkStack *pStack, AstNode *p) {
  w->nDepth = pStack->n + 1;
  int rc = w->xNode ? w->xNode(w, p) : WALK_CONTINUE;
  if (rc == WALK_CONTINUE) {
    WalkFrame f = {p, 0};
    vec_push(pStack, f);
  }
  return rc;
}

int ast_walk(AstNode *p, AstWalker *w) {
  if (p == NULL) return WALK_CONTINUE;
  WalkStack stack = {0};
  int rc = walkEnter(w, &stack, p);
  while (rc != WALK_ABORT && stack.n > 0) {
    WalkFrame *f = &stack.a[stack.n - 1];
    AstNode *pKid = walkNextChild(f);
    if (pKid) {
      rc = walkEnter(w, &stack, pKid);
    } else {
      AstNode *pDone = f->p;
      stack.n--;
      if (w->xAfter) {
        w->nDepth = stack.n + 1;
        w->xAfter(w, pDone);
      }
    }
  }
  vec_free(&stack);
  return rc == WALK_ABORT ? WALK_ABORT : WALK_CONTINUE;
}

int ast_walk_list(AstList *pList, AstWalker *w) {
  for (uint32_t i = 0; pList && i < pList->n; i++) {
    if (ast_walk(pList->a[i], w) == WALK_ABORT) return WALK_ABORT;
  }
  return WALK_CONTINUE;
}

/* ast_walk_labels' callback and its argument, as the walk's pArg. */
typedef struct WalkLabels {
  void (*xLabel)(AstNode *pLabel, void *pArg);
  void *pArg;
} WalkLabels;

static int walkLabelNode(AstWalker *w, AstNode *p) {
  if (p->kind != AST_LABEL) return WALK_CONTINUE;
  WalkLabels *pLabels = w->pArg;
  pLabels->xLabel(p, pLabels->pArg);
  return WALK_PRUNE;
}

void ast_walk_labels(AstNode *p, void (*xLabel)(AstNode *pLabel, void *pArg), void *pArg) {
  WalkLabels labels = {xLabel, pArg};
  AstWalker w = {walkLabelNode, NULL, &labels, 0};
  ast_walk(p, &w);
}
