/*
** find.c — the tangle.find(text) procedure: multilingual entity lookup.
**
** Every node with a `name` or `aliases` property is a candidate. The query
** and each name are folded with utf8_fold_for_lookup() (case, accents,
** Arabic diacritics and alef/hamza forms, full-width forms, the Japanese
** middle dot, spacing), then scored:
**   1.0   the folded name equals the query
**   0.95  an alias equals the query
**   0.5+  the query is a whole word run inside a name or alias
**         (more of the name covered scores higher)
**   0.4+  the name or an alias is a whole word run inside the query, the
**         more of the query it covers the higher (up to 0.9): in
**         "Tesla's Texas Gigafactory" the factory outranks Texas and Tesla
**   0.1+  the query appears inside a word
** Words end at spaces and, since Chinese and Japanese are written without
** them, at every Han, kana or Hangul character: 「テスラのテキサス・
** ギガファクトリー」 holds the factory's alias as a whole word.
** Rows come best first, then by name.
*/
#include <stdlib.h>

#include "eval/proc.h"
#include "base/utf8.h"
#include "base/vec.h"

typedef struct FindHit {
  NodeId node;
  double score;
  const char *zName;
} FindHit;

/* Is c written without spaces between words (Han, kana, Hangul)? */
static bool findIsUnspaced(uint32_t c) {
  return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF66 && c <= 0xFF9F) || (c >= 0x20000 && c <= 0x2FFFF);
}

/* The character starting at byte i of z[0..n), and the one ending there. */
static uint32_t findCharAt(const char *z, size_t n, size_t i) { return utf8_next(z, n, &i); }
static uint32_t findCharBefore(const char *z, size_t i) {
  size_t k = i - 1;
  while (k > 0 && ((unsigned char)z[k] & 0xC0) == 0x80) k--;
  return utf8_next(z, i, &k);
}

/* Do words break at byte i of the folded text z[0..n)? */
static bool findIsBoundary(const char *z, size_t n, size_t i) {
  if (i == 0 || i >= n) return true;
  uint32_t a = findCharBefore(z, i), b = findCharAt(z, n, i);
  return a == ' ' || b == ' ' || findIsUnspaced(a) || findIsUnspaced(b);
}

/* Characters (code points) in z[0..n). */
static size_t findChars(const char *z, size_t n) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++) k += ((unsigned char)z[i] & 0xC0) != 0x80;
  return k;
}

/* The best score of the whole-word runs of zIn holding zWord (0 if none);
** bQueryInside: zWord is the query, else it is the candidate. */
static double findRuns(const char *zIn, size_t nIn, const char *zWord, size_t nWord, bool bQueryInside) {
  double best = 0.0;
  double ratio = (double)findChars(zWord, nWord) / (double)TG_MAX(findChars(zIn, nIn), 1);
  const char *p = zIn;
  while ((p = memmem(p, nIn - (size_t)(p - zIn), zWord, nWord)) != NULL) {
    size_t i = (size_t)(p - zIn);
    bool bWhole = findIsBoundary(zIn, nIn, i) && findIsBoundary(zIn, nIn, i + nWord);
    double s = bWhole ? (bQueryInside ? 0.5 + 0.4 * ratio : 0.4 + 0.5 * ratio)
                      : (bQueryInside ? 0.1 + 0.2 * ratio : 0.0);
    if (s > best) best = s;
    p++;
  }
  return best;
}

/* Score of one folded candidate against the folded query, or 0. */
static double findScore(const char *zCand, size_t nCand, const char *zQ, size_t nQ, bool bAlias) {
  if (nCand == 0 || nQ == 0) return 0.0;
  if (nCand == nQ && memcmp(zCand, zQ, nQ) == 0) return bAlias ? 0.95 : 1.0;
  if (nQ < nCand) return findRuns(zCand, nCand, zQ, nQ, true);
  return findRuns(zQ, nQ, zCand, nCand, false);
}

static int findCmp(const void *x, const void *y) {
  const FindHit *a = x, *b = y;
  if (a->score != b->score) return a->score > b->score ? -1 : 1;
  int c = strcmp(a->zName ? a->zName : "", b->zName ? b->zName : "");
  if (c) return c;
  return a->node < b->node ? -1 : a->node > b->node;
}

bool proc_tangle_find(struct tg_proc_ctx *pCall, const Value *aArg) {
  if (aArg[0].type != VAL_STRING) return true;
  const Graph *g = pCall->pCtx->pGraph;
  Arena a;
  arena_init(&a);
  size_t nQ;
  const char *zQ = utf8_fold_for_lookup(&a, aArg[0].u.z, aArg[0].n, &nQ);
  int32_t keyName = intern_find(&g->keys, "name", 4);
  int32_t keyAliases = intern_find(&g->keys, "aliases", 7);
  VEC(FindHit) hits = {0};
  for (NodeId n = 0; nQ && n < g->nNodeSlot && (keyName >= 0 || keyAliases >= 0); n++) {
    if (!graph_node_exists(g, n)) continue;
    ArenaMark m = arena_mark(&a);
    double best = 0.0;
    const Value *pName = keyName >= 0 ? graph_prop(g, ENT_NODE, n, (uint32_t)keyName) : NULL;
    if (pName && pName->type == VAL_STRING) {
      size_t nF;
      const char *zF = utf8_fold_for_lookup(&a, pName->u.z, pName->n, &nF);
      best = findScore(zF, nF, zQ, nQ, false);
    }
    const Value *pAl = keyAliases >= 0 ? graph_prop(g, ENT_NODE, n, (uint32_t)keyAliases) : NULL;
    for (uint32_t i = 0; pAl && pAl->type == VAL_LIST && i < pAl->n; i++) {
      const Value *e = &pAl->u.a[i];
      if (e->type != VAL_STRING) continue;
      size_t nF;
      const char *zF = utf8_fold_for_lookup(&a, e->u.z, e->n, &nF);
      double s = findScore(zF, nF, zQ, nQ, true);
      if (s > best) best = s;
    }
    arena_rewind(&a, m);
    if (best > 0.0) {
      FindHit h = {n, best, pName && pName->type == VAL_STRING ? pName->u.z : NULL};
      vec_push(&hits, h);
    }
  }
  if (hits.n) qsort(hits.a, hits.n, sizeof(FindHit), findCmp);
  for (uint32_t i = 0; i < hits.n; i++) {
    Value aOut[2] = {value_node(hits.a[i].node), value_float(hits.a[i].score)};
    proc_emit(pCall, aOut);
  }
  vec_free(&hits);
  arena_free(&a);
  return true;
}
