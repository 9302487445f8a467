/*
** mem.c — the only caller of malloc, realloc and free.
**
** A small header before each block records its size so mem_in_use() can
** report live bytes (used by the benchmarks for memory per relationship).
** Exhaustion prints a message and aborts: see mem.h for why.
*/
#include "base/mem.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

/* Header kept in front of each allocation; 16 bytes keeps the payload
** aligned for any type we store. */
typedef struct MemHeader {
  size_t nSize;    /* payload size in bytes */
  size_t pad;      /* keeps the payload 16-byte aligned */
} MemHeader;

/* Relaxed atomic: worker threads may allocate while the main thread runs. */
static _Atomic int64_t memInUse = 0;

static void memAdd(int64_t n) {
  atomic_fetch_add_explicit(&memInUse, n, memory_order_relaxed);
}

static void memOutOfMemory(size_t n) {
  fprintf(stderr, "tangle: out of memory (allocating %zu bytes)\n", n);
  abort();
}

void *tg_malloc(size_t n) {
  MemHeader *p = malloc(sizeof(MemHeader) + n);
  if (p == NULL) memOutOfMemory(n);
  p->nSize = n;
  memAdd((int64_t)n);
  return p + 1;
}

void *tg_calloc(size_t n, size_t sz) {
  if (sz && n > SIZE_MAX / sz) memOutOfMemory(SIZE_MAX);
  void *p = tg_malloc(n * sz);
  memset(p, 0, n * sz);
  return p;
}

void *tg_realloc(void *pOld, size_t n) {
  if (pOld == NULL) return tg_malloc(n);
  MemHeader *pH = (MemHeader *)pOld - 1;
  size_t nOld = pH->nSize;
  MemHeader *pNew = realloc(pH, sizeof(MemHeader) + n);
  if (pNew == NULL) memOutOfMemory(n);
  pNew->nSize = n;
  memAdd((int64_t)n - (int64_t)nOld);
  return pNew + 1;
}

void tg_free(void *p) {
  if (p == NULL) return;
  MemHeader *pH = (MemHeader *)p - 1;
  memAdd(-(int64_t)pH->nSize);
  free(pH);
}

char *tg_strndup(const char *z, size_t n) {
  char *p = tg_malloc(n + 1);
  if (n) memcpy(p, z, n);
  p[n] = 0;
  return p;
}

int64_t mem_in_use(void) {
  return atomic_load_explicit(&memInUse, memory_order_relaxed);
}
