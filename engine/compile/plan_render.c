/*
** plan_render.c — planning RENDER, Tangle's drawing clause (the drawing
** itself is out/render.c): checks each option's type at compile time so a
** bad format fails before any row is read, and places the Render
** operator on top of the query.
*/
#include "compile/plan.h"

#include <string.h>

#include "out/render.h"
#include "syntax/walk.h"

/* ======================================================================
** Planning: RENDER exprs [TO f] [AS fmt] [USING layout] [DIRECTION d]
**           [OPTIONS {...}]
** ==================================================================== */

#define RENDER_TM_GRAPH (TM(VAL_NODE) | TM(VAL_REL) | TM(VAL_PATH) | TM(VAL_LIST) | TM(VAL_MAP) | \
                         TM(VAL_NULL))

static int renderFindVarNode(AstWalker *w, AstNode *p) {
  if (p->kind != AST_VAR) return WALK_CONTINUE;
  *(const AstNode **)w->pArg = p;
  return WALK_ABORT;
}

/* The first variable used in p, or NULL. */
static const AstNode *renderFindVar(const AstNode *p) {
  const AstNode *pVar = NULL;
  AstWalker w = {renderFindVarNode, NULL, &pVar, 0};
  ast_walk((AstNode *)p, &w);
  return pVar;
}

/* A name for a type mask in messages: "INTEGER", or "that type". */
static const char *renderMaskName(TypeMask tm) {
  for (int t = 0; t < VAL__COUNT; t++) {
    if (tm == TM(t)) return value_type_name(t);
  }
  return "a value of that type";
}

/*
** Checks one RENDER option (TO, AS, USING, DIRECTION: zWhat names it):
** it must not read a variable (constants and parameters only), and it
** must be able to produce tmWant. Returns false with the error set.
*/
static bool renderCheckOption(Compiler *c, AstNode *p, const char *zWhat, TypeMask tmWant) {
  if (p == NULL) return true;
  const AstNode *pVar = renderFindVar(p);
  if (pVar) {
    check_error(c, pVar, ERR_NON_CONSTANT_EXPRESSION, zWhat);
    return false;
  }
  Scope *pSave = c->pScope;
  Scope empty;
  memset(&empty, 0, sizeof(empty));
  c->pScope = &empty;
  TypeMask tm = check_expr(c, p, 0);
  c->pScope = pSave;
  if (c->pErr->code) return false;
  if (tm != TM_ANY && !(tm & tmWant)) {
    check_error(c, p, ERR_INVALID_ARGUMENT_TYPE_C, "%s expects a %s, not %s", zWhat,
                tmWant == TM(VAL_MAP) ? "map" : "string", renderMaskName(tm));
    return false;
  }
  return true;
}

/* The string value of a literal option, or NULL when it is not one. */
static const char *renderLiteral(const AstNode *p) {
  return (p && p->kind == AST_LITERAL && p->lit.type == VAL_STRING) ? p->lit.u.z : NULL;
}

Op *plan_render(Compiler *c, Op *pInput, AstNode *pClause, Plan *pPlan) {
  AstList *pL = pClause->pList;
  for (uint32_t i = 0; pL && i < pL->n; i++) {
    TypeMask tm = check_expr(c, pL->a[i], 0);
    if (c->pErr->code) return NULL;
    if (tm != TM_ANY && !(tm & RENDER_TM_GRAPH)) {
      check_error(c, pL->a[i], ERR_INVALID_ARGUMENT_TYPE_C,
                  "RENDER draws nodes, relationships and paths (or lists of them), not %s",
                  renderMaskName(tm));
      return NULL;
    }
  }
  AstNode *pOptions = pClause->pList2 && pClause->pList2->n ? pClause->pList2->a[0] : NULL;
  if (!renderCheckOption(c, pClause->p1, "RENDER TO", TM(VAL_STRING)) ||
      !renderCheckOption(c, pClause->p2, "RENDER AS", TM(VAL_STRING)) ||
      !renderCheckOption(c, pClause->p3, "RENDER USING", TM(VAL_STRING)) ||
      !renderCheckOption(c, pClause->p4, "RENDER DIRECTION", TM(VAL_STRING)) ||
      !renderCheckOption(c, pOptions, "RENDER OPTIONS", TM(VAL_MAP))) {
    return NULL;
  }

  /* Options written as literals are checked now, where they stand. */
  RenderOpts o;
  memset(&o, 0, sizeof(o));
  o.zText = c->zText;
  o.zFile = renderLiteral(pClause->p1);
  o.zFormat = renderLiteral(pClause->p2);
  o.zLayout = renderLiteral(pClause->p3);
  o.zDirection = renderLiteral(pClause->p4);
  o.iOfstTo = pClause->p1 ? pClause->p1->iOfst : -1;
  o.iOfstAs = pClause->p2 ? pClause->p2->iOfst : -1;
  o.iOfstUsing = pClause->p3 ? pClause->p3->iOfst : -1;
  o.iOfstDirection = pClause->p4 ? pClause->p4->iOfst : -1;
  if (!render_check_opts(&o, c->pErr)) return NULL;
  if (pOptions && pOptions->kind == AST_MAP) {
    for (uint32_t i = 0; pOptions->pList && i < pOptions->pList->n; i++) {
      const AstNode *pEntry = pOptions->pList->a[i];
      if (!render_option_known(pEntry->z)) {
        check_error(c, pEntry, ERR_ARGUMENT_VALUE,
                    "unknown RENDER option '%s' (known: " RENDER_OPTION_KEYS ")", pEntry->z);
        return NULL;
      }
    }
  }

  /* Result columns: the drawing itself, or a description of the file. */
  static const char *azDataCol[] = {"render"};
  static const char *azFileCol[] = {"file", "format", "nodes", "relationships"};
  bool bFile = pClause->p1 != NULL;
  RenderSpec spec;
  memset(&spec, 0, sizeof(spec));
  spec.nExpr = pL ? pL->n : 0;
  spec.apExpr = pL ? pL->a : NULL;
  spec.pTo = pClause->p1;
  spec.pAs = pClause->p2;
  spec.pUsing = pClause->p3;
  spec.pDirection = pClause->p4;
  spec.pOptions = pOptions;
  spec.iOfst = pClause->iOfst;
  pPlan->nCol = bFile ? 4 : 1;
  pPlan->azCol = bFile ? azFileCol : azDataCol;
  pPlan->aColSlot = arena_alloc(c->pArena, sizeof(uint32_t) * pPlan->nCol);
  for (uint32_t i = 0; i < pPlan->nCol; i++) {
    spec.aOutSlot[i] = check_new_slot(c);
    pPlan->aColSlot[i] = spec.aOutSlot[i];
  }
  return op_render(c->pCtx, pInput, &spec);
}
