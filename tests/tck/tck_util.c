/*
** tck_util.c — a strdup, arena-backed growable arrays and a file reader
** for the TCK runner (see tck_util.h).
*/
#include "tck_util.h"

#include <stdio.h>
#include <string.h>

char *tck_strdup(const char *z) { return tg_strndup(z, strlen(z)); }

/* Doubles the array when n is 0 or a power of two (see tck_util.h). */
void *tck_arena_grow(Arena *p, void *a, int n, size_t nSize) {
  if (n > 0 && (n & (n - 1)) != 0) return a;   /* not full: capacity is a larger power of two */
  void *aNew = arena_zalloc(p, (n > 0 ? (size_t)n * 2 : 1) * nSize);
  if (n > 0) memcpy(aNew, a, (size_t)n * nSize);
  return aNew;
}

/* Reads a whole file into one StrBuf and hands its bytes over. */
char *tck_read_file(const char *zPath) {
  FILE *f = fopen(zPath, "rb");
  if (f == NULL) return NULL;
  StrBuf b;
  strbuf_init(&b);
  char aChunk[8192];
  size_t n;
  while ((n = fread(aChunk, 1, sizeof(aChunk), f)) > 0) strbuf_append(&b, aChunk, n);
  int bErr = ferror(f);
  fclose(f);
  if (bErr) {
    strbuf_free(&b);
    return NULL;
  }
  return strbuf_detach(&b);
}
