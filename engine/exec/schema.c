/*
** schema.c — CREATE / DROP INDEX and CONSTRAINT (see schema.h).
**
** Index and constraint names default to index_<label>_<key> and
** constraint_<label>_<key>. Creating a uniqueness constraint over data that
** already has duplicates fails with ConstraintValidationFailed.
*/
#include "exec/schema.h"

#include <stdio.h>

#include "store/index.h"
#include "store/fulltext.h"

/* The property key of `n.key` in a constraint, checking the variable. */
static bool schemaConstraintKey(ExecCtx *pCtx, const AstNode *pCmd, const char **pzKey) {
  const AstNode *pProp = pCmd->p3;
  if (pProp == NULL || pProp->kind != AST_PROP || pProp->p1->kind != AST_VAR ||
      strcmp(pProp->p1->z, pCmd->p2->z) != 0) {
    error_at(pCtx->pErr, pCtx->zText, pProp ? pProp->iOfst : pCmd->iOfst, ERR_SYNTAX,
             "a constraint needs `%s.property`", pCmd->p2 ? pCmd->p2->z : "n");
    return false;
  }
  *pzKey = pProp->z;
  return true;
}

/* The map entry `key` of a literal map AST, or NULL. */
static const AstNode *schemaMapEntry(const AstNode *pMap, const char *zKey) {
  for (uint32_t i = 0; pMap && pMap->kind == AST_MAP && pMap->pList && i < pMap->pList->n; i++) {
    if (strcmp(pMap->pList->a[i]->z, zKey) == 0) return pMap->pList->a[i]->p1;
  }
  return NULL;
}

/*
** CREATE FULLTEXT INDEX. The name defaults to fulltext_<labels>_<keys>.
** OPTIONS may hold indexConfig with `fulltext.analyzer` (a string) and
** `fulltext.eventually_consistent` (accepted, ignored: these indexes are
** always current); anything else is an error.
*/
static bool schemaFulltext(ExecCtx *pCtx, const AstNode *pCmd) {
  TgError *pErr = pCtx->pErr;
  const char *zAnalyzer = NULL;
  const AstNode *pOpt = pCmd->p1;
  if (pOpt) {
    const AstNode *pCfg = schemaMapEntry(pOpt, "indexConfig");
    bool bOk = pOpt->kind == AST_MAP && (pOpt->pList == NULL || pOpt->pList->n == (pCfg ? 1u : 0u)) &&
               (pCfg == NULL || pCfg->kind == AST_MAP);
    for (uint32_t i = 0; bOk && pCfg && pCfg->pList && i < pCfg->pList->n; i++) {
      const AstNode *e = pCfg->pList->a[i];
      if (strcmp(e->z, "fulltext.analyzer") == 0 && e->p1->kind == AST_LITERAL && e->p1->lit.type == VAL_STRING) {
        zAnalyzer = e->p1->lit.u.z;
      } else if (strcmp(e->z, "fulltext.eventually_consistent") != 0 || e->p1->kind != AST_LITERAL) {
        bOk = false;
      }
    }
    if (!bOk) {
      error_at(pErr, pCtx->zText, pOpt->iOfst, ERR_ARGUMENT_VALUE,
               "full-text index OPTIONS must be a literal map {indexConfig: {`fulltext.analyzer`: 'name'}}");
      return false;
    }
  }
  uint32_t nLabel = pCmd->pList2->n, nKey = pCmd->pList->n;
  const char **azLabel = arena_alloc(pCtx->pArena, sizeof(char *) * nLabel);
  const char **azKey = arena_alloc(pCtx->pArena, sizeof(char *) * nKey);
  StrBuf name;
  strbuf_init(&name);
  strbuf_printf(&name, "fulltext");
  for (uint32_t i = 0; i < nLabel; i++) {
    azLabel[i] = pCmd->pList2->a[i]->z;
    strbuf_printf(&name, "_%s", azLabel[i]);
  }
  for (uint32_t i = 0; i < nKey; i++) {
    azKey[i] = pCmd->pList->a[i]->z;
    strbuf_printf(&name, "_%s", azKey[i]);
  }
  const char *zName = pCmd->z ? pCmd->z : strbuf_cstr(&name);
  bool bOk = true;
  if (fulltext_exists(pCtx->pGraph, zName) || index_find_by_name(pCtx->pGraph, zName)) {
    if (!(pCmd->flags & AST_F_IF_NOT_EXISTS)) {
      error_at(pErr, pCtx->zText, pCmd->iOfst, ERR_CONSTRAINT, "an index or constraint named %s already exists", zName);
      bOk = false;
    }
  } else {
    StrBuf why;
    strbuf_init(&why);
    bOk = fulltext_create(pCtx->pGraph, zName, pCmd->op != 0, azLabel, nLabel, azKey, nKey, zAnalyzer, &why);
    if (!bOk) error_at(pErr, pCtx->zText, pCmd->iOfst, ERR_ARGUMENT_VALUE, "%s", strbuf_cstr(&why));
    strbuf_free(&why);
    if (bOk && exec_out_of_memory(pCtx)) {
      fulltext_drop(pCtx->pGraph, zName);
      bOk = false;
    }
  }
  strbuf_free(&name);
  return bOk;
}

bool schema_run(ExecCtx *pCtx, const AstNode *pCmd) {
  Graph *g = pCtx->pGraph;
  TgError *pErr = pCtx->pErr;
  if (pCmd->kind == AST_CREATE_FULLTEXT) return schemaFulltext(pCtx, pCmd);
  bool bIndex = pCmd->kind == AST_CREATE_INDEX || pCmd->kind == AST_DROP_INDEX;
  bool bCreate = pCmd->kind == AST_CREATE_INDEX || pCmd->kind == AST_CREATE_CONSTRAINT;
  const char *zKey = NULL;
  if (pCmd->p1) {
    if (bIndex) {
      if (pCmd->pList->n != 1) {
        error_at(pErr, pCtx->zText, pCmd->iOfst, ERR_UNSUPPORTED, "an index on several properties");
        return false;
      }
      zKey = pCmd->pList->a[0]->z;
    } else if (!schemaConstraintKey(pCtx, pCmd, &zKey)) {
      return false;
    }
  }
  char zDefault[300];
  const char *zName = pCmd->z;
  if (zName == NULL && pCmd->p1) {
    snprintf(zDefault, sizeof(zDefault), "%s_%s_%s", bIndex ? "index" : "constraint",
             pCmd->p1->z, zKey);
    zName = zDefault;
  }
  if (bCreate) {
    uint32_t label = intern_add(&g->labels, pCmd->p1->z, pCmd->p1->n);
    uint32_t key = intern_add(&g->keys, zKey, (uint32_t)strlen(zKey));
    PropIndex *pOld = index_find(g, label, key);
    if (pOld || index_find_by_name(g, zName)) {
      if (pCmd->flags & AST_F_IF_NOT_EXISTS) return true;
      if (pOld) {
        /* Name the one that exists, not the name this statement would give. */
        error_at(pErr, pCtx->zText, pCmd->iOfst, ERR_CONSTRAINT,
                 "%s on :%s(%s) already exists, named %s",
                 pOld->bUnique ? "a uniqueness constraint" : "an index", pCmd->p1->z, zKey,
                 pOld->zName);
        return false;
      }
      error_at(pErr, pCtx->zText, pCmd->iOfst, ERR_CONSTRAINT,
               "an index or constraint named %s already exists", zName);
      return false;
    }
    bool bViolated;
    StrBuf why;
    strbuf_init(&why);
    PropIndex *pNew = index_create(g, zName, label, key, !bIndex, &bViolated, &why);
    if (pNew == NULL) {
      if (bViolated) {
        error_at(pErr, pCtx->zText, pCmd->iOfst, ERR_CONSTRAINT,
                 "existing nodes already break the uniqueness of :%s(%s): %s", pCmd->p1->z, zKey,
                 strbuf_cstr(&why));
      } else {
        error_at(pErr, pCtx->zText, pCmd->iOfst, ERR_CONSTRAINT, "cannot create the index on :%s(%s)",
                 pCmd->p1->z, zKey);
      }
    }
    strbuf_free(&why);
    if (pNew == NULL) return false;
    /* Index changes are not in the undo log: a statement that ran out of
    ** memory while building undoes its index here (mem.h). */
    if (exec_out_of_memory(pCtx)) {
      index_drop(g, zName);
      return false;
    }
    return true;
  }
  /* DROP: by name, or (legacy) by label and key. */
  if (pCmd->z == NULL && pCmd->p1) {
    int32_t label = intern_find(&g->labels, pCmd->p1->z, pCmd->p1->n);
    int32_t key = intern_find(&g->keys, zKey, (uint32_t)strlen(zKey));
    PropIndex *pIdx = (label >= 0 && key >= 0) ? index_find(g, (uint32_t)label, (uint32_t)key) : NULL;
    if (pIdx) zName = pIdx->zName;
  }
  PropIndex *pIdx = index_find_by_name(g, zName);
  if (pIdx == NULL && bIndex && fulltext_exists(g, zName)) {
    if (exec_out_of_memory(pCtx)) return false;
    fulltext_drop(g, zName);
    return true;
  }
  if (pIdx == NULL || pIdx->bUnique == bIndex) {
    if (pCmd->flags & AST_F_IF_EXISTS) return true;
    error_at(pErr, pCtx->zText, pCmd->iOfst, ERR_CONSTRAINT, "there is no %s named %s",
             bIndex ? "index" : "constraint", zName);
    return false;
  }
  if (exec_out_of_memory(pCtx)) return false;
  index_drop(g, zName);   /* frees only: nothing after it can fail */
  return true;
}
