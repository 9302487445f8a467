/*
** tck_util.c — allocation wrappers, growable arrays, the TckBuf string
** buffer, the TckArena bump allocator and a file reader for the TCK
** runner (see tck_util.h).
*/
#include "tck_util.h"

#include <stdalign.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Allocation ---------------------------------------------------------- */

/* Reports an allocation failure and aborts: the runner has no OOM path. */
static void tckUtilOom(size_t n) {
  fprintf(stderr, "tck_runner: out of memory (%zu bytes)\n", n);
  abort();
}

/* The wrappers below behave as their libc namesakes but never return NULL;
** a request for 0 bytes allocates 1 so that the result is never NULL either. */
void *tck_malloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (p == NULL) tckUtilOom(n);
  return p;
}

void *tck_calloc(size_t nElem, size_t nSize) {
  void *p = calloc(nElem ? nElem : 1, nSize ? nSize : 1);
  if (p == NULL) tckUtilOom(nElem * nSize);
  return p;
}

void *tck_realloc(void *p, size_t n) {
  void *pNew = realloc(p, n ? n : 1);
  if (pNew == NULL) tckUtilOom(n);
  return pNew;
}

char *tck_strndup(const char *z, size_t n) {
  char *zNew = tck_malloc(n + 1);
  memcpy(zNew, z, n);
  zNew[n] = 0;
  return zNew;
}

char *tck_strdup(const char *z) { return tck_strndup(z, strlen(z)); }

/* Doubles the array when n is 0 or a power of two (see tck_util.h). */
void *tck_array_grow(void *a, int n, size_t nSize) {
  if (n > 0 && (n & (n - 1)) != 0) return a;   /* not full: capacity is a larger power of two */
  size_t nNew = n > 0 ? (size_t)n * 2 : 1;
  return tck_realloc(a, nNew * nSize);
}

/* ---- TckBuf ---------------------------------------------------------------- */

/* Makes room for nMore further bytes plus the terminating NUL. */
static void tckBufReserve(TckBuf *p, size_t nMore) {
  if (p->n + nMore + 1 <= p->nAlloc) return;
  size_t nNew = p->nAlloc ? p->nAlloc * 2 : 64;
  while (nNew < p->n + nMore + 1) nNew *= 2;
  p->z = tck_realloc(p->z, nNew);
  p->nAlloc = nNew;
}

/* Appends n bytes (which may include NULs) and keeps the buffer terminated. */
void tck_buf_append(TckBuf *p, const char *z, size_t n) {
  tckBufReserve(p, n);
  if (n) memcpy(p->z + p->n, z, n);
  p->n += n;
  p->z[p->n] = 0;
}

void tck_buf_puts(TckBuf *p, const char *z) { tck_buf_append(p, z, strlen(z)); }

void tck_buf_putc(TckBuf *p, char c) { tck_buf_append(p, &c, 1); }

void tck_buf_printf(TckBuf *p, const char *zFmt, ...) {
  /* Format into the free space; if it was too small, grow and repeat. */
  tckBufReserve(p, 128);
  for (;;) {
    size_t nAvail = p->nAlloc - p->n;
    va_list ap;
    va_start(ap, zFmt);
    int n = vsnprintf(p->z + p->n, nAvail, zFmt, ap);
    va_end(ap);
    if (n < 0) {
      p->z[p->n] = 0;
      return;
    }
    if ((size_t)n < nAvail) {
      p->n += (size_t)n;
      return;
    }
    tckBufReserve(p, (size_t)n);
  }
}

/* Hands the string to the caller ("" for an empty buffer) and resets p. */
char *tck_buf_detach(TckBuf *p) {
  char *z = p->z ? p->z : tck_strdup("");
  p->z = NULL;
  p->n = p->nAlloc = 0;
  return z;
}

void tck_buf_free(TckBuf *p) {
  free(p->z);
  p->z = NULL;
  p->n = p->nAlloc = 0;
}

/* ---- TckArena -------------------------------------------------------------- */

/* One chunk of an arena; its data follows the header. */
struct TckArenaChunk {
  TckArenaChunk *pNext;   /* older chunk */
  max_align_t aData[];    /* the bytes handed out */
};

/* Default chunk payload; bigger requests get a chunk of their own size. */
#define TCK_ARENA_CHUNK ((size_t)64 * 1024)

/* Carves n zeroed bytes, rounded up to max_align_t, from the newest chunk,
** starting a new chunk when it does not fit. */
void *tck_arena_alloc(TckArena *p, size_t n) {
  size_t nAlign = alignof(max_align_t);
  n = (n + nAlign - 1) / nAlign * nAlign;
  if (p->pChunk == NULL || p->nSize - p->nUsed < n) {
    size_t nSize = n > TCK_ARENA_CHUNK ? n : TCK_ARENA_CHUNK;
    TckArenaChunk *pNew = tck_malloc(sizeof(TckArenaChunk) + nSize);
    pNew->pNext = p->pChunk;
    p->pChunk = pNew;
    p->nUsed = 0;
    p->nSize = nSize;
  }
  void *pOut = (char *)p->pChunk->aData + p->nUsed;
  p->nUsed += n;
  memset(pOut, 0, n);
  return pOut;
}

/* As tck_array_grow(), copying into fresh arena memory when full. */
void *tck_arena_grow(TckArena *p, void *a, int n, size_t nSize) {
  if (n > 0 && (n & (n - 1)) != 0) return a;   /* not full */
  void *aNew = tck_arena_alloc(p, (n > 0 ? (size_t)n * 2 : 1) * nSize);
  if (n > 0) memcpy(aNew, a, (size_t)n * nSize);
  return aNew;
}

char *tck_arena_strndup(TckArena *p, const char *z, size_t n) {
  char *zNew = tck_arena_alloc(p, n + 1);
  memcpy(zNew, z, n);
  zNew[n] = 0;
  return zNew;
}

char *tck_arena_strdup(TckArena *p, const char *z) { return tck_arena_strndup(p, z, strlen(z)); }

/* Frees every chunk; the arena can be used again afterwards. */
void tck_arena_free(TckArena *p) {
  while (p->pChunk) {
    TckArenaChunk *pNext = p->pChunk->pNext;
    free(p->pChunk);
    p->pChunk = pNext;
  }
  p->nUsed = p->nSize = 0;
}

/* ---- Files ------------------------------------------------------------------ */

/* Reads a whole file into one malloc'd, NUL-terminated block. */
char *tck_read_file(const char *zPath) {
  FILE *f = fopen(zPath, "rb");
  if (f == NULL) return NULL;
  /* One allocation of the file's size when it is known (a regular file). */
  long nSize = -1;
  if (fseek(f, 0, SEEK_END) == 0) nSize = ftell(f);
  if (nSize < 0 || fseek(f, 0, SEEK_SET) != 0) nSize = 0;
  TckBuf b = {0};
  tckBufReserve(&b, (size_t)nSize + 1);
  b.z[0] = 0;
  char aChunk[8192];
  size_t n;
  while ((n = fread(aChunk, 1, sizeof(aChunk), f)) > 0) tck_buf_append(&b, aChunk, n);
  int bErr = ferror(f);
  fclose(f);
  if (bErr) {
    tck_buf_free(&b);
    return NULL;
  }
  return tck_buf_detach(&b);
}
