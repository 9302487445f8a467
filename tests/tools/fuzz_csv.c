/*
** fuzz_csv.c — fuzzing the CSV reader (engine/base/csv.c) that the bulk
** import and LOAD CSV share, and replaying tests/fuzz/csv.
**
** The first byte of an input picks the delimiter (',' ';' TAB '|', its
** low two bits) and the options (bit 2: quoted line breaks refused; bit
** 3: UTF-8 required; bit 4: tiny caps, 16 bytes a field and 64 a record);
** the rest is the file. Besides not crashing, the reader must keep its own
** promises on every record: each field NUL-terminated at its length,
** lying inside the buffer and within the caps (and valid UTF-8 when that
** is required), lines never going backwards, and reading always ending
** (an error resumes at the next line, so at most one error per input
** line, or abandons the input).
*/
#include <stdint.h>

#include "base/csv.h"
#include "base/utf8.h"

static int fuzzOne(const char *z, size_t n) {
  static const char acDelim[] = {',', ';', '\t', '|'};
  char cDelim = n ? acDelim[(unsigned char)z[0] % 4] : ',';
  const char *zIn = n ? z + 1 : z;
  size_t nIn = n ? n - 1 : 0;
  size_t nLines = 1;
  for (size_t i = 0; i < nIn; i++) nLines += zIn[i] == '\n' || zIn[i] == '\r';

  CsvReader r = {0};
  int bBad = !csv_open_mem(&r, zIn, nIn, cDelim);
  uint8_t mOpt = n ? (uint8_t)z[0] : 0;
  CsvOptions o = {0};
  o.bMultiline = !(mOpt & 4);
  o.bUtf8 = (mOpt & 8) != 0;
  if (mOpt & 16) {
    o.nMaxField = 16;
    o.nMaxRecord = 64;
  }
  if (!bBad) csv_set_options(&r, &o);
  int64_t iLastLine = 0;
  size_t nCalls = 0;
  int rc;
  while (!bBad && (rc = csv_next(&r)) != CSV_DONE) {
    if (++nCalls > nLines + 1) bBad = 1;            /* it must end */
    if (r.iRecLine < iLastLine) bBad = 1;           /* lines go forward */
    iLastLine = r.iRecLine;
    if (rc != CSV_ROW) continue;
    if (r.nField > r.nMaxFields) bBad = 1;
    for (uint32_t i = 0; i < r.nField && !bBad; i++) {
      const CsvField *f = &r.aField[i];
      if (f->z < r.zBuf || f->z + f->n > r.zBuf + r.nAlloc || f->z[f->n] != 0) bBad = 1;
      if (f->n > r.nMaxField || (o.bUtf8 && !utf8_valid(f->z, f->n))) bBad = 1;
    }
  }
  csv_close(&r);
  return bBad;
}

#include "fuzz_replay.h"
