/*
** strbuf.c — appendable strings (see strbuf.h).
*/
#include "base/strbuf.h"

#include <stdio.h>

#include "base/mem.h"

void strbuf_init(StrBuf *p) { memset(p, 0, sizeof(*p)); }

static void strbufReserve(StrBuf *p, size_t nMore) {
  if (p->n + nMore + 1 <= p->nCap) return;
  size_t nNew = p->nCap ? p->nCap * 2 : 64;
  while (nNew < p->n + nMore + 1) nNew *= 2;
  p->z = tg_realloc(p->z, nNew);
  p->nCap = nNew;
}

void strbuf_append(StrBuf *p, const char *z, size_t n) {
  strbufReserve(p, n);
  if (n) memcpy(p->z + p->n, z, n);
  p->n += n;
  p->z[p->n] = 0;
}

void strbuf_puts(StrBuf *p, const char *z) { strbuf_append(p, z, strlen(z)); }

void strbuf_putc(StrBuf *p, char c) { strbuf_append(p, &c, 1); }

void strbuf_vprintf(StrBuf *p, const char *zFmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, zFmt, ap2);
  va_end(ap2);
  if (n <= 0) return;
  strbufReserve(p, (size_t)n);
  vsnprintf(p->z + p->n, (size_t)n + 1, zFmt, ap);
  p->n += (size_t)n;
}

void strbuf_printf(StrBuf *p, const char *zFmt, ...) {
  va_list ap;
  va_start(ap, zFmt);
  strbuf_vprintf(p, zFmt, ap);
  va_end(ap);
}

void strbuf_repeat(StrBuf *p, const char *z, int nTimes) {
  size_t n = strlen(z);
  for (int i = 0; i < nTimes; i++) strbuf_append(p, z, n);
}

void strbuf_truncate(StrBuf *p, size_t n) {
  if (n < p->n) {
    p->n = n;
    p->z[n] = 0;
  }
}

const char *strbuf_cstr(StrBuf *p) { return p->z ? p->z : ""; }

char *strbuf_detach(StrBuf *p) {
  char *z = p->z;
  if (z == NULL) z = tg_strndup("", 0);
  memset(p, 0, sizeof(*p));
  return z;
}

void strbuf_free(StrBuf *p) {
  tg_free(p->z);
  memset(p, 0, sizeof(*p));
}
