/*
** strbuf.h — an appendable, always NUL-terminated byte string.
**
** Used wherever text is built piece by piece: value formatting, EXPLAIN
** output, result writers, DOT generation. Heap-backed (tg_malloc); the
** owner calls strbuf_free(). strbuf_detach() hands the bytes over.
*/
#ifndef TANGLE_STRBUF_H
#define TANGLE_STRBUF_H

#include <stdarg.h>

#include "base/common.h"

typedef struct StrBuf {
  char *z;          /* text, NUL-terminated whenever nCap>0 */
  size_t n;         /* bytes used, not counting the NUL */
  size_t nCap;      /* bytes allocated */
} StrBuf;

void strbuf_init(StrBuf *p);
void strbuf_append(StrBuf *p, const char *z, size_t n);
void strbuf_puts(StrBuf *p, const char *z);
void strbuf_putc(StrBuf *p, char c);
void strbuf_printf(StrBuf *p, const char *zFmt, ...) TG_PRINTF(2, 3);
void strbuf_vprintf(StrBuf *p, const char *zFmt, va_list ap);
void strbuf_repeat(StrBuf *p, const char *z, int nTimes);
void strbuf_truncate(StrBuf *p, size_t n);
const char *strbuf_cstr(StrBuf *p);   /* "" when empty; valid until next append */
char *strbuf_detach(StrBuf *p);       /* caller frees with tg_free */
void strbuf_free(StrBuf *p);

#endif /* TANGLE_STRBUF_H */
