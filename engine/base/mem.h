/*
** mem.h — the single allocation chokepoint, and the statement's memory budget.
**
** Every heap allocation in Tangle goes through tg_malloc/tg_realloc/tg_free,
** and none of them returns NULL: code above never checks. Instead, running
** out is turned into a flag that the executor looks at with its interrupt
** checks, so a statement that runs out fails with ResourceLimit and is
** rolled back while the session (and the graph) live on:
**
**   - A statement runs inside a budget (mem_budget_begin): once the bytes it
**     added pass the budget, mem_exhausted() turns MEM_OVER_BUDGET. The
**     allocation itself succeeds; the statement stops at its next check
**     (every row, and every loop the interrupt check covers).
**   - When malloc itself fails, mem.c gives back a reserve it holds for the
**     purpose (address space it never touched), retries, and turns the flag
**     MEM_OUT. Only if the retry fails too does the process end, with a
**     message, as Redis does.
**
** mem_fail_after() injects that failure at the Nth allocation, for the
** allocation-failure tests (tests/unit/test_oom.c, ./build.sh oomtest).
** mem_in_use() reports live bytes for benchmarks and leak checks.
*/
#ifndef TANGLE_MEM_H
#define TANGLE_MEM_H

#include "base/common.h"

void *tg_malloc(size_t n);              /* never returns NULL */
void *tg_calloc(size_t n, size_t sz);   /* zeroed; never returns NULL */
void *tg_realloc(void *p, size_t n);    /* never returns NULL for n>0 */
void tg_free(void *p);                  /* NULL is fine */
/* As tg_realloc, but returns NULL (leaving p as it was) when malloc has no
** room, without touching the reserve or the flag: for growth that can fall
** back to asking for less (vec.c). */
void *tg_realloc_or_null(void *p, size_t n);
char *tg_strndup(const char *z, size_t n); /* NUL-terminated copy */
int64_t mem_in_use(void);               /* bytes currently allocated */

/* Why the running statement must stop, if it must. */
typedef enum MemState {
  MEM_FINE = 0,
  MEM_OVER_BUDGET,      /* the statement passed its budget */
  MEM_OUT               /* malloc failed (or a failure was injected) */
} MemState;

/* Opens a budget on the calling thread: its allocations may add nMaxBytes
** to what is in use (0: no cap, only MEM_OUT can happen); clears the flag
** and takes the reserve back if it was given out. Budgets nest: an inner
** begin while one is open (a second statement stepped while the first
** streams) keeps the outer one. Each thread has its own, so statements of
** different connections (engine/conn.c) do not count against each other. */
void mem_budget_begin(int64_t nMaxBytes);
void mem_budget_end(void);

/* A worker thread of a parallel query counts against the budget of the
** thread that started it: that thread passes mem_budget_current() to the
** worker, which adopts it (and adopts NULL before it ends). */
typedef struct MemBudget MemBudget;
MemBudget *mem_budget_current(void);
void mem_budget_adopt(MemBudget *b);

/* The calling thread's flag; cheap enough to read on every row. */
MemState mem_exhausted(void);

/* The Nth tg_malloc/tg_realloc from now behaves as if malloc had failed
** (0: never). mem_alloc_count() counts allocations since the process
** started, so a test can measure how many a statement makes. */
void mem_fail_after(int64_t n);
int64_t mem_alloc_count(void);

/* Writes a byte count as limits are written in messages: "4 MiB",
** "512 KiB", "1000 bytes" (the largest unit that divides it). */
void mem_format_size(size_t n, char *zOut, size_t nOut);

/* The default budget: half the machine's memory, or three quarters of the
** address-space limit (ulimit -v) when that is lower. */
int64_t mem_default_budget(void);

/* Asks the kernel to back [p, p+n) with pages now, in one call, rather
** than one page fault at a time as the memory is first written (a large
** share of a bulk load's time on virtual machines), with transparent huge
** pages where the system allows them. Only whole pages inside the block
** are touched; failures (old kernels) are harmless. */
void mem_prefault(void *p, size_t n);

#endif /* TANGLE_MEM_H */
