/*
** notify.c — a statement's notifications, and the walk that finds names
** the graph does not hold (see notify.h).
**
** The walk runs over the parsed statement before planning (the planner
** rewrites parts of the tree). It makes two passes: the first gathers
** what the statement itself writes (labels, types and keys in CREATE and
** MERGE patterns and in SET) and which variables patterns bind; the
** second reports what is read but neither in the graph nor written. A
** statement that SETs a whole map from a parameter or a row may write any
** key, so it reports no unknown keys.
**
** The LOAD CSV hint is found in two steps: preparing records which label
** and key each MATCH or MERGE after a LOAD CSV looks nodes up by; the
** LoadCsv operator, once it has read NOTIFY_CSV_ROWS rows, asks whether
** those have an index (one may have been created since preparing).
*/
#include "eval/notify.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "store/graph.h"
#include "store/index.h"
#include "syntax/walk.h"

/* ---- Types ---------------------------------------------------------------- */

typedef VEC(const char *) NotifyNames;   /* names borrowed from the AST */

/* What the walk has learnt about the statement. */
typedef struct NotifyWalk {
  Notices *pNotices;               /* where notifications go */
  const Graph *g;                  /* the graph names are looked up in */
  NotifyNames writtenLabels;       /* labels the statement writes */
  NotifyNames writtenTypes;        /* relationship types it creates */
  NotifyNames writtenKeys;         /* property keys it writes */
  NotifyNames patternVars;         /* variables bound by a node or relationship pattern */
  bool bAnyKey;                    /* some SET or CREATE may write any key */
  VEC(bool) writing;               /* during a walk: for each CREATE, MERGE and
                                      MERGE action around the node, whether its
                                      pattern writes (the last one decides) */
} NotifyWalk;

/* Is the node being visited inside a pattern that writes (CREATE, MERGE,
** but not their ON CREATE / ON MATCH actions)? */
static bool notifyWriting(const NotifyWalk *w) {
  return w->writing.n > 0 && w->writing.a[w->writing.n - 1];
}

/* Entering and leaving the nodes that change notifyWriting(). */
static void notifyEnterWrite(NotifyWalk *w, const AstNode *p) {
  if (p->kind == AST_CREATE || p->kind == AST_MERGE) vec_push(&w->writing, true);
  if (p->kind == AST_MERGE_ACTION) vec_push(&w->writing, false);
}
static void notifyLeaveWrite(AstWalker *pWalker, AstNode *p) {
  NotifyWalk *w = pWalker->pArg;
  if (p->kind == AST_CREATE || p->kind == AST_MERGE || p->kind == AST_MERGE_ACTION) w->writing.n--;
}

/* ---- API ------------------------------------------------------------------- */

void notices_free(Notices *p) {
  vec_free(&p->notes);
  vec_free(&p->csvLookups);
}

void notify_add(Notices *pNotices, int iOfst, const char *zCode, const char *zFmt, ...) {
  Notification n;
  n.zCode = zCode;
  n.iOfst = iOfst;
  va_list ap;
  va_start(ap, zFmt);
  vsnprintf(n.zMsg, sizeof(n.zMsg), zFmt, ap);
  va_end(ap);
  for (uint32_t i = 0; i < pNotices->notes.n; i++) {
    Notification *pOld = &pNotices->notes.a[i];
    if (strcmp(pOld->zCode, zCode) == 0 && strcmp(pOld->zMsg, n.zMsg) == 0) {
      if (iOfst >= 0 && (pOld->iOfst < 0 || iOfst < pOld->iOfst)) pOld->iOfst = iOfst;
      return;
    }
  }
  vec_push(&pNotices->notes, n);
}

/* ---- Pass 1: what the statement writes ------------------------------------ */

static bool notifyHasName(const NotifyNames *pv, const char *z);

/* Records a name of a label or type expression in the NotifyNames pArg
** (for ast_walk_labels). */
static void notifyWrittenLabel(AstNode *pLabel, void *pArg) {
  NotifyNames *pv = pArg;
  vec_push(pv, pLabel->z);
}

/* Records the keys of a map a write stores; a non-literal map may hold any. */
static void notifyWrittenMap(NotifyWalk *w, const AstNode *pMap) {
  if (pMap == NULL) return;
  if (pMap->kind != AST_MAP) {
    w->bAnyKey = true;
    return;
  }
  for (uint32_t i = 0; pMap->pList && i < pMap->pList->n; i++) {
    vec_push(&w->writtenKeys, pMap->pList->a[i]->z);
  }
}

/*
** Pass 1, a node at a time. Inside the patterns of CREATE and MERGE labels,
** types and keys are written, not read.
*/
static int notifyCollectNode(AstWalker *pWalker, AstNode *p) {
  NotifyWalk *w = pWalker->pArg;
  notifyEnterWrite(w, p);
  switch (p->kind) {
    case AST_NODE_PAT:
    case AST_REL_PAT:
      if (p->z && !notifyHasName(&w->patternVars, p->z)) vec_push(&w->patternVars, p->z);
      if (notifyWriting(w)) {
        ast_walk_labels(p->p1, notifyWrittenLabel,
                        p->kind == AST_REL_PAT ? &w->writtenTypes : &w->writtenLabels);
        notifyWrittenMap(w, p->p2);
      }
      break;
    case AST_SET_PROP:
    case AST_REMOVE_PROP:
      if (p->p1 && p->p1->kind == AST_PROP) vec_push(&w->writtenKeys, p->p1->z);
      break;
    case AST_SET_MAP:
      notifyWrittenMap(w, p->p2);
      break;
    case AST_SET_LABELS:
      ast_walk_labels(p->p2, notifyWrittenLabel, &w->writtenLabels);
      break;
    default:
      break;
  }
  return WALK_CONTINUE;
}

/* ---- Pass 2: what it reads ------------------------------------------------- */

static bool notifyHasName(const NotifyNames *pv, const char *z) {
  for (uint32_t i = 0; i < pv->n; i++) {
    if (strcmp(pv->a[i], z) == 0) return true;
  }
  return false;
}

/* Reports a label (or type) the graph lacks and the statement does not
** write; p is an AST_LABEL. */
static void notifyCheckName(NotifyWalk *w, const AstNode *p, bool bType) {
  if (notifyHasName(bType ? &w->writtenTypes : &w->writtenLabels, p->z)) return;
  const Graph *g = w->g;
  if (bType) {
    int32_t id = intern_find(&g->types, p->z, p->n);
    if (id < 0 || graph_type_count(g, (uint32_t)id) == 0) {
      notify_add(w->pNotices, p->iOfst, NOTIFY_UNKNOWN_REL_TYPE,
                 "the relationship type %s does not exist in the graph", p->z);
    }
  } else {
    int32_t id = intern_find(&g->labels, p->z, p->n);
    if (id < 0 || graph_label_count(g, (uint32_t)id) == 0) {
      notify_add(w->pNotices, p->iOfst, NOTIFY_UNKNOWN_LABEL, "the label %s does not exist in the graph",
                 p->z);
    }
  }
}

/* ast_walk_labels' callbacks for notifyCheckName, the NotifyWalk in pArg:
** a label of a node pattern or label test, a type of a relationship pattern. */
static void notifyCheckLabel(AstNode *pLabel, void *pArg) { notifyCheckName(pArg, pLabel, false); }
static void notifyCheckType(AstNode *pLabel, void *pArg) { notifyCheckName(pArg, pLabel, true); }
/* A label test (x:A) runs before types are known: x may be a relationship,
** so a name the graph has as a relationship type is not reported. */
static void notifyCheckLabelOrType(AstNode *pLabel, void *pArg) {
  const NotifyWalk *w = pArg;
  int32_t id = intern_find(&w->g->types, pLabel->z, pLabel->n);
  if (id >= 0 && graph_type_count(w->g, (uint32_t)id) > 0) return;
  notifyCheckName(pArg, pLabel, false);
}

/* Reports a property key the graph has never held (and the statement does
** not write); iOfst is where the text names it. */
static void notifyCheckKey(NotifyWalk *w, const char *z, int iOfst) {
  if (w->bAnyKey || z == NULL || notifyHasName(&w->writtenKeys, z)) return;
  int32_t id = intern_find(&w->g->keys, z, (uint32_t)strlen(z));
  if (id < 0 || !graph_key_stored(w->g, (uint32_t)id)) {
    notify_add(w->pNotices, iOfst, NOTIFY_UNKNOWN_PROPERTY_KEY,
               "the property key %s does not exist in the graph", z);
  }
}

static bool notifyIsPatternVar(const NotifyWalk *w, const AstNode *p) {
  return p && p->kind == AST_VAR && p->z && notifyHasName(&w->patternVars, p->z);
}

static int notifyReportNode(AstWalker *pWalker, AstNode *p);

/* Pass 2 over the subtree p (NULL: nothing), inside the walk pWalker. */
static void notifyReportTree(AstWalker *pWalker, AstNode *p) {
  AstWalker sub = {notifyReportNode, notifyLeaveWrite, pWalker->pArg, 0};
  ast_walk(p, &sub);
}

/*
** Pass 2, a node at a time. Names in the patterns of CREATE and MERGE are
** not reported (expressions inside them still are). Nodes whose children
** are not all read walk the ones that are themselves, and prune.
*/
static int notifyReportNode(AstWalker *pWalker, AstNode *p) {
  NotifyWalk *w = pWalker->pArg;
  bool bWrite = notifyWriting(w);
  switch (p->kind) {
    case AST_CREATE_INDEX:
    case AST_DROP_INDEX:
    case AST_CREATE_CONSTRAINT:
    case AST_DROP_CONSTRAINT:
    case AST_CREATE_FULLTEXT:
      return WALK_PRUNE;   /* schema commands name what is to come */
    case AST_NODE_PAT:
    case AST_REL_PAT: {
      if (!bWrite) ast_walk_labels(p->p1, p->kind == AST_REL_PAT ? notifyCheckType : notifyCheckLabel, w);
      AstNode *pMap = p->p2;
      if (pMap && pMap->kind == AST_MAP) {
        for (uint32_t i = 0; pMap->pList && i < pMap->pList->n; i++) {
          if (!bWrite) notifyCheckKey(w, pMap->pList->a[i]->z, pMap->pList->a[i]->iOfst);
          notifyReportTree(pWalker, pMap->pList->a[i]->p1);
        }
      } else {
        notifyReportTree(pWalker, pMap);
      }
      return WALK_PRUNE;
    }
    case AST_HAS_LABELS:
      ast_walk_labels(p->p2, notifyCheckLabelOrType, w);
      notifyReportTree(pWalker, p->p1);
      return WALK_PRUNE;
    case AST_SET_LABELS:
    case AST_REMOVE_LABELS:
      return WALK_PRUNE;   /* labels written or removed, not read */
    case AST_SET_PROP:
    case AST_REMOVE_PROP:
      /* The target's key is written; its entity and the value are read. */
      if (p->p1 && p->p1->kind == AST_PROP) notifyReportTree(pWalker, p->p1->p1);
      notifyReportTree(pWalker, p->p2);
      return WALK_PRUNE;
    case AST_PROP:
      if (notifyIsPatternVar(w, p->p1)) notifyCheckKey(w, p->z, p->iOfst);
      break;
    case AST_MAP_PROJ:
      if (notifyIsPatternVar(w, p->p1)) {
        for (uint32_t i = 0; p->pList && i < p->pList->n; i++) {
          if (p->pList->a[i]->kind == AST_MP_PROP) {
            notifyCheckKey(w, p->pList->a[i]->z, p->pList->a[i]->iOfst);
          }
        }
      }
      break;
    default:
      break;
  }
  notifyEnterWrite(w, p);
  return WALK_CONTINUE;
}

void notify_unknown_names(Notices *pNotices, const Graph *g, const AstNode *pAst) {
  NotifyWalk w;
  memset(&w, 0, sizeof(w));
  w.pNotices = pNotices;
  w.g = g;
  uint32_t iFirst = pNotices->notes.n;
  AstWalker collect = {notifyCollectNode, notifyLeaveWrite, &w, 0};
  ast_walk((AstNode *)pAst, &collect);
  AstWalker report = {notifyReportNode, notifyLeaveWrite, &w, 0};
  ast_walk((AstNode *)pAst, &report);
  /* The walk visits WHERE before the pattern it filters: put the new
  ** notifications in text order (insertion sort, stable, few items). */
  Notification *a = pNotices->notes.a;
  for (uint32_t i = iFirst + 1; i < pNotices->notes.n; i++) {
    Notification n = a[i];
    uint32_t j = i;
    while (j > iFirst && a[j - 1].iOfst > n.iOfst) {
      a[j] = a[j - 1];
      j--;
    }
    a[j] = n;
  }
  vec_free(&w.writing);
  vec_free(&w.writtenLabels);
  vec_free(&w.writtenTypes);
  vec_free(&w.writtenKeys);
  vec_free(&w.patternVars);
}

/* ---- LOAD CSV followed by MATCH or MERGE ------------------------------------ */

/* What the walk for LOAD CSV lookups keeps. */
typedef struct NotifyCsvWalk {
  Notices *pNotices;         /* where the lookups go */
  const char *zClause;       /* "MATCH" or "MERGE": the clause being read */
  bool bAfterCsv;            /* has a LOAD CSV come before the clause visited? */
  VEC(bool) saved;           /* bAfterCsv on entering each query and FOREACH
                                around the node: what follows them sees it again */
} NotifyCsvWalk;

/* Records the label-and-property lookup of a node pattern; walks into the
** paths of a pattern and stops at anything else. */
static int notifyCsvPatternNode(AstWalker *pWalker, AstNode *p) {
  NotifyCsvWalk *w = pWalker->pArg;
  if (p->kind == AST_PATH) return WALK_CONTINUE;
  if (p->kind != AST_NODE_PAT) return WALK_PRUNE;
  const AstNode *pLabel = p->p1;
  while (pLabel && pLabel->kind == AST_LABEL_AND) pLabel = pLabel->p1;
  if (pLabel == NULL || pLabel->kind != AST_LABEL || p->p2 == NULL || p->p2->kind != AST_MAP) {
    return WALK_PRUNE;
  }
  for (uint32_t i = 0; p->p2->pList && i < p->p2->pList->n; i++) {
    CsvLookup k = {w->zClause, pLabel->z, p->p2->pList->a[i]->z};
    vec_push(&w->pNotices->csvLookups, k);
  }
  return WALK_PRUNE;
}

/* Records the lookups of the patterns in pPatterns (MATCH) or of pPattern
** (MERGE), for clause zClause. */
static void notifyCsvPatterns(NotifyCsvWalk *w, AstList *pPatterns, AstNode *pPattern,
                              const char *zClause) {
  w->zClause = zClause;
  AstWalker walk = {notifyCsvPatternNode, NULL, w, 0};
  ast_walk_list(pPatterns, &walk);
  ast_walk(pPattern, &walk);
}

/*
** Walks the clauses of a query and of the queries inside it (UNION
** branches, CALL subqueries, the clauses of FOREACH), knowing whether a
** LOAD CSV came before each. A query or FOREACH starts from what was true
** before it and gives it back at its end (notifyCsvLeave): a LOAD CSV inside
** one is not before the clauses after it. Expressions are not entered.
*/
static int notifyCsvClauseNode(AstWalker *pWalker, AstNode *p) {
  NotifyCsvWalk *w = pWalker->pArg;
  switch (p->kind) {
    case AST_QUERY:
    case AST_FOREACH:
      vec_push(&w->saved, w->bAfterCsv);
      return WALK_CONTINUE;
    case AST_EXPLAIN:
    case AST_UNION:
    case AST_CALL_SUBQUERY:
      return WALK_CONTINUE;
    case AST_LOAD_CSV:
      w->bAfterCsv = true;
      return WALK_PRUNE;
    case AST_MATCH:
      if (w->bAfterCsv) notifyCsvPatterns(w, p->pList, NULL, "MATCH");
      return WALK_PRUNE;
    case AST_MERGE:
      if (w->bAfterCsv) notifyCsvPatterns(w, NULL, p->p1, "MERGE");
      return WALK_PRUNE;
    default:
      return WALK_PRUNE;
  }
}

static void notifyCsvLeave(AstWalker *pWalker, AstNode *p) {
  NotifyCsvWalk *w = pWalker->pArg;
  if (p->kind == AST_QUERY || p->kind == AST_FOREACH) w->bAfterCsv = w->saved.a[--w->saved.n];
}

void notify_find_csv_lookups(Notices *pNotices, const AstNode *pAst) {
  NotifyCsvWalk w = {pNotices, NULL, false, {0}};
  AstWalker walk = {notifyCsvClauseNode, notifyCsvLeave, &w, 0};
  ast_walk((AstNode *)pAst, &walk);
  vec_free(&w.saved);
}

/* Writes a label or key as Cypher needs it: as it is when it is a plain
** name, else in backticks (a backtick doubled). */
static void notifyPutName(char *zOut, size_t nOut, const char *z) {
  bool bPlain = (z[0] >= 'A' && z[0] <= 'Z') || (z[0] >= 'a' && z[0] <= 'z') || z[0] == '_';
  for (const char *c = z; *c && bPlain; c++) {
    bPlain = (*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_';
  }
  if (bPlain) {
    snprintf(zOut, nOut, "%s", z);
    return;
  }
  size_t n = 0;
  if (n + 1 < nOut) zOut[n++] = '`';
  for (const char *c = z; *c && n + 3 < nOut; c++) {
    if (*c == '`') zOut[n++] = '`';
    zOut[n++] = *c;
  }
  if (n + 1 < nOut) zOut[n++] = '`';
  zOut[n] = 0;
}

void notify_csv_rows(Notices *pNotices, const Graph *g) {
  for (uint32_t i = 0; i < pNotices->csvLookups.n; i++) {
    const CsvLookup *k = &pNotices->csvLookups.a[i];
    int32_t label = intern_find(&g->labels, k->zLabel, (uint32_t)strlen(k->zLabel));
    int32_t key = intern_find(&g->keys, k->zKey, (uint32_t)strlen(k->zKey));
    if (label >= 0 && key >= 0 && index_find(g, (uint32_t)label, (uint32_t)key)) continue;
    char zLabel[100], zKey[100];
    notifyPutName(zLabel, sizeof(zLabel), k->zLabel);
    notifyPutName(zKey, sizeof(zKey), k->zKey);
    notify_add(pNotices, -1, NOTIFY_MISSING_INDEX,
               "LOAD CSV has read more than %d rows, and each one runs a %s on :%s(%s), which has no "
               "index, so every row scans all :%s nodes; create the index first: "
               "CREATE INDEX FOR (n:%s) ON (n.%s)",
               NOTIFY_CSV_ROWS, k->zClause, zLabel, zKey, zLabel, zLabel, zKey);
  }
}
