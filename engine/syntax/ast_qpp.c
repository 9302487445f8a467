/*
** ast_qpp.c — the constructors of Neo4j 5's quantified path patterns
** ((a)-[:R]->(b)){1,3}, quantified relationships -[:R]->+ and path
** selectors (SHORTEST k, ALL SHORTEST, ANY k, SHORTEST k GROUPS), called
** by parser.y's block for them.
**
** A chain stays a list alternating node, relationship, node: a quantified
** path pattern takes a relationship's place, and the node patterns that
** GQL lets one leave out around it (((a)-->(b))+ alone, or two groups side
** by side) are filled in as anonymous ones. A quantified relationship is
** the variable-length relationship it means (same bounds, same group
** variable, same trail semantics) unless it carries an inline WHERE, which
** must test each relationship: then it becomes the one-hop group
** (()-[r WHERE ...]->()){m,n}.
*/
#include "syntax/parse.h"

#include "parser.h"

static void qppError(Parse *p, int iOfst, const char *zMsg) {
  error_at(p->pErr, p->zText, iOfst, ERR_SYNTAX, zMsg);
}

/* An anonymous node pattern at offset iOfst. */
static AstNode *qppAnonNode(Parse *p, int iOfst) {
  Token t = {NULL, 0, iOfst, 0};
  return ast_node_pat(p, &t, NULL, NULL, NULL);
}

static bool qppIsNode(const AstNode *p) { return p && p->kind == AST_NODE_PAT; }

AstList *ast_chain_add(Parse *p, AstList *pChain, AstNode *pElem) {
  if (pElem == NULL) return pChain;
  AstNode *pLast = pChain && pChain->n ? pChain->a[pChain->n - 1] : NULL;
  if (pElem->kind == AST_QPP) {
    if (!qppIsNode(pLast)) pChain = ast_list(p, pChain, qppAnonNode(p, pElem->iOfst));
  } else if (qppIsNode(pElem) && qppIsNode(pLast)) {
    qppError(p, pElem->iOfst,
             "two node patterns side by side; only a quantified path pattern may stand next to a node "
             "pattern without a relationship between them");
    return pChain;
  }
  return ast_list(p, pChain, pElem);
}

AstList *ast_chain_end(Parse *p, AstList *pChain) {
  if (pChain && pChain->n && !qppIsNode(pChain->a[pChain->n - 1])) {
    pChain = ast_list(p, pChain, qppAnonNode(p, pChain->a[pChain->n - 1]->iOfst));
  }
  return pChain;
}

/* Reads a quantifier bound; false after reporting one too large. */
static bool qppBound(Parse *p, const Token *pTok, int64_t *pn) {
  AstNode *pInt = ast_int(p, pTok);
  if (pInt->flags & AST_F_INT_MIN) {
    qppError(p, pTok->iOfst, "the quantifier's bound is too large");
    return false;
  }
  *pn = pInt->lit.u.i;
  return true;
}

AstNode *ast_quantifier(Parse *p, const Token *pTok, const Token *pMin, const Token *pMax,
                        int64_t iDefMin, int bUnbounded) {
  AstNode *pNode = ast_new(p->pArena, AST_LITERAL, pTok->iOfst);
  pNode->i1 = iDefMin;
  pNode->i2 = -1;
  if (pMin && !qppBound(p, pMin, &pNode->i1)) return pNode;
  if (pMax && !qppBound(p, pMax, &pNode->i2)) return pNode;
  if (!bUnbounded && pMax == NULL) pNode->i2 = pNode->i1;
  if (pNode->i2 >= 0 && pNode->i1 > pNode->i2) {
    qppError(p, pTok->iOfst, "the quantifier's lower bound is greater than its upper bound");
  }
  return pNode;
}

AstNode *ast_quantify_rel(Parse *p, AstNode *pRel, AstNode *pQuant) {
  if (pRel == NULL || pQuant == NULL) return pRel;
  if (pRel->flags & AST_F_VARLEN) {
    qppError(p, pQuant->iOfst, "a variable-length relationship (*) cannot also be quantified");
    return pRel;
  }
  if (pRel->p3 == NULL) {
    pRel->flags |= AST_F_VARLEN | AST_F_QUANTIFIED;
    pRel->i1 = pQuant->i1;
    pRel->i2 = pQuant->i2;
    return pRel;
  }
  AstList *pInner = ast_list(p, 0, qppAnonNode(p, pRel->iOfst));
  pInner = ast_list(p, ast_list(p, pInner, pRel), qppAnonNode(p, pRel->iOfst));
  Token t = {NULL, 0, pRel->iOfst, 0};
  return ast_qpp(p, &t, pInner, NULL, pQuant);
}

AstNode *ast_qpp(Parse *p, const Token *pTok, AstList *pChain, AstNode *pWhere, AstNode *pQuant) {
  AstNode *pNode = ast_new(p->pArena, AST_QPP, pTok->iOfst);
  pNode->flags |= AST_F_VARLEN;
  pNode->i1 = pQuant ? pQuant->i1 : 1;
  pNode->i2 = pQuant ? pQuant->i2 : 1;
  pChain = ast_chain_end(p, pChain);
  pNode->pList = pChain;
  if (pChain == NULL || pChain->n < 3) {
    qppError(p, pTok->iOfst, "a quantified path pattern needs at least one relationship");
    return pNode;
  }
  /* Inline WHEREs of the inner elements test one iteration: they join the
  ** group's own WHERE, never the clause's. */
  for (uint32_t i = 0; i < pChain->n; i++) {
    AstNode *e = pChain->a[i];
    if (e->kind == AST_QPP) {
      qppError(p, e->iOfst, "quantified path patterns cannot be nested");
      return pNode;
    }
    if (e->kind == AST_REL_PAT && (e->flags & AST_F_VARLEN)) {
      qppError(p, e->iOfst,
               "a variable-length or quantified relationship cannot be inside a quantified path pattern");
      return pNode;
    }
    if (e->p3) {
      pWhere = pWhere ? ast_binary(p, TK_AND, e->p3, pWhere) : e->p3;
      e->p3 = NULL;
    }
  }
  pNode->p1 = pWhere;
  return pNode;
}

AstNode *ast_selector(Parse *p, const Token *pTok, int eKind, const Token *pK) {
  AstNode *pNode = ast_new(p->pArena, AST_LITERAL, pTok->iOfst);
  pNode->op = (uint16_t)eKind;
  pNode->i1 = 1;
  if (pK && qppBound(p, pK, &pNode->i1) && pNode->i1 < 1 && eKind != PATHSEL_ALL) {
    qppError(p, pK->iOfst, "a path selector's count must be at least 1");
  }
  return pNode;
}

/* Does the chain hold a quantified relationship or path pattern? */
static bool qppHasQuantifier(const AstList *pChain) {
  for (uint32_t i = 1; pChain && i < pChain->n; i += 2) {
    if (pChain->a[i]->kind == AST_QPP || (pChain->a[i]->flags & AST_F_VARLEN)) return true;
  }
  return false;
}

AstNode *ast_path_select(Parse *p, const Token *pVar, AstList *pChain, AstNode *pSel) {
  AstNode *pPath = ast_path(p, pVar, pChain, 0);
  if (pSel == NULL) return pPath;
  pPath->op = pSel->op;
  pPath->i1 = pSel->i1;
  if (pSel->op != PATHSEL_ALL && !qppHasQuantifier(pPath->pList)) {
    qppError(p, pSel->iOfst,
             "a path selector needs a quantified relationship or a quantified path pattern in its "
             "pattern, e.g. -[:R]->+");
  }
  return pPath;
}

/* Is there a quantified path pattern or a selector in these pattern parts? */
bool ast_pattern_has_qpp(const AstList *pPattern) {
  for (uint32_t i = 0; pPattern && i < pPattern->n; i++) {
    const AstNode *pPath = pPattern->a[i];
    if (pPath == NULL || pPath->kind != AST_PATH) continue;
    if (pPath->op != PATHSEL_ALL) return true;
    for (uint32_t k = 1; pPath->pList && k < pPath->pList->n; k += 2) {
      const AstNode *e = pPath->pList->a[k];
      if (e->kind == AST_QPP || (e->flags & AST_F_QUANTIFIED)) return true;
    }
  }
  return false;
}
