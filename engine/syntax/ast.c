/*
** ast.c — AST constructors called from parser.y, and the tree printer.
**
** Every constructor takes the Parse first, allocates in its arena, stamps
** the node with the offset of its first token, and tolerates NULL children
** (which only happen after an error has been recorded).
*/
#include "syntax/ast.h"
#include "base/utf8.h"

#include <stdio.h>

#include "syntax/parse.h"
#include "parser.h"
#include "base/strbuf.h"
#include "base/vec.h"

AstNode *ast_new(Arena *pA, int kind, int iOfst) {
  AstNode *pNode = arena_zalloc(pA, sizeof(AstNode));
  pNode->kind = (uint16_t)kind;
  pNode->iOfst = iOfst;
  pNode->iEnd = -1;
  pNode->iSlot = -1;
  pNode->iAux = -1;
  return pNode;
}

AstList *ast_list(Parse *p, AstList *pList, AstNode *pNode) {
  if (pList == NULL) pList = arena_zalloc(p->pArena, sizeof(AstList));
  if (pNode == NULL) return pList;
  if (pList->n == pList->nAlloc) {
    uint32_t nNew = pList->nAlloc ? pList->nAlloc * 2 : 4;
    AstNode **aNew = arena_alloc(p->pArena, sizeof(AstNode *) * nNew);
    if (pList->n) memcpy(aNew, pList->a, sizeof(AstNode *) * pList->n);
    pList->a = aNew;
    pList->nAlloc = nNew;
  }
  pList->a[pList->n++] = pNode;
  return pList;
}

AstList *ast_list_prepend(Parse *p, AstList *pList, AstNode *pNode) {
  pList = ast_list(p, pList, pNode);
  memmove(pList->a + 1, pList->a, sizeof(AstNode *) * (pList->n - 1));
  pList->a[0] = pNode;
  return pList;
}

static int astOfst(const Token *pTok) { return pTok ? pTok->iOfst : -1; }

/* Sets z/n from a name token, when there is one. */
static void astSetName(Parse *p, AstNode *pNode, const Token *pTok) {
  if (pTok && pTok->z && pTok->n) pNode->z = ast_name(p, pTok, &pNode->n);
}

static void astError(Parse *p, int iOfst, const char *zMsg) {
  error_at(p->pErr, p->zText, iOfst, ERR_SYNTAX, zMsg);
}

/* ---- Statements and clauses -------------------------------------------- */

AstNode *ast_query(Parse *p, AstList *pClauses) {
  int iOfst = pClauses && pClauses->n ? pClauses->a[0]->iOfst : 0;
  AstNode *pNode = ast_new(p->pArena, AST_QUERY, iOfst);
  pNode->pList = pClauses;
  return pNode;
}

AstNode *ast_union(Parse *p, AstNode *pLeft, AstNode *pRight, int bAll) {
  AstNode *pNode = ast_new(p->pArena, AST_UNION, pRight ? pRight->iOfst : 0);
  pNode->p1 = pLeft;
  pNode->p2 = pRight;
  if (bAll) pNode->flags |= AST_F_ALL;
  return pNode;
}

AstNode *ast_explain(Parse *p, const Token *pTok, AstNode *pStmt, int bProfile) {
  AstNode *pNode = ast_new(p->pArena, AST_EXPLAIN, astOfst(pTok));
  pNode->p1 = pStmt;
  pNode->op = (uint16_t)bProfile;
  return pNode;
}

/* A pattern element's inline WHERE (p3) joins the clause's WHERE with AND,
** which is what it means in a MATCH; the element keeps none. */
static AstNode *astFoldElement(Parse *p, AstNode *pElem, AstNode *pWhere) {
  if (pElem == NULL || pElem->p3 == NULL) return pWhere;
  if (pElem->kind == AST_REL_PAT && (pElem->flags & AST_F_VARLEN)) {
    astError(p, pElem->p3->iOfst, "WHERE inside a variable-length relationship is not supported");
    return pWhere;
  }
  AstNode *pPred = pElem->p3;
  pElem->p3 = NULL;
  return pWhere ? ast_binary(p, TK_AND, pWhere, pPred) : pPred;
}

/* The same for every element of a list of pattern parts (AST_PATH items)
** or of one chain of elements. */
static AstNode *astFoldInlineWhere(Parse *p, AstList *pList, AstNode *pWhere) {
  for (uint32_t i = 0; pList && i < pList->n; i++) {
    AstNode *pItem = pList->a[i];
    if (pItem && pItem->kind == AST_PATH) {
      for (uint32_t k = 0; pItem->pList && k < pItem->pList->n; k++) {
        pWhere = astFoldElement(p, pItem->pList->a[k], pWhere);
      }
    } else {
      pWhere = astFoldElement(p, pItem, pWhere);
    }
  }
  return pWhere;
}

AstNode *ast_inline_where(AstNode *pElem, AstNode *pWhere) {
  if (pElem) pElem->p3 = pWhere;
  return pElem;
}

AstNode *ast_match(Parse *p, const Token *pTok, AstList *pPattern, AstNode *pWhere,
                   int bOptional) {
  AstNode *pNode = ast_new(p->pArena, AST_MATCH, astOfst(pTok));
  pNode->pList = pPattern;
  pNode->p1 = astFoldInlineWhere(p, pPattern, pWhere);
  if (bOptional) pNode->flags |= AST_F_OPTIONAL;
  return pNode;
}

AstNode *ast_unwind(Parse *p, const Token *pTok, AstNode *pExpr, const Token *pVar) {
  AstNode *pNode = ast_new(p->pArena, AST_UNWIND, astOfst(pTok));
  pNode->p1 = pExpr;
  astSetName(p, pNode, pVar);
  pNode->i1 = pVar->iOfst;
  return pNode;
}

AstNode *ast_projection(Parse *p, int bDistinct, AstList *pItems, AstList *pOrder,
                        AstNode *pSkip, AstNode *pLimit) {
  AstNode *pNode = ast_new(p->pArena, AST_PROJECTION, pItems && pItems->n ? pItems->a[0]->iOfst : 0);
  pNode->pList = pItems;
  pNode->pList2 = pOrder;
  pNode->p1 = pSkip;
  pNode->p2 = pLimit;
  if (bDistinct) pNode->flags |= AST_F_DISTINCT;
  if (pItems && pItems->n && pItems->a[0]->kind == AST_STAR) pNode->flags |= AST_F_STAR;
  return pNode;
}

AstNode *ast_with(Parse *p, const Token *pTok, AstNode *pProj, AstNode *pWhere) {
  AstNode *pNode = ast_new(p->pArena, AST_WITH, astOfst(pTok));
  pNode->p1 = pProj;
  pNode->p2 = pWhere;
  return pNode;
}

AstNode *ast_return(Parse *p, const Token *pTok, AstNode *pProj) {
  AstNode *pNode = ast_new(p->pArena, AST_RETURN, astOfst(pTok));
  pNode->p1 = pProj;
  return pNode;
}

/*
** A projection item. Without an alias it is named by its source text, from
** its first token to the end of the last token pushed (the parser reduces
** this rule when it sees the token after the expression).
*/
AstNode *ast_proj_item(Parse *p, AstNode *pExpr, const Token *pAlias) {
  if (pExpr == NULL) return NULL;
  AstNode *pNode = ast_new(p->pArena, AST_PROJ_ITEM, pExpr->iOfst);
  pNode->p1 = pExpr;
  if (pAlias) {
    astSetName(p, pNode, pAlias);
    pNode->flags |= AST_F_ALIASED;
    pNode->iEnd = pAlias->iOfst;
  } else {
    int iEnd = p->iPrevEnd;
    int iStart = pExpr->iOfst;
    if (iEnd < iStart) iEnd = iStart;
    pNode->z = arena_strndup(p->pArena, p->zText + iStart, (size_t)(iEnd - iStart));
    pNode->n = (uint32_t)(iEnd - iStart);
    pNode->iEnd = iEnd;
  }
  return pNode;
}

AstNode *ast_star(Parse *p, const Token *pTok) { return ast_new(p->pArena, AST_STAR, astOfst(pTok)); }

AstNode *ast_sort_item(Parse *p, AstNode *pExpr, int bDesc) {
  if (pExpr == NULL) return NULL;
  AstNode *pNode = ast_new(p->pArena, AST_SORT_ITEM, pExpr->iOfst);
  pNode->p1 = pExpr;
  if (bDesc) pNode->flags |= AST_F_DESC;
  return pNode;
}

AstNode *ast_clause_list(Parse *p, int kind, const Token *pTok, AstList *pList, uint32_t flags) {
  AstNode *pNode = ast_new(p->pArena, kind, astOfst(pTok));
  pNode->pList = pList;
  pNode->flags |= flags;
  return pNode;
}

AstNode *ast_merge(Parse *p, const Token *pTok, AstNode *pPath, AstList *pActions) {
  AstNode *pNode = ast_new(p->pArena, AST_MERGE, astOfst(pTok));
  pNode->p1 = pPath;
  pNode->pList = pActions;
  return pNode;
}

AstNode *ast_merge_action(Parse *p, const Token *pTok, AstList *pItems, int bOnCreate) {
  AstNode *pNode = ast_new(p->pArena, AST_MERGE_ACTION, astOfst(pTok));
  pNode->pList = pItems;
  pNode->flags |= bOnCreate ? AST_F_ON_CREATE : AST_F_ON_MATCH;
  return pNode;
}

AstNode *ast_set_prop(Parse *p, AstNode *pTarget, AstNode *pValue) {
  if (pTarget == NULL) return NULL;
  AstNode *pNode = ast_new(p->pArena, AST_SET_PROP, pTarget->iOfst);
  pNode->p1 = pTarget;
  pNode->p2 = pValue;
  return pNode;
}

AstNode *ast_set_map(Parse *p, const Token *pVar, AstNode *pValue, int bPlus) {
  AstNode *pNode = ast_new(p->pArena, AST_SET_MAP, pVar->iOfst);
  pNode->p1 = ast_var(p, pVar);
  pNode->p2 = pValue;
  if (bPlus) pNode->flags |= AST_F_PLUS;
  return pNode;
}

AstNode *ast_labels_item(Parse *p, int kind, const Token *pVar, AstNode *pLabels) {
  AstNode *pNode = ast_new(p->pArena, kind, pVar->iOfst);
  pNode->p1 = ast_var(p, pVar);
  pNode->p2 = pLabels;
  return pNode;
}

AstNode *ast_remove_prop(Parse *p, AstNode *pTarget) {
  if (pTarget == NULL) return NULL;
  AstNode *pNode = ast_new(p->pArena, AST_REMOVE_PROP, pTarget->iOfst);
  pNode->p1 = pTarget;
  return pNode;
}

AstNode *ast_yield(Parse *p, AstList *pItems, AstNode *pWhere, int bStar) {
  AstNode *pNode = ast_new(p->pArena, AST_CALL, -1);
  pNode->pList2 = pItems;
  pNode->p1 = pWhere;
  if (bStar) pNode->flags |= AST_F_YIELD_STAR;
  return pNode;
}

AstNode *ast_call(Parse *p, const Token *pTok, AstNode *pName, AstList *pArgs, AstNode *pYield) {
  AstNode *pNode = pYield ? pYield : ast_new(p->pArena, AST_CALL, astOfst(pTok));
  pNode->iOfst = astOfst(pTok);
  if (pName) {
    pNode->z = pName->z;
    pNode->n = pName->n;
    pNode->i1 = pName->iOfst;
  }
  pNode->pList = pArgs;
  return pNode;
}

AstNode *ast_yield_item(Parse *p, const Token *pField, const Token *pAlias) {
  AstNode *pNode = ast_new(p->pArena, AST_YIELD_ITEM, pField->iOfst);
  astSetName(p, pNode, pField);
  if (pAlias) pNode->p1 = ast_name_node(p, pAlias);
  return pNode;
}

AstNode *ast_foreach(Parse *p, const Token *pTok, const Token *pVar, AstNode *pList,
                     AstList *pClauses) {
  AstNode *pNode = ast_new(p->pArena, AST_FOREACH, astOfst(pTok));
  astSetName(p, pNode, pVar);
  pNode->p1 = pList;
  pNode->pList = pClauses;
  pNode->i1 = pVar->iOfst;
  return pNode;
}

AstNode *ast_load_csv(Parse *p, const Token *pTok, int bHeaders, AstNode *pUrl,
                      const Token *pVar, const Token *pTerm) {
  AstNode *pNode = ast_new(p->pArena, AST_LOAD_CSV, astOfst(pTok));
  pNode->p1 = pUrl;
  astSetName(p, pNode, pVar);
  pNode->i1 = pVar->iOfst;
  if (bHeaders) pNode->flags |= AST_F_HEADERS;
  if (pTerm && pTerm->n) pNode->p2 = ast_string(p, pTerm);
  return pNode;
}

AstNode *ast_render_opt(Parse *p, AstNode *pOpts, int iWhich, AstNode *pValue) {
  if (pOpts == NULL) pOpts = ast_new(p->pArena, AST_RENDER, pValue ? pValue->iOfst : -1);
  AstNode **pp = iWhich == 1 ? &pOpts->p1 : iWhich == 2 ? &pOpts->p2
               : iWhich == 3 ? &pOpts->p3 : iWhich == 4 ? &pOpts->p4 : NULL;
  if (pp) {
    if (*pp) astError(p, pValue ? pValue->iOfst : -1, "a RENDER option is given twice");
    *pp = pValue;
  } else {
    if (pOpts->pList2) astError(p, pValue ? pValue->iOfst : -1, "OPTIONS is given twice");
    pOpts->pList2 = ast_list(p, 0, pValue);
  }
  return pOpts;
}

AstNode *ast_render(Parse *p, const Token *pTok, AstList *pExprs, AstNode *pOpts) {
  AstNode *pNode = pOpts ? pOpts : ast_new(p->pArena, AST_RENDER, astOfst(pTok));
  pNode->iOfst = astOfst(pTok);
  pNode->pList = pExprs;
  return pNode;
}

/* ---- Patterns ----------------------------------------------------------- */

AstNode *ast_path(Parse *p, const Token *pVar, AstList *pChain, uint32_t flags) {
  int iOfst = pVar ? pVar->iOfst : (pChain && pChain->n ? pChain->a[0]->iOfst : -1);
  AstNode *pNode = ast_new(p->pArena, AST_PATH, iOfst);
  astSetName(p, pNode, pVar);
  pNode->pList = ast_chain_end(p, pChain);   /* after a trailing quantified group */
  pNode->flags |= flags;
  return pNode;
}

AstNode *ast_node_pat(Parse *p, const Token *pTok, const Token *pVar, AstNode *pLabels,
                      AstNode *pProps) {
  AstNode *pNode = ast_new(p->pArena, AST_NODE_PAT, astOfst(pTok));
  astSetName(p, pNode, pVar);
  pNode->p1 = pLabels;
  pNode->p2 = pProps;
  return pNode;
}

AstNode *ast_rel_detail(Parse *p, const Token *pTok, const Token *pVar, AstNode *pTypes,
                        AstNode *pRange, AstNode *pProps) {
  AstNode *pNode = ast_new(p->pArena, AST_REL_PAT, astOfst(pTok));
  astSetName(p, pNode, pVar);
  pNode->p1 = pTypes;
  pNode->p2 = pProps;
  pNode->i1 = 1;
  pNode->i2 = 1;
  if (pRange) {
    pNode->flags |= AST_F_VARLEN;
    pNode->i1 = pRange->i1;
    pNode->i2 = pRange->i2;
  }
  return pNode;
}

AstNode *ast_rel_pat(Parse *p, const Token *pTok, AstNode *pDetail, int iDir) {
  AstNode *pNode = pDetail ? pDetail : ast_rel_detail(p, pTok, NULL, NULL, NULL, NULL);
  pNode->iOfst = astOfst(pTok);
  pNode->op = (uint16_t)iDir;
  return pNode;
}

/* Reads a non-negative range bound; reports an error when it is too big. */
static int64_t astBound(Parse *p, const Token *pTok) {
  AstNode *pInt = ast_int(p, pTok);
  if (pInt->flags & AST_F_INT_MIN) {
    astError(p, pTok->iOfst, "the path length bound is too large");
    return 0;
  }
  return pInt->lit.u.i;
}

AstNode *ast_range(Parse *p, const Token *pTok, const Token *pMin, const Token *pMax, int bDots) {
  AstNode *pNode = ast_new(p->pArena, AST_LITERAL, astOfst(pTok));
  (void)bDots;
  pNode->i1 = pMin ? astBound(p, pMin) : 1;
  pNode->i2 = pMax ? astBound(p, pMax) : -1;
  return pNode;
}

AstNode *ast_label(Parse *p, const Token *pName) {
  AstNode *pNode = ast_new(p->pArena, AST_LABEL, pName->iOfst);
  astSetName(p, pNode, pName);
  return pNode;
}

/* $(e), $all(e) (bAny 0) or $any(e) (1): labels or types named at run time. */
AstNode *ast_label_dynamic(Parse *p, const Token *pTok, AstNode *pExpr, int bAny) {
  if (pExpr == NULL) return NULL;
  AstNode *pNode = ast_new(p->pArena, AST_LABEL_DYNAMIC, pTok->iOfst);
  pNode->p1 = pExpr;
  pNode->op = (uint16_t)bAny;
  return pNode;
}

AstNode *ast_label_op(Parse *p, int kind, AstNode *pLeft, AstNode *pRight) {
  AstNode *pNode = ast_new(p->pArena, kind, pLeft ? pLeft->iOfst : -1);
  pNode->p1 = pLeft;
  pNode->p2 = pRight;
  return pNode;
}

/* ---- Expressions -------------------------------------------------------- */

AstNode *ast_literal(Parse *p, const Token *pTok, Value v) {
  AstNode *pNode = ast_new(p->pArena, AST_LITERAL, astOfst(pTok));
  pNode->lit = v;
  return pNode;
}

AstNode *ast_param(Parse *p, const Token *pTok) {
  AstNode *pNode = ast_new(p->pArena, AST_PARAM, pTok->iOfst);
  Token name = *pTok;
  name.z++;
  name.n--;
  astSetName(p, pNode, &name);
  return pNode;
}

AstNode *ast_var(Parse *p, const Token *pTok) {
  AstNode *pNode = ast_new(p->pArena, AST_VAR, pTok->iOfst);
  astSetName(p, pNode, pTok);
  return pNode;
}

AstNode *ast_prop(Parse *p, AstNode *pExpr, const Token *pKey) {
  if (pExpr == NULL) return NULL;
  AstNode *pNode = ast_new(p->pArena, AST_PROP, pExpr->iOfst);
  pNode->p1 = pExpr;
  astSetName(p, pNode, pKey);
  pNode->i1 = pKey->iOfst;
  return pNode;
}

AstNode *ast_index(Parse *p, AstNode *pExpr, AstNode *pIndex) {
  if (pExpr == NULL) return NULL;
  AstNode *pNode = ast_new(p->pArena, AST_INDEX, pExpr->iOfst);
  pNode->p1 = pExpr;
  pNode->p2 = pIndex;
  return pNode;
}

AstNode *ast_slice(Parse *p, AstNode *pExpr, AstNode *pFrom, AstNode *pTo) {
  if (pExpr == NULL) return NULL;
  AstNode *pNode = ast_new(p->pArena, AST_SLICE, pExpr->iOfst);
  pNode->p1 = pExpr;
  pNode->p2 = pFrom;
  pNode->p3 = pTo;
  return pNode;
}

AstNode *ast_binary(Parse *p, int op, AstNode *pLeft, AstNode *pRight) {
  if (pLeft == NULL || pRight == NULL) return NULL;
  AstNode *pNode = ast_new(p->pArena, AST_BINARY, pLeft->iOfst);
  pNode->op = (uint16_t)op;
  pNode->p1 = pLeft;
  pNode->p2 = pRight;
  pNode->i1 = pRight->iOfst;   /* where the operator's right side starts */
  return pNode;
}

static bool astIsComparison(const AstNode *p) {
  return p->kind == AST_BINARY && !(p->flags & AST_F_PAREN) &&
         (p->op == TK_EQ || p->op == TK_NE || p->op == TK_LT || p->op == TK_LE ||
          p->op == TK_GT || p->op == TK_GE);
}

/*
** A comparison. Cypher chains them: a < b <= c means a < b AND b <= c, so
** when the left side is itself an unparenthesized comparison (or chain),
** the new comparison takes its right operand and the two are ANDed.
*/
AstNode *ast_compare(Parse *p, int op, AstNode *pLeft, AstNode *pRight) {
  if (pLeft == NULL || pRight == NULL) return NULL;
  AstNode *pLast = NULL;
  if (astIsComparison(pLeft)) {
    pLast = pLeft;
  } else if (pLeft->kind == AST_BINARY && pLeft->op == TK_AND &&
             (pLeft->flags & AST_F_CHAINED) && !(pLeft->flags & AST_F_PAREN)) {
    pLast = pLeft->p2;
  }
  if (pLast) {
    AstNode *pCmp = ast_binary(p, op, pLast->p2, pRight);
    AstNode *pAnd = ast_binary(p, TK_AND, pLeft, pCmp);
    pAnd->flags |= AST_F_CHAINED;
    return pAnd;
  }
  return ast_binary(p, op, pLeft, pRight);
}

AstNode *ast_unary(Parse *p, const Token *pTok, int op, AstNode *pExpr) {
  if (pExpr == NULL) return NULL;
  /* Fold a sign into a number literal so -9223372036854775808 is valid. */
  if (op == TK_MINUS && pExpr->kind == AST_LITERAL && !(pExpr->flags & AST_F_PAREN) &&
      pExpr->iOfst > pTok->iOfst) {
    if (pExpr->lit.type == VAL_INT) {
      if (pExpr->flags & AST_F_INT_MIN) {
        pExpr->flags &= ~(uint32_t)AST_F_INT_MIN;
      } else {
        pExpr->lit.u.i = -pExpr->lit.u.i;
      }
      pExpr->iOfst = pTok->iOfst;
      return pExpr;
    }
    if (pExpr->lit.type == VAL_FLOAT) {
      pExpr->lit.u.f = -pExpr->lit.u.f;
      pExpr->iOfst = pTok->iOfst;
      return pExpr;
    }
  }
  AstNode *pNode = ast_new(p->pArena, AST_UNARY, pTok->iOfst);
  pNode->op = (uint16_t)op;
  pNode->p1 = pExpr;
  return pNode;
}

AstNode *ast_is_null(Parse *p, AstNode *pExpr, int bNot) {
  if (pExpr == NULL) return NULL;
  AstNode *pNode = ast_new(p->pArena, AST_IS_NULL, pExpr->iOfst);
  pNode->p1 = pExpr;
  if (bNot) pNode->flags |= AST_F_NOT;
  return pNode;
}

/* Wraps a predicate in NOT when bNot, placed at the operand so that the
** column is named from there. */
static AstNode *astNegateAtOperand(Parse *p, AstNode *pExpr, AstNode *pCall, int bNot) {
  if (!bNot) return pCall;
  AstNode *pNot = ast_new(p->pArena, AST_UNARY, pExpr->iOfst);
  pNot->op = TK_NOT;
  pNot->p1 = pCall;
  return pNot;
}

/* x IS [form] NORMALIZED becomes a call of the hidden function
** FUNC_IS_NORMALIZED(x, 'form') (NFC when no form is written); IS NOT
** wraps it in NOT. */
AstNode *ast_is_normalized(Parse *p, AstNode *pExpr, int bNot, const Token *pForm, const Token *pWord) {
  if (pExpr == NULL) return NULL;
  const char *zForm = "NFC";
  Utf8NormalForm eForm;
  if (pForm) {
    zForm = utf8_normal_form_named(pForm->z, pForm->n, &eForm);
    if (zForm == NULL) {
      astError(p, pForm->iOfst, "expected a normal form: NFC, NFD, NFKC or NFKD");
      return NULL;
    }
  }
  Token name = {.z = FUNC_IS_NORMALIZED, .n = (uint32_t)strlen(FUNC_IS_NORMALIZED), .iOfst = pExpr->iOfst};
  AstList *pArgs = ast_list(p, NULL, pExpr);
  Token form = {.z = zForm, .n = (uint32_t)strlen(zForm), .iOfst = pForm ? pForm->iOfst : pWord->iOfst};
  pArgs = ast_list(p, pArgs, ast_literal(p, &form, value_str(zForm, (uint32_t)strlen(zForm))));
  return astNegateAtOperand(p, pExpr, ast_func(p, &name, pArgs, 0), bNot);
}

/* ---- CALL { } IN TRANSACTIONS ------------------------------------------
** The options may come in any order, each once; i2 records which were
** given (1: OF n ROWS, 2: ON ERROR, 4: REPORT STATUS). */

AstNode *ast_in_tx_opts(Parse *p) {
  AstNode *pNode = ast_new(p->pArena, AST_IN_TX, -1);
  pNode->op = TXERR_FAIL;
  pNode->i1 = TXERR_FAIL;
  return pNode;
}

static bool astInTxOnce(Parse *p, AstNode *pOpts, int64_t bit, int iOfst, const char *zWhat) {
  if (pOpts == NULL) return false;
  if (pOpts->i2 & bit) {
    char zMsg[64];
    snprintf(zMsg, sizeof zMsg, "%s is given twice", zWhat);
    astError(p, iOfst, zMsg);
    return false;
  }
  pOpts->i2 |= bit;
  return true;
}

AstNode *ast_in_tx_rows(Parse *p, AstNode *pOpts, const Token *pTok, AstNode *pRows) {
  if (pRows == NULL || !astInTxOnce(p, pOpts, 1, pTok->iOfst, "OF ... ROWS")) return NULL;
  pOpts->p1 = pRows;
  return pOpts;
}

/* CONTINUE, BREAK, FAIL or RETRY (the TXMODE token's text). */
static int astTxMode(const Token *t) {
  switch (t->z[0]) {
    case 'c': case 'C': return TXERR_CONTINUE;
    case 'b': case 'B': return TXERR_BREAK;
    case 'r': case 'R': return TXERR_RETRY;
    default: return TXERR_FAIL;
  }
}

AstNode *ast_in_tx_on_error(Parse *p, AstNode *pOpts, const Token *pMode, AstNode *pFor, const Token *pThen) {
  if (!astInTxOnce(p, pOpts, 2, pMode->iOfst, "ON ERROR")) return NULL;
  pOpts->op = (uint16_t)astTxMode(pMode);
  bool bRetry = pOpts->op == TXERR_RETRY;
  if (!bRetry && (pFor || pThen->z)) {
    astError(p, pMode->iOfst, "FOR and THEN follow ON ERROR RETRY only");
    return NULL;
  }
  if (pThen->z && astTxMode(pThen) == TXERR_RETRY) {
    astError(p, pThen->iOfst, "after RETRY comes THEN CONTINUE, THEN BREAK or THEN FAIL");
    return NULL;
  }
  pOpts->p2 = pFor;
  pOpts->i1 = pThen->z ? astTxMode(pThen) : TXERR_FAIL;
  return pOpts;
}

AstNode *ast_in_tx_report(Parse *p, AstNode *pOpts, const Token *pTok, const Token *pVar) {
  if (!astInTxOnce(p, pOpts, 4, pTok->iOfst, "REPORT STATUS")) return NULL;
  astSetName(p, pOpts, pVar);
  return pOpts;
}

AstNode *ast_in_transactions(Parse *p, AstNode *pCall, const Token *pIn, AstNode *pOpts) {
  if (pCall == NULL || pOpts == NULL) return NULL;
  pOpts->iOfst = pIn->iOfst;
  int eFinal = pOpts->op == TXERR_RETRY ? (int)pOpts->i1 : pOpts->op;
  if (pOpts->z && eFinal == TXERR_FAIL) {
    astError(p, pIn->iOfst, "REPORT STATUS needs ON ERROR CONTINUE or ON ERROR BREAK (a failing batch "
                            "otherwise fails the statement, leaving no status to report)");
    return NULL;
  }
  if (pCall->flags & AST_F_OPTIONAL) {
    astError(p, pCall->iOfst, "OPTIONAL CALL cannot run IN TRANSACTIONS");
    return NULL;
  }
  pCall->p4 = pOpts;
  return pCall;
}

/* trim([[BOTH|LEADING|TRAILING] [c] FROM] s), the SQL form Neo4j 5
** accepts, becomes FUNC_TRIM_FROM(s, 'BOTH'|'LEADING'|'TRAILING'[, c]).
** The grammar allows it after any name; only trim takes it. */
AstNode *ast_trim_from(Parse *p, const Token *pName, const Token *pSpec, AstNode *pChar, AstNode *pSource) {
  if (!(pName->n == 4 && strncasecmp(pName->z, "trim", 4) == 0)) {
    astError(p, pName->iOfst, "only trim() takes the form (... FROM string)");
    return NULL;
  }
  if (pSource == NULL) {
    astError(p, pName->iOfst, "trim(... FROM s) takes one trim character before FROM");
    return NULL;
  }
  const char *zEnd = "BOTH";
  if (pSpec) zEnd = (pSpec->z[0] == 'l' || pSpec->z[0] == 'L') ? "LEADING"
                    : (pSpec->z[0] == 't' || pSpec->z[0] == 'T') ? "TRAILING" : "BOTH";
  Token name = {.z = FUNC_TRIM_FROM, .n = (uint32_t)strlen(FUNC_TRIM_FROM), .iOfst = pName->iOfst};
  Token end = {.z = zEnd, .n = (uint32_t)strlen(zEnd), .iOfst = pSpec ? pSpec->iOfst : pName->iOfst};
  AstList *pArgs = ast_list(p, NULL, pSource);
  pArgs = ast_list(p, pArgs, ast_literal(p, &end, value_str(zEnd, end.n)));
  if (pChar) pArgs = ast_list(p, pArgs, pChar);
  return ast_func(p, &name, pArgs, 0);
}

/* x IS [NOT] :: T becomes FUNC_IS_TYPED(x, 'T'), T in canonical text. */
AstNode *ast_is_typed(Parse *p, AstNode *pExpr, int bNot, const Token *pType) {
  if (pExpr == NULL) return NULL;
  Token name = {.z = FUNC_IS_TYPED, .n = (uint32_t)strlen(FUNC_IS_TYPED), .iOfst = pExpr->iOfst};
  AstList *pArgs = ast_list(p, NULL, pExpr);
  pArgs = ast_list(p, pArgs, ast_literal(p, pType, value_str(pType->z, pType->n)));
  return astNegateAtOperand(p, pExpr, ast_func(p, &name, pArgs, 0), bNot);
}

AstNode *ast_has_labels(Parse *p, AstNode *pExpr, AstNode *pLabels) {
  if (pExpr == NULL) return NULL;
  AstNode *pNode = ast_new(p->pArena, AST_HAS_LABELS, pExpr->iOfst);
  pNode->p1 = pExpr;
  pNode->p2 = pLabels;
  return pNode;
}

AstNode *ast_paren(Parse *p, const Token *pTok, AstNode *pExpr) {
  (void)p;
  if (pExpr == NULL) return NULL;
  pExpr->flags |= AST_F_PAREN;
  pExpr->iOfst = pTok->iOfst;
  return pExpr;
}

/* Is p `var IN list`, the head of a list comprehension? */
static bool astIsCompHead(const AstNode *p) {
  return p && p->kind == AST_BINARY && p->op == TK_IN && !(p->flags & AST_F_PAREN) &&
         p->p1->kind == AST_VAR && !(p->p1->flags & AST_F_PAREN);
}

AstNode *ast_list_lit(Parse *p, const Token *pTok, AstList *pItems) {
  if (pItems && pItems->n == 1 && astIsCompHead(pItems->a[0])) {
    /* [x IN list] is a comprehension that returns the list's elements. */
    return ast_list_comp(p, pTok, pItems->a[0], NULL, NULL);
  }
  AstNode *pNode = ast_new(p->pArena, AST_LIST, pTok->iOfst);
  pNode->pList = pItems ? pItems : ast_list(p, 0, 0);
  return pNode;
}

AstNode *ast_list_comp(Parse *p, const Token *pTok, AstNode *pIn, AstNode *pWhere, AstNode *pProj) {
  if (pIn == NULL) return NULL;
  if (!astIsCompHead(pIn)) {
    astError(p, pIn->iOfst, "a list comprehension starts with `variable IN list`");
    return NULL;
  }
  AstNode *pNode = ast_new(p->pArena, AST_LIST_COMP, pTok->iOfst);
  pNode->z = pIn->p1->z;
  pNode->n = pIn->p1->n;
  pNode->i1 = pIn->p1->iOfst;
  pNode->p1 = pIn->p2;
  pNode->p2 = pWhere;
  pNode->p3 = pProj;
  return pNode;
}

AstNode *ast_pattern_comp(Parse *p, const Token *pTok, const Token *pVar, AstList *pChain,
                          AstNode *pWhere, AstNode *pProj) {
  AstNode *pNode = ast_new(p->pArena, AST_PATTERN_COMP, pTok->iOfst);
  pNode->p1 = ast_path(p, pVar, pChain, 0);
  pNode->p2 = astFoldInlineWhere(p, pChain, pWhere);
  pNode->p3 = pProj;
  return pNode;
}

AstNode *ast_map_lit(Parse *p, const Token *pTok, AstList *pEntries) {
  AstNode *pNode = ast_new(p->pArena, AST_MAP, pTok->iOfst);
  pNode->pList = pEntries ? pEntries : ast_list(p, 0, 0);
  return pNode;
}

AstNode *ast_map_entry(Parse *p, const Token *pKey, AstNode *pValue) {
  AstNode *pNode = ast_new(p->pArena, AST_MAP_ENTRY, pKey->iOfst);
  astSetName(p, pNode, pKey);
  pNode->p1 = pValue;
  return pNode;
}

AstNode *ast_func(Parse *p, const Token *pName, AstList *pArgs, int bDistinct) {
  AstNode *pNode = ast_new(p->pArena, AST_FUNC, pName->iOfst);
  astSetName(p, pNode, pName);
  pNode->pList = pArgs ? pArgs : ast_list(p, 0, 0);
  /* normalize(s, NFKC): the form is a bare word, as in Neo4j 5; it is
  ** read as a string unless written in parentheses. */
  if (pNode->n == 9 && strncasecmp(pNode->z, "normalize", 9) == 0 && pNode->pList->n == 2) {
    AstNode *pForm = pNode->pList->a[1];
    Utf8NormalForm eForm;
    const char *zForm = pForm->kind == AST_VAR && !(pForm->flags & AST_F_PAREN)
                            ? utf8_normal_form_named(pForm->z, pForm->n, &eForm)
                            : NULL;
    if (zForm) {
      Token form = {.z = zForm, .n = (uint32_t)strlen(zForm), .iOfst = pForm->iOfst};
      pNode->pList->a[1] = ast_literal(p, &form, value_str(zForm, (uint32_t)strlen(zForm)));
    }
  }
  if (bDistinct) pNode->flags |= AST_F_DISTINCT;
  return pNode;
}

/* Writes the dotted name of a var.prop.prop chain; false if not one. The
** chain is followed in a loop (it may be as long as the text allows), then
** written from the variable out. */
static bool astDottedName(const AstNode *pNode, StrBuf *pOut) {
  VEC(const AstNode *) props = {0};
  while (!(pNode->flags & AST_F_PAREN) && pNode->kind == AST_PROP) {
    vec_push(&props, pNode);
    pNode = pNode->p1;
  }
  bool bDotted = !(pNode->flags & AST_F_PAREN) && pNode->kind == AST_VAR;
  if (bDotted) {
    strbuf_append(pOut, pNode->z, pNode->n);
    for (uint32_t i = props.n; i-- > 0;) {
      strbuf_putc(pOut, '.');
      strbuf_append(pOut, props.a[i]->z, props.a[i]->n);
    }
  }
  vec_free(&props);
  return bDotted;
}

AstNode *ast_func_dotted(Parse *p, AstNode *pPrefix, const Token *pName, AstList *pArgs,
                         int bDistinct) {
  if (pPrefix == NULL) return NULL;
  StrBuf name;
  strbuf_init(&name);
  if (!astDottedName(pPrefix, &name)) {
    strbuf_free(&name);
    astError(p, pName->iOfst, "a function name must be a name or a dotted name");
    return NULL;
  }
  uint32_t nLast;
  const char *zLast = ast_name(p, pName, &nLast);
  strbuf_putc(&name, '.');
  strbuf_append(&name, zLast, nLast);
  AstNode *pNode = ast_new(p->pArena, AST_FUNC, pPrefix->iOfst);
  pNode->z = arena_strndup(p->pArena, name.z, name.n);
  pNode->n = (uint32_t)name.n;
  strbuf_free(&name);
  pNode->pList = pArgs ? pArgs : ast_list(p, 0, 0);
  if (bDistinct) pNode->flags |= AST_F_DISTINCT;
  return pNode;
}

AstNode *ast_count_star(Parse *p, const Token *pTok) {
  AstNode *pNode = ast_func(p, pTok, NULL, 0);
  pNode->flags |= AST_F_STAR;
  return pNode;
}

AstNode *ast_case(Parse *p, const Token *pTok, AstNode *pTest, AstList *pWhens, AstNode *pElse) {
  AstNode *pNode = ast_new(p->pArena, AST_CASE, pTok->iOfst);
  pNode->p1 = pTest;
  pNode->pList = pWhens;
  pNode->p2 = pElse;
  return pNode;
}

AstNode *ast_when(Parse *p, AstList *pConds, AstNode *pResult) {
  if (pConds == NULL || pConds->n == 0 || pConds->a[0] == NULL) return NULL;
  AstNode *pNode = ast_new(p->pArena, AST_WHEN, pConds->a[0]->iOfst);
  pNode->p1 = pConds->a[0];
  pNode->p2 = pResult;
  /* WHEN a, b, c: pList holds the values after the first. */
  for (uint32_t i = 1; i < pConds->n; i++) pNode->pList = ast_list(p, pNode->pList, pConds->a[i]);
  return pNode;
}

AstNode *ast_quant(Parse *p, const Token *pTok, const Token *pVar, AstNode *pList, AstNode *pWhere) {
  AstNode *pNode = ast_new(p->pArena, AST_QUANT, pTok->iOfst);
  pNode->op = (uint16_t)pTok->tk;
  astSetName(p, pNode, pVar);
  pNode->i1 = pVar->iOfst;
  pNode->p1 = pList;
  pNode->p2 = pWhere;
  return pNode;
}

AstNode *ast_reduce(Parse *p, const Token *pTok, const Token *pAcc, AstNode *pInit,
                    const Token *pVar, AstNode *pList, AstNode *pStep) {
  AstNode *pNode = ast_new(p->pArena, AST_REDUCE, pTok->iOfst);
  astSetName(p, pNode, pAcc);
  pNode->i1 = pAcc->iOfst;
  pNode->p1 = pInit;
  pNode->p4 = ast_var(p, pVar);
  pNode->p2 = pList;
  pNode->p3 = pStep;
  return pNode;
}

AstNode *ast_pattern_expr(Parse *p, AstList *pChain) {
  AstNode *pPath = ast_path(p, NULL, pChain, 0);
  AstNode *pNode = ast_new(p->pArena, AST_PATTERN_EXPR, pPath->iOfst);
  pNode->p1 = pPath;
  return pNode;
}

AstNode *ast_subquery(Parse *p, const Token *pTok, int kind, AstNode *pBody) {
  AstNode *pNode = ast_new(p->pArena, kind, pTok->iOfst);
  pNode->p1 = pBody;
  return pNode;
}

/* CALL (x, y) { query }, CALL () { }, CALL (*) { } (bAll: sees every
** variable, as CALL { } does), each also OPTIONAL. Imports must be plain
** variable names. */
AstNode *ast_call_subquery(Parse *p, const Token *pTok, AstList *pImports, int bAll, int bOptional, AstNode *pQuery) {
  AstNode *pNode = ast_subquery(p, pTok, AST_CALL_SUBQUERY, pQuery);
  if (!bAll) pNode->flags |= AST_F_SCOPED;
  if (bAll == 2) pNode->flags |= AST_F_STAR;   /* CALL (*) { }: sees every variable */
  if (bOptional) pNode->flags |= AST_F_OPTIONAL;
  pNode->pList = pImports;
  for (uint32_t i = 0; pImports && i < pImports->n; i++) {
    const AstNode *pVar = pImports->a[i];
    if (pVar && (pVar->kind != AST_VAR || (pVar->flags & AST_F_PAREN))) {
      astError(p, pVar->iOfst, "CALL (...) imports variables: write their names, e.g. CALL (p, f) { ... }");
      return NULL;
    }
  }
  return pNode;
}

AstNode *ast_pattern_where(Parse *p, AstList *pPattern, AstNode *pWhere) {
  int iOfst = pPattern && pPattern->n ? pPattern->a[0]->iOfst : -1;
  AstNode *pNode = ast_new(p->pArena, AST_MATCH, iOfst);
  pNode->pList = pPattern;
  pNode->p1 = astFoldInlineWhere(p, pPattern, pWhere);
  return pNode;
}

AstNode *ast_map_proj(Parse *p, const Token *pVar, AstList *pItems) {
  AstNode *pNode = ast_new(p->pArena, AST_MAP_PROJ, pVar->iOfst);
  pNode->p1 = ast_var(p, pVar);
  pNode->pList = pItems ? pItems : ast_list(p, 0, 0);
  return pNode;
}

AstNode *ast_mp_item(Parse *p, int kind, const Token *pName, AstNode *pValue) {
  AstNode *pNode = ast_new(p->pArena, kind, pName->iOfst);
  if (kind != AST_MP_ALL) astSetName(p, pNode, pName);
  pNode->p1 = pValue;
  return pNode;
}

AstNode *ast_name_node(Parse *p, const Token *pName) {
  AstNode *pNode = ast_new(p->pArena, AST_NAME, pName->iOfst);
  astSetName(p, pNode, pName);
  return pNode;
}

AstNode *ast_dotted_name(Parse *p, AstNode *pPrefix, const Token *pName) {
  uint32_t n;
  const char *z = ast_name(p, pName, &n);
  pPrefix->z = arena_printf(p->pArena, "%s.%s", pPrefix->z, z);
  pPrefix->n = (uint32_t)strlen(pPrefix->z);
  return pPrefix;
}

AstNode *ast_schema_index(Parse *p, const Token *pTok, int kind, const Token *pName,
                          const Token *pLabel, AstList *pKeys, uint32_t flags) {
  AstNode *pNode = ast_new(p->pArena, kind, pTok->iOfst);
  astSetName(p, pNode, pName);
  if (pLabel) pNode->p1 = ast_label(p, pLabel);
  pNode->pList = pKeys;
  pNode->flags |= flags;
  return pNode;
}

AstNode *ast_fulltext_target(Parse *p, AstList *pNames, int bRels) {
  AstNode *pNode = ast_new(p->pArena, AST_CREATE_FULLTEXT, pNames->a[0]->iOfst);
  pNode->pList2 = pNames;
  pNode->op = (uint16_t)bRels;
  return pNode;
}

AstNode *ast_schema_fulltext(Parse *p, const Token *pTok, const Token *pName, AstNode *pTarget,
                             AstList *pKeys, AstNode *pOptions, uint32_t flags) {
  pTarget->iOfst = pTok->iOfst;
  astSetName(p, pTarget, pName);
  pTarget->pList = pKeys;
  pTarget->p1 = pOptions;
  pTarget->flags |= flags;
  return pTarget;
}

AstNode *ast_schema_constraint(Parse *p, const Token *pTok, int kind, const Token *pName,
                               const Token *pVar, const Token *pLabel, AstNode *pProp,
                               uint32_t flags) {
  AstNode *pNode = ast_new(p->pArena, kind, pTok->iOfst);
  astSetName(p, pNode, pName);
  if (pLabel) pNode->p1 = ast_label(p, pLabel);
  if (pVar) pNode->p2 = ast_var(p, pVar);
  pNode->p3 = pProp;
  pNode->flags |= flags;
  return pNode;
}

/* ---- Printer ------------------------------------------------------------ */

const char *ast_kind_name(int kind) {
  /* ORDER ASTKIND */
  static const char *const az[] = {
      "QUERY", "UNION", "EXPLAIN", "CREATE_INDEX", "DROP_INDEX", "CREATE_CONSTRAINT",
      "DROP_CONSTRAINT", "CREATE_FULLTEXT", "MATCH", "UNWIND", "WITH", "RETURN", "CREATE", "MERGE",
      "MERGE_ACTION", "SET", "REMOVE", "DELETE", "CALL", "CALL_SUBQUERY", "FOREACH",
      "LOAD_CSV", "RENDER", "FINISH", "PROJECTION", "PROJ_ITEM", "SORT_ITEM", "YIELD_ITEM",
      "SET_PROP", "SET_MAP", "SET_LABELS", "REMOVE_PROP", "REMOVE_LABELS", "PATH",
      "NODE_PAT", "REL_PAT", "LABEL", "LABEL_AND", "LABEL_OR", "LABEL_NOT", "LABEL_ANY", "LABEL_DYNAMIC",
      "LITERAL", "PARAM", "VAR", "PROP", "INDEX", "SLICE", "BINARY", "UNARY", "IS_NULL",
      "HAS_LABELS", "LIST", "MAP", "MAP_ENTRY", "FUNC", "CASE", "WHEN", "LIST_COMP",
      "PATTERN_COMP", "QUANT", "REDUCE", "PATTERN_EXPR", "EXISTS", "COUNT_SUB", "COLLECT_SUB",
      "MAP_PROJ", "MP_PROP", "MP_ALL", "MP_ENTRY", "MP_VAR", "NAME", "STAR", "IN_TX", "PATH_BUILD", "PROPS_MATCH", "QPP"};
  _Static_assert(sizeof(az) / sizeof(az[0]) == AST__COUNT, "ast kind names");
  return kind >= 0 && kind < AST__COUNT ? az[kind] : "?";
}

static void astDumpList(StrBuf *pOut, const char *zLabel, const AstList *pList, int iIndent) {
  if (pList == NULL) return;
  strbuf_printf(pOut, "%*s%s:\n", iIndent * 2, "", zLabel);
  for (uint32_t i = 0; i < pList->n; i++) ast_dump(pOut, pList->a[i], iIndent + 1);
}

void ast_dump(StrBuf *pOut, const AstNode *p, int iIndent) {
  if (p == NULL) {
    strbuf_printf(pOut, "%*s(null)\n", iIndent * 2, "");
    return;
  }
  strbuf_printf(pOut, "%*s%s", iIndent * 2, "", ast_kind_name(p->kind));
  if (p->op) strbuf_printf(pOut, " op=%d", p->op);
  if (p->z) strbuf_printf(pOut, " '%s'", p->z);
  if (p->kind == AST_LITERAL) {
    switch (p->lit.type) {
      case VAL_INT: strbuf_printf(pOut, " %lld", (long long)p->lit.u.i); break;
      case VAL_FLOAT: strbuf_printf(pOut, " %g", p->lit.u.f); break;
      case VAL_STRING: strbuf_printf(pOut, " \"%s\"", p->lit.u.z); break;
      case VAL_BOOL: strbuf_printf(pOut, " %s", p->lit.u.b ? "true" : "false"); break;
      default: strbuf_puts(pOut, " null"); break;
    }
  }
  if (p->kind == AST_REL_PAT && (p->flags & AST_F_VARLEN)) {
    strbuf_printf(pOut, " *%lld..%lld", (long long)p->i1, (long long)p->i2);
  }
  if (p->flags) strbuf_printf(pOut, " flags=0x%x", p->flags);
  strbuf_putc(pOut, '\n');
  const AstNode *aChild[4] = {p->p1, p->p2, p->p3, p->p4};
  for (int i = 0; i < 4; i++) {
    if (aChild[i]) ast_dump(pOut, aChild[i], iIndent + 1);
  }
  astDumpList(pOut, "list", p->pList, iIndent + 1);
  astDumpList(pOut, "list2", p->pList2, iIndent + 1);
}
