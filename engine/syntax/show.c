/*
** show.c — Neo4j 5's SHOW commands, turned into queries while parsing.
**
**   SHOW [ALL | RANGE | ...] INDEXES, SHOW [ALL | UNIQUE | EXIST | ...]
**   CONSTRAINTS, SHOW [ALL | BUILT IN | USER DEFINED] FUNCTIONS,
**   SHOW PROCEDURES, each followed by WHERE expr, or by YIELD {* | items}
**   [ORDER BY ...] [SKIP n] [LIMIT n] [WHERE expr], then an optional RETURN.
**
** (Also here: the words of IS NODE KEY closing a constraint.)
**
** A SHOW command becomes CALL tangle.show.<what>(filter) YIELD <columns>
** [WITH * ORDER BY ... SKIP ... LIMIT ... WHERE ...] RETURN <columns>:
** the listing procedures (eval/proc.c) emit every column; without YIELD
** the RETURN keeps Neo4j's default columns, with YIELD * all of them, in
** Neo4j's order. Keeping the column lists here, next to the words, means
** the rest of the engine sees an ordinary query.
*/
#include "syntax/parse.h"

#include <ctype.h>
#include <strings.h>

#include "base/strbuf.h"
#include "parser.h"

/* What a SHOW command can list. */
typedef struct ShowKind {
  const char *zWord;         /* the last word, plural */
  const char *zProc;         /* the listing procedure */
  int nDefault;              /* the first nDefault columns are the default ones */
  const char *const *azCol;  /* every column, NULL-terminated */
  const char *const *azMod;  /* the words allowed before it, NULL-terminated */
} ShowKind;

static const char *const azIndexCol[] = {
    "id", "name", "state", "populationPercent", "type", "entityType", "labelsOrTypes",
    "properties", "indexProvider", "owningConstraint", "lastRead", "readCount", "trackedSince",
    "options", "failureMessage", "createStatement", NULL};
static const char *const azIndexMod[] = {"ALL", "RANGE", "TEXT", "POINT", "LOOKUP", "FULLTEXT",
                                         "VECTOR", NULL};
static const char *const azConsCol[] = {
    "id", "name", "type", "entityType", "labelsOrTypes", "properties", "ownedIndex",
    "propertyType", "options", "createStatement", NULL};
static const char *const azConsMod[] = {"ALL", "NODE", "RELATIONSHIP", "REL", "UNIQUE",
                                        "UNIQUENESS", "EXIST", "EXISTENCE", "EXISTS", "PROPERTY",
                                        "KEY", "TYPE", NULL};
static const char *const azFuncCol[] = {
    "name", "category", "description", "signature", "isBuiltIn", "argumentDescription",
    "returnDescription", "aggregating", "rolesExecution", "rolesBoostedExecution",
    "isDeprecated", "deprecatedBy", NULL};
static const char *const azFuncMod[] = {"ALL", "BUILT", "IN", "USER", "DEFINED", NULL};
static const char *const azProcCol[] = {
    "name", "description", "mode", "worksOnSystem", "signature", "argumentDescription",
    "returnDescription", "admin", "rolesExecution", "rolesBoostedExecution", "isDeprecated",
    "deprecatedBy", "option", NULL};
static const char *const azProcMod[] = {"ALL", NULL};

static const ShowKind aShow[] = {
    {"INDEXES", "tangle.show.indexes", 12, azIndexCol, azIndexMod},
    {"CONSTRAINTS", "tangle.show.constraints", 8, azConsCol, azConsMod},
    {"FUNCTIONS", "tangle.show.functions", 3, azFuncCol, azFuncMod},
    {"PROCEDURES", "tangle.show.procedures", 4, azProcCol, azProcMod},
};

/* Does word pW name zPlural, in the plural or (with one letter or two
** less, INDEX for INDEXES) the singular? Any case. */
static bool showWordIs(const AstNode *pW, const char *zPlural) {
  size_t n = strlen(zPlural);
  if (pW->n == n && strncasecmp(pW->z, zPlural, n) == 0) return true;
  size_t nSing = strcmp(zPlural, "INDEXES") == 0 ? 5 : n - 1;
  return pW->n == nSing && strncasecmp(pW->z, zPlural, nSing) == 0;
}

uint32_t ast_constraint_words(Parse *p, const Token *pW, const Token *pK) {
  if (pW->n == 4 && strncasecmp(pW->z, "NODE", 4) == 0 && pK->n == 3 && strncasecmp(pK->z, "KEY", 3) == 0) {
    return AST_F_UNIQUE | AST_F_KEY;
  }
  error_at(p->pErr, p->zText, pW->iOfst, ERR_SYNTAX,
           "a constraint ends IS UNIQUE, IS NODE KEY, IS NOT NULL or IS :: TYPE (relationship constraints "
           "are not supported yet)");
  return 0;
}

/* A token for a name made here (not in the statement's text). */
static Token showTok(const char *z, int iOfst) {
  Token t = {z, (uint32_t)strlen(z), iOfst, TK_ID};
  return t;
}

/* RETURN name, name, ... for the columns azCol[0..n). */
static AstNode *showReturn(Parse *p, const Token *pTok, const char *const *azCol, int n) {
  AstList *pItems = NULL;
  for (int i = 0; i < n; i++) {
    Token t = showTok(azCol[i], pTok->iOfst);
    pItems = ast_list(p, pItems, ast_proj_item(p, ast_var(p, &t), &t));
  }
  return ast_return(p, pTok, ast_projection(p, 0, pItems, NULL, NULL, NULL));
}

AstNode *ast_show(Parse *p, const Token *pTok, AstList *pWords, const ShowYield *pY, AstNode *pReturn) {
  if (pWords == NULL || pWords->n == 0) return NULL;
  const AstNode *pLast = pWords->a[pWords->n - 1];
  const ShowKind *pKind = NULL;
  for (int i = 0; i < ARRAY_SIZE(aShow) && pKind == NULL; i++) {
    if (showWordIs(pLast, aShow[i].zWord)) pKind = &aShow[i];
  }
  if (pKind == NULL) {
    error_at(p->pErr, p->zText, pLast->iOfst, ERR_SYNTAX,
             "SHOW lists INDEXES, CONSTRAINTS, FUNCTIONS or PROCEDURES, not `%s`", pLast->z);
    return NULL;
  }
  /* The words before it, checked, in capitals, as the procedure's filter. */
  StrBuf filter;
  strbuf_init(&filter);
  for (uint32_t i = 0; i + 1 < pWords->n; i++) {
    const AstNode *pW = pWords->a[i];
    bool bOk = false;
    for (int k = 0; pKind->azMod[k] && !bOk; k++) {
      bOk = strlen(pKind->azMod[k]) == pW->n && strncasecmp(pKind->azMod[k], pW->z, pW->n) == 0;
    }
    if (!bOk) {
      error_at(p->pErr, p->zText, pW->iOfst, ERR_SYNTAX, "SHOW ... %s does not take `%s`", pKind->zWord,
               pW->z);
      strbuf_free(&filter);
      return NULL;
    }
    if (filter.n) strbuf_putc(&filter, ' ');
    for (uint32_t k = 0; k < pW->n; k++) strbuf_putc(&filter, (char)toupper((unsigned char)pW->z[k]));
  }
  const char *zFilter = arena_strndup(p->pArena, strbuf_cstr(&filter), filter.n);
  uint32_t nFilter = (uint32_t)filter.n;
  strbuf_free(&filter);

  int nCol = 0;
  while (pKind->azCol[nCol]) nCol++;
  /* CALL proc(filter) YIELD every column, or the ones named. */
  AstList *pYieldItems = pY->pItems;
  if (pYieldItems == NULL) {
    for (int i = 0; i < nCol; i++) {
      Token t = showTok(pKind->azCol[i], pTok->iOfst);
      pYieldItems = ast_list(p, pYieldItems, ast_yield_item(p, &t, NULL));
    }
  }
  bool bTail = pY->pOrder || pY->pSkip || pY->pLimit;
  AstNode *pYield = ast_yield(p, pYieldItems, bTail ? NULL : pY->pWhere, 0);
  Token name = showTok(pKind->zProc, pTok->iOfst);
  AstList *pArgs = ast_list(p, NULL, ast_literal(p, pTok, value_str(zFilter, nFilter)));
  AstNode *pCall = ast_call(p, pTok, ast_name_node(p, &name), pArgs, pYield);
  AstList *pClauses = ast_list(p, NULL, pCall);
  if (bTail) {
    Token star = showTok("*", pTok->iOfst);
    AstNode *pProj = ast_projection(p, 0, ast_list(p, NULL, ast_star(p, &star)), pY->pOrder, pY->pSkip,
                                    pY->pLimit);
    pClauses = ast_list(p, pClauses, ast_with(p, pTok, pProj, pY->pWhere));
  }
  if (pReturn == NULL) {
    if (pY->pItems) {
      /* YIELD a, b AS c: RETURN a, c. */
      AstList *pItems = NULL;
      for (uint32_t i = 0; i < pY->pItems->n; i++) {
        const AstNode *pI = pY->pItems->a[i];
        const AstNode *pVar = pI->p1 ? pI->p1 : pI;
        AstNode *pRef = ast_new(p->pArena, AST_VAR, pI->iOfst);
        pRef->z = pVar->z;
        pRef->n = pVar->n;
        AstNode *pItem = ast_proj_item(p, pRef, NULL);
        pItem->z = pVar->z;
        pItem->n = pVar->n;
        pItems = ast_list(p, pItems, pItem);
      }
      pReturn = ast_return(p, pTok, ast_projection(p, 0, pItems, NULL, NULL, NULL));
    } else {
      pReturn = showReturn(p, pTok, pKind->azCol, pY->bYield ? nCol : pKind->nDefault);
    }
  }
  pClauses = ast_list(p, pClauses, pReturn);
  return ast_query(p, pClauses);
}
