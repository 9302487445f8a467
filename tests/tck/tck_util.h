/*
** tck_util.h — the few helpers of the TCK runner that the engine does not
** already provide: a strdup, growable arrays inside an arena, and a
** whole-file reader.
**
** Everything else comes from the engine's own pieces, which the runner
** links from libtangle.a: tg_malloc()/tg_calloc()/tg_realloc()/tg_free()
** and tg_strndup() (mem.h; they never return NULL, so the runner has no
** out-of-memory path), StrBuf (strbuf.h), VEC (vec.h) and Arena (arena.h).
** Memory from these helpers is likewise freed with tg_free().
*/
#ifndef TCK_UTIL_H
#define TCK_UTIL_H

#include <stddef.h>

#include "base/arena.h"
#include "base/mem.h"
#include "base/strbuf.h"
#include "base/vec.h"

/* tg_strndup() of the whole of z: a NUL-terminated copy, freed with tg_free(). */
char *tck_strdup(const char *z);

/*
** Makes room for one more element in an arena array that holds n
** elements of nSize bytes and that has only ever been grown by this
** function (its capacity is then the smallest power of two >= n).
** Returns the array, copied into fresh zeroed arena memory when it was
** full (the old copy is abandoned to the arena); capacity doubles, so
** appends are amortised O(1). Usage:
**   a = tck_arena_grow(pArena, a, n, sizeof(a[0])); a[n++] = x;
** The parsed TCK suite lives in arenas so that the parent process holds
** few heap blocks: LeakSanitizer walks every live block at each child's
** exit, and a block per string made that walk dominate the sanitizer
** build's run time.
*/
void *tck_arena_grow(Arena *p, void *a, int n, size_t nSize);

/* Returns a NUL-terminated copy of a file's contents (free it with
** tg_free()), or NULL (with errno set) when it cannot be read. */
char *tck_read_file(const char *zPath);

#endif /* TCK_UTIL_H */
