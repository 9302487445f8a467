/*
** fingerprint.h — a canonical text of a graph's content, for tests that
** compare two databases (crash recovery, dump and export round trips):
** one line per node (labels, properties) and per relationship (its
** type, properties and both ends' properties), sorted, so that ids, the
** order of creation and the order of a node's properties do not matter. Static functions: include it.
*/
#ifndef TANGLE_FINGERPRINT_H
#define TANGLE_FINGERPRINT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tangle.h"

static int fingerprintCmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A value as text; a map's entries sorted by key (a property map's order
** is not part of the graph: a rolled-back removal puts a property back at
** the end). Malloc'd. */
static char *fingerprintValue(tg_db *db, const tg_value *v) {
  if (tg_value_type(v) != TG_MAP) {
    char *z = tg_value_format(db, v), *zCopy = strdup(z);
    tg_free(z);
    return zCopy;
  }
  int n = tg_value_size(v);
  char **az = calloc((size_t)n + 1, sizeof(char *));
  size_t nAll = 3;
  for (int i = 0; i < n; i++) {
    char *zVal = tg_value_format(db, tg_value_item(v, i));
    const char *zKey = tg_value_key(v, i);
    az[i] = malloc(strlen(zKey) + strlen(zVal) + 3);
    sprintf(az[i], "%s: %s", zKey, zVal);
    tg_free(zVal);
    nAll += strlen(az[i]) + 2;
  }
  if (n) qsort(az, (size_t)n, sizeof(char *), fingerprintCmp);
  char *z = malloc(nAll);
  strcpy(z, "{");
  for (int i = 0; i < n; i++) {
    strcat(z, az[i]);
    strcat(z, i + 1 < n ? ", " : "");
    free(az[i]);
  }
  strcat(z, "}");
  free(az);
  return z;
}

/* Appends the rows of zQuery, each a line of its formatted columns. */
static void fingerprintRows(tg_db *db, const char *zQuery, char ***paLine, size_t *pn, size_t *pnCap) {
  tg_stmt *p = NULL;
  if (tg_prepare(db, zQuery, -1, &p, NULL) != TG_OK) abort();
  while (tg_step(p) == TG_ROW) {
    size_t nLine = 1, nCol = (size_t)tg_column_count(p);
    char **az = calloc(nCol, sizeof(char *));
    for (size_t i = 0; i < nCol; i++) {
      az[i] = fingerprintValue(db, tg_column_value(p, (int)i));
      nLine += strlen(az[i]) + 1;
    }
    char *z = malloc(nLine);
    z[0] = 0;
    for (size_t i = 0; i < nCol; i++) {
      strcat(z, az[i]);
      strcat(z, i + 1 < nCol ? "|" : "");
      free(az[i]);
    }
    free(az);
    if (*pn == *pnCap) {
      *pnCap = *pnCap ? 2 * *pnCap : 64;
      *paLine = realloc(*paLine, sizeof(char *) * *pnCap);
    }
    (*paLine)[(*pn)++] = z;
  }
  tg_finalize(p);
}

/* The fingerprint, malloc'd; the caller frees it. */
static char *fingerprint(tg_db *db) {
  char **aLine = NULL;
  size_t n = 0, nCap = 0;
  fingerprintRows(db, "MATCH (n) RETURN 'node', labels(n), properties(n)", &aLine, &n, &nCap);
  fingerprintRows(db, "MATCH (a)-[r]->(b) RETURN 'rel', type(r), properties(r), labels(a), properties(a), "
                      "labels(b), properties(b)",
                  &aLine, &n, &nCap);
  if (n) qsort(aLine, n, sizeof(char *), fingerprintCmp);
  size_t nAll = 1;
  for (size_t i = 0; i < n; i++) nAll += strlen(aLine[i]) + 1;
  char *z = malloc(nAll), *zAt = z;
  for (size_t i = 0; i < n; i++) {
    size_t k = strlen(aLine[i]);
    memcpy(zAt, aLine[i], k);
    zAt[k] = '\n';
    zAt += k + 1;
    free(aLine[i]);
  }
  *zAt = 0;
  free(aLine);
  return z;
}

/* Problems db.checkIntegrity() reports (0: clean). */
static int fingerprintIntegrity(tg_db *db) {
  tg_stmt *p = NULL;
  if (tg_prepare(db, "CALL db.checkIntegrity()", -1, &p, NULL) != TG_OK) abort();
  int n = 0;
  while (tg_step(p) == TG_ROW) n++;
  tg_finalize(p);
  return n;
}

#endif /* TANGLE_FINGERPRINT_H */
