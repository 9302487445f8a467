/*
** mem.c — the only caller of malloc, realloc and free.
**
** A small header before each block records its size so mem_in_use() can
** report live bytes, and so the statement budget can count them. See mem.h
** for how running out becomes a statement error instead of an abort.
*/
#include "base/mem.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

/* Header kept in front of each allocation; 16 bytes keeps the payload
** aligned for any type we store. */
typedef struct MemHeader {
  size_t nSize;    /* payload size in bytes */
  size_t pad;      /* keeps the payload 16-byte aligned */
} MemHeader;

/* Address space held back for running out: large enough for a statement
** to unwind and roll back. malloc serves it with mmap and nothing writes
** it, so it costs no resident memory. */
#define MEM_RESERVE_BYTES (64u << 20)

/* Relaxed atomics: worker threads allocate while the main thread runs. */
static _Atomic int64_t memInUse = 0;
static _Atomic int64_t memAllocs = 0;
static _Atomic int64_t memFailAt = 0;       /* allocation number that fails; 0: none */
static void *_Atomic memReserve = NULL;

/* A statement's budget. Budgets are per thread, since the connections of
** a server run statements side by side (engine/conn.c); a parallel
** query's workers count against the budget of the thread that started
** them (mem_budget_adopt). */
struct MemBudget {
  _Atomic int64_t nAdded;   /* net bytes allocated since the budget opened */
  int64_t nLimit;           /* bytes it may add; 0: none */
  _Atomic int eState;       /* MemState */
  int nDepth;               /* nested begins on the owning thread */
};
static _Thread_local MemBudget memOwnBudget;
static _Thread_local MemBudget *memBudget;  /* what this thread's allocations count to, or NULL */

static void memAdd(int64_t n) {
  atomic_fetch_add_explicit(&memInUse, n, memory_order_relaxed);
  MemBudget *b = memBudget;
  if (b == NULL) return;
  int64_t now = atomic_fetch_add_explicit(&b->nAdded, n, memory_order_relaxed) + n;
  if (b->nLimit && n > 0 && now > b->nLimit &&
      atomic_load_explicit(&b->eState, memory_order_relaxed) == MEM_FINE) {
    atomic_store_explicit(&b->eState, MEM_OVER_BUDGET, memory_order_relaxed);
  }
}

/* Flags this thread's statement as out of memory. */
static void memFlagOut(void) {
  if (memBudget) atomic_store_explicit(&memBudget->eState, MEM_OUT, memory_order_relaxed);
}

/* Counts an allocation; true when it is the one chosen to fail. */
static bool memInjectedFailure(void) {
  int64_t k = atomic_fetch_add_explicit(&memAllocs, 1, memory_order_relaxed) + 1;
  int64_t at = atomic_load_explicit(&memFailAt, memory_order_relaxed);
  return at != 0 && k == at;
}

/* malloc (or realloc) failed for n bytes: give the reserve back so the
** statement can unwind, and flag it. False when there is nothing left to
** give, and the process must end. */
static bool memRunOut(void) {
  memFlagOut();
  void *p = atomic_exchange(&memReserve, NULL);
  if (p == NULL) return false;
  free(p);
  return true;
}

/* An injected failure stands for malloc failing and the retry, after
** giving the reserve back, succeeding: the flag turns and the allocation
** is served. (The reserve itself is kept; the shell test under ulimit -v
** runs the real path.) */
static void memInjectFailure(void) { memFlagOut(); }

static void memOutOfMemory(size_t n) {
  fprintf(stderr, "tangle: out of memory (allocating %zu bytes)\n", n);
  abort();
}

void *tg_malloc(size_t n) {
  if (memInjectedFailure()) memInjectFailure();
  MemHeader *p = malloc(sizeof(MemHeader) + n);
  if (p == NULL) {
    if (!memRunOut() || (p = malloc(sizeof(MemHeader) + n)) == NULL) memOutOfMemory(n);
  }
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
  if (memInjectedFailure()) memInjectFailure();
  MemHeader *pH = (MemHeader *)pOld - 1;
  size_t nOld = pH->nSize;
  MemHeader *pNew = realloc(pH, sizeof(MemHeader) + n);
  if (pNew == NULL) {
    if (!memRunOut() || (pNew = realloc(pH, sizeof(MemHeader) + n)) == NULL) memOutOfMemory(n);
  }
  pNew->nSize = n;
  memAdd((int64_t)n - (int64_t)nOld);
  return pNew + 1;
}

void *tg_realloc_or_null(void *pOld, size_t n) {
  MemHeader *pH = pOld ? (MemHeader *)pOld - 1 : NULL;
  size_t nOld = pH ? pH->nSize : 0;
  MemHeader *pNew = realloc(pH, sizeof(MemHeader) + n);
  if (pNew == NULL) return NULL;
  atomic_fetch_add_explicit(&memAllocs, 1, memory_order_relaxed);
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

void mem_budget_begin(int64_t nMaxBytes) {
  MemBudget *b = &memOwnBudget;
  if (b->nDepth++ > 0) return;
  if (atomic_load(&memReserve) == NULL) {
    void *p = malloc(MEM_RESERVE_BYTES), *pNull = NULL;
    if (p && !atomic_compare_exchange_strong(&memReserve, &pNull, p)) free(p);
  }
  atomic_store_explicit(&b->nAdded, 0, memory_order_relaxed);
  atomic_store_explicit(&b->eState, MEM_FINE, memory_order_relaxed);
  b->nLimit = nMaxBytes > 0 ? nMaxBytes : 0;
  memBudget = b;
}

void mem_budget_end(void) {
  MemBudget *b = &memOwnBudget;
  if (b->nDepth == 0 || --b->nDepth > 0) return;
  memBudget = NULL;
  b->nLimit = 0;
  atomic_store_explicit(&b->eState, MEM_FINE, memory_order_relaxed);
}

MemBudget *mem_budget_current(void) { return memBudget; }

void mem_budget_adopt(MemBudget *b) { memBudget = b; }

MemState mem_exhausted(void) {
  MemBudget *b = memBudget;
  return b ? (MemState)atomic_load_explicit(&b->eState, memory_order_relaxed) : MEM_FINE;
}

void mem_fail_after(int64_t n) {
  int64_t now = atomic_load_explicit(&memAllocs, memory_order_relaxed);
  atomic_store_explicit(&memFailAt, n > 0 ? now + n : 0, memory_order_relaxed);
}

int64_t mem_alloc_count(void) {
  return atomic_load_explicit(&memAllocs, memory_order_relaxed);
}

int64_t mem_default_budget(void) {
  long nPages = sysconf(_SC_PHYS_PAGES), nPage = sysconf(_SC_PAGESIZE);
  int64_t nBudget = nPages > 0 && nPage > 0 ? (int64_t)nPages * nPage / 2 : (int64_t)4 << 30;
  struct rlimit rl;
  if (getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY) {
    int64_t nAs = (int64_t)(rl.rlim_cur / 4 * 3);
    if (nAs < nBudget) nBudget = nAs;
  }
  return nBudget;
}

void mem_format_size(size_t n, char *zOut, size_t nOut) {
  if (n >= ((size_t)1 << 30) && n % ((size_t)1 << 30) == 0) {
    snprintf(zOut, nOut, "%zu GiB", n >> 30);
  } else if (n >= ((size_t)1 << 20) && n % ((size_t)1 << 20) == 0) {
    snprintf(zOut, nOut, "%zu MiB", n >> 20);
  } else if (n >= 1024 && n % 1024 == 0) {
    snprintf(zOut, nOut, "%zu KiB", n >> 10);
  } else {
    snprintf(zOut, nOut, "%zu byte%s", n, n == 1 ? "" : "s");
  }
}

void mem_prefault(void *p, size_t n) {
  const uintptr_t nPage = (uintptr_t)sysconf(_SC_PAGESIZE);
  uintptr_t a = ((uintptr_t)p + nPage - 1) & ~(nPage - 1);
  uintptr_t b = ((uintptr_t)p + n) & ~(nPage - 1);
  if (b <= a) return;
#ifdef MADV_HUGEPAGE
  madvise((void *)a, b - a, MADV_HUGEPAGE);
#endif
#ifdef MADV_POPULATE_WRITE
  madvise((void *)a, b - a, MADV_POPULATE_WRITE);
#endif
}
