/*
** fuzz_param.c — fuzzing Cypher literal parsing (tg_value_parse, what
** embedders and the shell's parameters use for literal text), and
** replaying tests/fuzz/param.
**
** Promises checked besides not crashing: a parsed value formats, and
** unless it holds a temporal value (written as bare ISO text, which is not
** a literal) its formatted text parses again to a value that formats the
** same way.
*/
#include <stdlib.h>
#include <string.h>

#include "tangle.h"

/* Does v hold a date, time or duration anywhere inside? */
static int fuzzHasTemporal(const tg_value *v) {
  int t = tg_value_type(v);
  if (t == TG_LIST || t == TG_MAP) {
    for (int i = 0; i < tg_value_size(v); i++) {
      if (fuzzHasTemporal(tg_value_item(v, i))) return 1;
    }
    return 0;
  }
  return t >= TG_DATE && t <= TG_DURATION;
}

static int fuzzOne(const char *z, size_t n) {
  char *zText = malloc(n + 1);
  if (zText == NULL) abort();
  memcpy(zText, z, n);
  zText[n] = 0;
  tg_db *pDb;
  tg_open(&pDb);
  int bBad = 0;
  tg_value *v = tg_value_parse(pDb, zText);
  if (v) {
    char *zOut = tg_value_format(pDb, v);
    if (zOut == NULL) {
      bBad = 1;
    } else if (!fuzzHasTemporal(v)) {
      tg_value *v2 = tg_value_parse(pDb, zOut);
      char *zOut2 = v2 ? tg_value_format(pDb, v2) : NULL;
      if (zOut2 == NULL || strcmp(zOut, zOut2) != 0) bBad = 1;
      tg_free(zOut2);
      tg_value_free(v2);
    }
    tg_free(zOut);
    tg_value_free(v);
  }
  tg_close(pDb);
  free(zText);
  return bBad;
}

#include "fuzz_replay.h"
