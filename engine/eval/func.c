/*
** func.c — the registry of built-in functions (see func.h).
**
** Gathers every family's FuncDef table into one hash table keyed by the
** lower-cased name (XXH3), built once on first use under pthread_once so
** that lookups are thread-safe afterwards.
*/
#include "eval/func.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/htab.h"
#include "base/mem.h"
#include "base/suggest.h"

typedef struct FuncFamily {
  const FuncDef *aDef;
  const int *pnDef;
} FuncFamily;

static const FuncFamily aFuncFamily[] = {
    {func_string_defs, &func_string_count},   {func_math_defs, &func_math_count},
    {func_list_defs, &func_list_count},       {func_graph_defs, &func_graph_count},
    {func_convert_defs, &func_convert_count}, {func_temporal_defs, &func_temporal_count},
    {func_spatial_defs, &func_spatial_count}, {func_agg_defs, &func_agg_count},
};

static HTab funcTable;                 /* lower-case name -> index in funcAll */
static const FuncDef **funcAll;        /* every definition, sorted by name */
static int funcCount;
static pthread_once_t funcOnce = PTHREAD_ONCE_INIT;

typedef struct FuncKey {
  const char *z;
  size_t n;
} FuncKey;

static uint64_t funcHashLower(const char *z, size_t n) {
  char aBuf[128];
  if (n > sizeof(aBuf)) n = sizeof(aBuf);
  for (size_t i = 0; i < n; i++) {
    char c = z[i];
    aBuf[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
  }
  return htab_hash_bytes(aBuf, n);
}

static bool funcEq(const void *pCtx, uint32_t iEntry, const void *pKey) {
  (void)pCtx;
  const FuncKey *k = pKey;
  const char *zName = funcAll[iEntry]->zName;
  return strlen(zName) == k->n && strncasecmp(zName, k->z, k->n) == 0;
}

static int funcCmpName(const void *a, const void *b) {
  return strcmp((*(const FuncDef *const *)a)->zName, (*(const FuncDef *const *)b)->zName);
}

/* Builds the table once; called through pthread_once. */
static void funcBuildTable(void) {
  int n = 0;
  for (int i = 0; i < ARRAY_SIZE(aFuncFamily); i++) n += *aFuncFamily[i].pnDef;
  funcAll = malloc(sizeof(FuncDef *) * (size_t)(n ? n : 1));  /* lives for the process */
  if (funcAll == NULL) abort();
  for (int i = 0; i < ARRAY_SIZE(aFuncFamily); i++) {
    for (int k = 0; k < *aFuncFamily[i].pnDef; k++) funcAll[funcCount++] = &aFuncFamily[i].aDef[k];
  }
  qsort(funcAll, (size_t)funcCount, sizeof(FuncDef *), funcCmpName);
  htab_init(&funcTable);
  for (int i = 0; i < funcCount; i++) {
    const char *z = funcAll[i]->zName;
    htab_insert(&funcTable, funcHashLower(z, strlen(z)), (uint32_t)i);
  }
}

const FuncDef *func_lookup(const char *zName, size_t n) {
  pthread_once(&funcOnce, funcBuildTable);
  if (n > 128) return NULL;
  FuncKey k = {zName, n};
  int64_t i = htab_find(&funcTable, funcHashLower(zName, n), funcEq, NULL, &k);
  return i < 0 ? NULL : funcAll[i];
}

const char *func_nearest(const char *zName, size_t n) {
  pthread_once(&funcOnce, funcBuildTable);
  Suggest s;
  suggest_init(&s, zName, n);
  for (int i = 0; i < funcCount; i++) {
    if (!(funcAll[i]->flags & FUNCF_HIDDEN)) suggest_consider(&s, funcAll[i]->zName);
  }
  return suggest_best(&s);
}

void func_foreach(void (*xEach)(const FuncDef *, void *), void *pArg) {
  pthread_once(&funcOnce, funcBuildTable);
  for (int i = 0; i < funcCount; i++) {
    if (!(funcAll[i]->flags & FUNCF_HIDDEN)) xEach(funcAll[i], pArg);
  }
}

void func_error(FuncCtx *pCtx, ErrId eId, ...) {
  va_list ap;
  va_start(ap, eId);
  error_vat(pCtx->pErr, pCtx->zText, pCtx->iOfst, eId, ap);
  va_end(ap);
  pCtx->pErr->bRuntime = true;
}

void func_type_error(FuncCtx *pCtx, const char *zFunc, const char *zArg, const char *zWant,
                     const Value *p) {
  char zMsg[200];
  snprintf(zMsg, sizeof(zMsg), "%s(): %s must be %s, not %s", zFunc, zArg, zWant,
           value_type_name(p->type));
  func_error(pCtx, ERR_TYPE_MISMATCH, zMsg);
}
