/*
** http_reply.c — filling an HttpReply (http.h): headers, Neo4j-style JSON
** errors, and JSON strings. Shared by every HTTP handler.
*/
#include <stdio.h>
#include <string.h>

#include "base/utf8.h"
#include "server/http.h"

void http_reply_header(HttpReply *pReply, const char *zName, const char *zValue) {
  if (pReply->nHeader >= HTTP_REPLY_HEADERS_MAX) return;
  snprintf(pReply->azHeaderName[pReply->nHeader], sizeof(pReply->azHeaderName[0]), "%s", zName);
  snprintf(pReply->azHeaderValue[pReply->nHeader], sizeof(pReply->azHeaderValue[0]), "%s", zValue);
  pReply->nHeader++;
}

void http_reply_error(HttpReply *pReply, int nStatus, const char *zCode, const char *zMessage) {
  pReply->nStatus = nStatus;
  pReply->zContentType = "application/json";
  strbuf_truncate(&pReply->body, 0);
  strbuf_puts(&pReply->body, "{\"errors\":[{\"code\":");
  http_json_string(&pReply->body, zCode, strlen(zCode));
  strbuf_puts(&pReply->body, ",\"message\":");
  http_json_string(&pReply->body, zMessage, strlen(zMessage));
  strbuf_puts(&pReply->body, "}]}");
}

void http_json_string(StrBuf *pOut, const char *z, size_t n) {
  static const char aHex[] = "0123456789abcdef";
  strbuf_putc(pOut, '"');
  size_t i = 0;
  while (i < n) {
    unsigned char c = (unsigned char)z[i];
    if (c >= 0x80) {
      /* Copy a whole valid UTF-8 sequence; a broken one becomes U+FFFD. */
      uint32_t cp;
      int nSeq = utf8_decode(z + i, n - i, &cp);
      bool bValid = cp != UTF8_REPLACEMENT || (nSeq == 3 && memcmp(z + i, "\xEF\xBF\xBD", 3) == 0);
      if (bValid) {
        strbuf_append(pOut, z + i, (size_t)nSeq);
        i += (size_t)nSeq;
      } else {
        strbuf_puts(pOut, "\xEF\xBF\xBD");
        i++;
      }
      continue;
    }
    i++;
    switch (c) {
      case '"': strbuf_puts(pOut, "\\\""); break;
      case '\\': strbuf_puts(pOut, "\\\\"); break;
      case '\n': strbuf_puts(pOut, "\\n"); break;
      case '\r': strbuf_puts(pOut, "\\r"); break;
      case '\t': strbuf_puts(pOut, "\\t"); break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char zEsc[7] = {'\\', 'u', '0', '0', aHex[c >> 4], aHex[c & 15], 0};
          strbuf_puts(pOut, zEsc);
        } else {
          strbuf_putc(pOut, (char)c);
        }
    }
  }
  strbuf_putc(pOut, '"');
}
