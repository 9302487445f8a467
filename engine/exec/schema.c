/*
** schema.c — CREATE / DROP INDEX and CONSTRAINT (see schema.h).
**
** Index and constraint names default to index_<label>_<key> (text_index_...
** for a text index) and constraint_<label>_<key>. A constraint is REQUIRE n.p IS UNIQUE,
** n.p IS NOT NULL (existence) or n.p IS :: TYPE (property type); creating
** one over data that already breaks it fails with
** ConstraintValidationFailed, naming a node that does.
*/
#include "exec/schema.h"

#include <stdio.h>

#include "store/index.h"
#include "store/fulltext.h"

/* The kind of constraint a CREATE CONSTRAINT states (index.h), and the
** `n.key` it is on in *ppProp; the type text of IS :: in *pzType. -1 for
** a shape this engine does not support (an error is set). */
static int schemaConstraintKind(ExecCtx *pCtx, const AstNode *pCmd, const AstNode **ppProp,
                                const char **pzType) {
  const AstNode *p = pCmd->p3;
  *ppProp = p;
  *pzType = "";
  if (pCmd->flags & AST_F_KEY) return IDX_KEY;
  if (pCmd->flags & AST_F_UNIQUE) return IDX_UNIQUE;
  if (p && p->kind == AST_IS_NULL && (p->flags & AST_F_NOT)) {
    *ppProp = p->p1;
    return IDX_EXISTS;
  }
  if (p && p->kind == AST_FUNC && strcmp(p->z, FUNC_IS_TYPED) == 0 && p->pList->n == 2 &&
      p->pList->a[1]->kind == AST_LITERAL) {
    *ppProp = p->pList->a[0];
    const Value *pLit = &p->pList->a[1]->lit;
    if (pLit->type != VAL_STRING) return -1;
    *pzType = arena_strndup(pCtx->pArena, pLit->u.z, pLit->n);
    if (!index_type_text_ok(*pzType)) {
      error_at(pCtx->pErr, pCtx->zText, p->iOfst, ERR_SYNTAX,
               "a property type constraint takes BOOLEAN, STRING, INTEGER, FLOAT, DATE, LOCAL TIME, ZONED TIME, "
               "LOCAL DATETIME, ZONED DATETIME, DURATION, LIST<T NOT NULL> of one of them, or a union (|) of "
               "those; not %s", *pzType);
      return -1;
    }
    return IDX_TYPE;
  }
  error_at(pCtx->pErr, pCtx->zText, p ? p->iOfst : pCmd->iOfst, ERR_SYNTAX,
           "a constraint is REQUIRE n.p IS UNIQUE, n.p IS NOT NULL or n.p IS :: TYPE");
  return -1;
}

/* The property key of `n.key` in a constraint, checking the variable. */
static bool schemaConstraintKey(ExecCtx *pCtx, const AstNode *pCmd, const AstNode *pProp,
                                const char **pzKey) {
  if (pProp == NULL || pProp->kind != AST_PROP || pProp->p1->kind != AST_VAR ||
      strcmp(pProp->p1->z, pCmd->p2->z) != 0) {
    error_at(pCtx->pErr, pCtx->zText, pProp ? pProp->iOfst : pCmd->iOfst, ERR_SYNTAX,
             "a constraint needs `%s.property`", pCmd->p2 ? pCmd->p2->z : "n");
    return false;
  }
  *pzKey = pProp->z;
  return true;
}

/* What a DROP INDEX / DROP CONSTRAINT may name: an index (range) or a
** constraint (any other kind). */
static bool schemaKindFits(const PropIndex *pIdx, bool bIndex) {
  return index_kind_is_index(pIdx->kind) == bIndex;
}

static const char *schemaKindPhrase(int kind, int ent) {
  switch (kind) {
    case IDX_UNIQUE: return "a uniqueness constraint";
    case IDX_EXISTS: return "an existence constraint";
    case IDX_TYPE: return "a property type constraint";
    case IDX_KEY: return ent == ENT_REL ? "a relationship key constraint" : "a node key constraint";
    case IDX_TEXT: return "a text index";
    case IDX_POINT: return "a point index";
    default: return "an index";
  }
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
** always current), and indexProvider 'fulltext-1.0' (as SHOW INDEXES
** prints it); anything else is an error.
*/
static bool schemaFulltext(ExecCtx *pCtx, const AstNode *pCmd) {
  TgError *pErr = pCtx->pErr;
  const char *zAnalyzer = NULL;
  const AstNode *pOpt = pCmd->p1;
  if (pOpt) {
    const AstNode *pCfg = schemaMapEntry(pOpt, "indexConfig");
    const AstNode *pProvider = schemaMapEntry(pOpt, "indexProvider");
    bool bOk = pOpt->kind == AST_MAP &&
               (pOpt->pList == NULL || pOpt->pList->n == (pCfg ? 1u : 0u) + (pProvider ? 1u : 0u)) &&
               (pCfg == NULL || pCfg->kind == AST_MAP) &&
               (pProvider == NULL || (pProvider->kind == AST_LITERAL && pProvider->lit.type == VAL_STRING &&
                                      strcmp(pProvider->lit.u.z, "fulltext-1.0") == 0));
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
               "full-text index OPTIONS must be a literal map {indexConfig: {`fulltext.analyzer`: 'name'}"
               "[, indexProvider: 'fulltext-1.0']}");
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
  const char *zType = "";
  const char *azKey[INDEX_MAX_KEYS];
  uint32_t nKey = 0;
  int kind = IDX_RANGE;
  if (pCmd->p1) {
    if (bIndex) {
      if (pCmd->pList->n > INDEX_MAX_KEYS) {
        error_at(pErr, pCtx->zText, pCmd->iOfst, ERR_SYNTAX, "an index takes at most %d properties", INDEX_MAX_KEYS);
        return false;
      }
      for (uint32_t i = 0; i < pCmd->pList->n; i++) azKey[nKey++] = pCmd->pList->a[i]->z;
      if (pCmd->flags & AST_F_POINT) {
        kind = IDX_POINT;
        if (pCmd->flags & AST_F_REL) {
          error_at(pErr, pCtx->zText, pCmd->iOfst, ERR_SYNTAX, "point indexes on relationships are not supported");
          return false;
        }
        if (nKey != 1) {
          error_at(pErr, pCtx->zText, pCmd->iOfst, ERR_SYNTAX, "a point index is on one property");
          return false;
        }
      }
      if (pCmd->flags & AST_F_TEXT) {
        kind = IDX_TEXT;
        if (pCmd->flags & AST_F_REL) {
          error_at(pErr, pCtx->zText, pCmd->iOfst, ERR_SYNTAX, "text indexes on relationships are not supported");
          return false;
        }
        if (nKey != 1) {
          error_at(pErr, pCtx->zText, pCmd->iOfst, ERR_SYNTAX, "a text index is on one property");
          return false;
        }
      }
    } else {
      const AstNode *pProp = pCmd->p3;
      if (bCreate) kind = schemaConstraintKind(pCtx, pCmd, &pProp, &zType);
      else kind = IDX_UNIQUE;   /* the legacy DROP CONSTRAINT ON ... ASSERT ... IS UNIQUE */
      if (kind < 0) return false;
      if (kind == IDX_KEY && !(pCmd->flags & AST_F_REL) != !(pCmd->flags & AST_F_RELKEY)) {
        error_at(pErr, pCtx->zText, pCmd->p3 ? pCmd->p3->iOfst : pCmd->iOfst, ERR_SYNTAX, "%s",
                 pCmd->flags & AST_F_REL ? "a relationship pattern takes IS RELATIONSHIP KEY, not IS NODE KEY"
                                         : "a node pattern takes IS NODE KEY, not IS RELATIONSHIP KEY");
        return false;
      }
      if (bCreate && pCmd->pList) {
        /* (n.a, n.b) IS UNIQUE / IS NODE KEY */
        if (pCmd->pList->n > INDEX_MAX_KEYS) {
          error_at(pErr, pCtx->zText, pCmd->iOfst, ERR_SYNTAX, "a constraint takes at most %d properties",
                   INDEX_MAX_KEYS);
          return false;
        }
        for (uint32_t i = 0; i < pCmd->pList->n; i++) {
          if (!schemaConstraintKey(pCtx, pCmd, pCmd->pList->a[i], &azKey[nKey])) return false;
          nKey++;
        }
      } else {
        if (!schemaConstraintKey(pCtx, pCmd, pProp, &azKey[0])) return false;
        nKey = 1;
      }
    }
    for (uint32_t i = 0; i < nKey; i++) {
      for (uint32_t k = 0; k < i; k++) {
        if (strcmp(azKey[i], azKey[k]) == 0) {
          error_at(pErr, pCtx->zText, pCmd->iOfst, ERR_SYNTAX, "the property %s is listed twice", azKey[i]);
          return false;
        }
      }
    }
  }
  /* "a, b" for names and messages. */
  char zKeys[600];
  zKeys[0] = 0;
  for (uint32_t i = 0; i < nKey; i++) {
    size_t n = strlen(zKeys);
    snprintf(zKeys + n, sizeof(zKeys) - n, "%s%s", i ? ", " : "", azKey[i]);
  }
  char zDefault[300];
  const char *zName = pCmd->z;
  if (zName == NULL && pCmd->p1) {
    int n = snprintf(zDefault, sizeof(zDefault), "%s_%s",
                     kind == IDX_TEXT ? "text_index" : kind == IDX_POINT ? "point_index" : bIndex ? "index" : "constraint",
                     pCmd->p1->z);
    for (uint32_t i = 0; i < nKey && n > 0 && (size_t)n < sizeof(zDefault); i++) {
      n += snprintf(zDefault + n, sizeof(zDefault) - (size_t)n, "_%s", azKey[i]);
    }
    zName = zDefault;
  }
  if (bCreate) {
    int ent = pCmd->flags & AST_F_REL ? ENT_REL : ENT_NODE;
    const char *zEnts = ent == ENT_REL ? "relationships" : "nodes";
    /* ":Label" or "()-[:TYPE]-()" for messages. */
    char zOn[300];
    snprintf(zOn, sizeof(zOn), ent == ENT_REL ? "()-[:%s]-()" : ":%s", pCmd->p1->z);
    uint32_t label = ent == ENT_REL ? intern_add(&g->types, pCmd->p1->z, pCmd->p1->n)
                                    : intern_add(&g->labels, pCmd->p1->z, pCmd->p1->n);
    uint32_t aKey[INDEX_MAX_KEYS];
    for (uint32_t i = 0; i < nKey; i++) aKey[i] = intern_add(&g->keys, azKey[i], (uint32_t)strlen(azKey[i]));
    uint32_t key = aKey[0];
    bool bRangeLike = kind == IDX_RANGE || kind == IDX_UNIQUE || kind == IDX_KEY;
    PropIndex *pOld = bRangeLike ? index_find_keys_ent(g, ent, label, nKey, aKey)
                                 : index_find_kind_ent(g, ent, kind, label, key);
    if (pOld || index_find_by_name(g, zName)) {
      if (pCmd->flags & AST_F_IF_NOT_EXISTS) return true;
      if (pOld) {
        /* Name the one that exists, not the name this statement would give. */
        error_at(pErr, pCtx->zText, pCmd->iOfst, ERR_CONSTRAINT,
                 "%s on %s(%s) already exists, named %s", schemaKindPhrase(pOld->kind, ent), zOn,
                 zKeys, pOld->zName);
        return false;
      }
      error_at(pErr, pCtx->zText, pCmd->iOfst, ERR_CONSTRAINT,
               "an index or constraint named %s already exists", zName);
      return false;
    }
    bool bViolated;
    StrBuf why;
    strbuf_init(&why);
    IndexDesc d = {zName, (uint8_t)kind, (uint8_t)ent, 1, &label, nKey, aKey, zType};
    PropIndex *pNew = index_create(g, &d, &bViolated, &why);
    if (pNew == NULL) {
      if (bViolated) {
        if (kind == IDX_UNIQUE) {
          error_at(pErr, pCtx->zText, pCmd->iOfst, ERR_CONSTRAINT,
                   "existing %s already break the uniqueness of %s(%s): %s", zEnts, zOn, zKeys,
                   strbuf_cstr(&why));
        } else {
          error_at(pErr, pCtx->zText, pCmd->iOfst, ERR_CONSTRAINT, "existing %s already break %s on %s(%s): %s",
                   zEnts, schemaKindPhrase(kind, ent), zOn, zKeys, strbuf_cstr(&why));
        }
      } else {
        error_at(pErr, pCtx->zText, pCmd->iOfst, ERR_CONSTRAINT, "cannot create the index on %s(%s)", zOn, zKeys);
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
    uint32_t aKey[INDEX_MAX_KEYS];
    bool bKnown = label >= 0;
    for (uint32_t i = 0; i < nKey; i++) {
      int32_t key = intern_find(&g->keys, azKey[i], (uint32_t)strlen(azKey[i]));
      if (key < 0) bKnown = false;
      else aKey[i] = (uint32_t)key;
    }
    PropIndex *pIdx = bKnown ? index_find_keys(g, (uint32_t)label, nKey, aKey) : NULL;
    if (pIdx) zName = pIdx->zName;
  }
  PropIndex *pIdx = index_find_by_name(g, zName);
  if (pIdx == NULL && bIndex && fulltext_exists(g, zName)) {
    if (exec_out_of_memory(pCtx)) return false;
    fulltext_drop(g, zName);
    return true;
  }
  if (pIdx == NULL || !schemaKindFits(pIdx, bIndex)) {
    if (pCmd->flags & AST_F_IF_EXISTS) return true;
    error_at(pErr, pCtx->zText, pCmd->iOfst, ERR_CONSTRAINT, "there is no %s named %s",
             bIndex ? "index" : "constraint", zName);
    return false;
  }
  if (exec_out_of_memory(pCtx)) return false;
  index_drop(g, zName);   /* frees only: nothing after it can fail */
  return true;
}
