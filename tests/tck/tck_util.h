/*
** tck_util.h — small helpers shared by the TCK runner's files: allocation
** that never returns NULL, growable arrays, a growable string buffer, a
** bump allocator (arena) and a whole-file reader.
**
** The runner is a test program, so running out of memory is not worth a
** recovery path: tck_malloc() and friends print a message and abort.
** Nothing here touches the engine; only tests/tck/ uses it.
*/
#ifndef TCK_UTIL_H
#define TCK_UTIL_H

#include <stddef.h>

/* Allocation wrappers: abort on failure, never return NULL. */
void *tck_malloc(size_t n);
void *tck_calloc(size_t nElem, size_t nSize);
void *tck_realloc(void *p, size_t n);
char *tck_strdup(const char *z);
char *tck_strndup(const char *z, size_t n);

/*
** Makes room for one more element in an array that holds n elements of
** nSize bytes and that has only ever been grown by this function (its
** capacity is then the smallest power of two >= n). Returns the array,
** moved when it had to grow; capacity doubles, so appends are amortised
** O(1). Usage: a = tck_array_grow(a, n, sizeof(a[0])); a[n++] = x;
*/
void *tck_array_grow(void *a, int n, size_t nSize);

/*
** A growable NUL-terminated byte string. Zero-initialise it ({0}) before
** use; z is NULL until the first append. tck_buf_detach() hands z to the
** caller (who frees it with free()) and resets the buffer; tck_buf_free()
** frees it in place.
*/
typedef struct TckBuf {
  char *z;      /* the bytes, always NUL-terminated once non-NULL */
  size_t n;     /* bytes used, excluding the NUL */
  size_t nAlloc; /* bytes allocated */
} TckBuf;

void tck_buf_append(TckBuf *p, const char *z, size_t n);
void tck_buf_puts(TckBuf *p, const char *z);
void tck_buf_putc(TckBuf *p, char c);
void tck_buf_printf(TckBuf *p, const char *zFmt, ...)
    __attribute__((format(printf, 2, 3)));
char *tck_buf_detach(TckBuf *p);
void tck_buf_free(TckBuf *p);

/*
** A bump allocator: many small allocations carved out of a few large
** chunks and freed together by tck_arena_free(). The parsed TCK suite
** lives in arenas so that the parent process holds few heap blocks:
** LeakSanitizer walks every live block at each child's exit, and a
** block per string made that walk dominate the sanitizer build's run
** time. Zero-initialise a TckArena ({0}) before use.
*/
typedef struct TckArenaChunk TckArenaChunk;
typedef struct TckArena {
  TckArenaChunk *pChunk;  /* newest chunk first, or NULL */
  size_t nUsed;           /* bytes used in pChunk */
  size_t nSize;           /* bytes available in pChunk */
} TckArena;

void *tck_arena_alloc(TckArena *p, size_t n);   /* zeroed, suitably aligned */
/* tck_array_grow() for arrays in an arena: the old copy is abandoned. */
void *tck_arena_grow(TckArena *p, void *a, int n, size_t nSize);
char *tck_arena_strndup(TckArena *p, const char *z, size_t n);
char *tck_arena_strdup(TckArena *p, const char *z);
void tck_arena_free(TckArena *p);

/* Returns a malloc'd NUL-terminated copy of a file's contents, or NULL
** (with errno set) when it cannot be read. */
char *tck_read_file(const char *zPath);

#endif /* TCK_UTIL_H */
