/*
** mem.h — the single allocation chokepoint.
**
** Every heap allocation in Tangle goes through tg_malloc/tg_realloc/tg_free.
** Running out of memory ends the process with a message, as Redis does:
** sizes a user controls (list lengths, string repeats, ranges) are checked
** against limits before allocating, so a query cannot ask for the
** impossible; what remains is a genuine exhaustion of the machine.
** mem_in_use() reports live bytes for benchmarks and leak checks.
*/
#ifndef TANGLE_MEM_H
#define TANGLE_MEM_H

#include "base/common.h"

void *tg_malloc(size_t n);              /* never returns NULL */
void *tg_calloc(size_t n, size_t sz);   /* zeroed; never returns NULL */
void *tg_realloc(void *p, size_t n);    /* never returns NULL for n>0 */
void tg_free(void *p);                  /* NULL is fine */
char *tg_strndup(const char *z, size_t n); /* NUL-terminated copy */
int64_t mem_in_use(void);               /* bytes currently allocated */

#endif /* TANGLE_MEM_H */
