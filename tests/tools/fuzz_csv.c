/*
** fuzz_csv.c — fuzzing the CSV reader (engine/base/csv.c) that the bulk
** import and LOAD CSV share, and replaying tests/fuzz/csv.
**
** The first byte of an input picks the delimiter (',' ';' TAB '|'); the
** rest is the file. Besides not crashing, the reader must keep its own
** promises on every record: each field NUL-terminated at its length and
** lying inside the buffer, lines never going backwards, and reading
** always ending (an error resumes at the next line, so at most one error
** per input line).
*/
#include <stdint.h>

#include "base/csv.h"

static int fuzzOne(const char *z, size_t n) {
  static const char acDelim[] = {',', ';', '\t', '|'};
  char cDelim = n ? acDelim[(unsigned char)z[0] % 4] : ',';
  const char *zIn = n ? z + 1 : z;
  size_t nIn = n ? n - 1 : 0;
  size_t nLines = 1;
  for (size_t i = 0; i < nIn; i++) nLines += zIn[i] == '\n' || zIn[i] == '\r';

  CsvReader r = {0};
  int bBad = !csv_open_mem(&r, zIn, nIn, cDelim);
  int64_t iLastLine = 0;
  size_t nCalls = 0;
  int rc;
  while (!bBad && (rc = csv_next(&r)) != CSV_DONE) {
    if (++nCalls > nLines + 1) bBad = 1;            /* it must end */
    if (r.iRecLine < iLastLine) bBad = 1;           /* lines go forward */
    iLastLine = r.iRecLine;
    if (rc != CSV_ROW) continue;
    for (uint32_t i = 0; i < r.nField && !bBad; i++) {
      const CsvField *f = &r.aField[i];
      if (f->z < r.zBuf || f->z + f->n > r.zBuf + r.nAlloc || f->z[f->n] != 0) bBad = 1;
    }
  }
  csv_close(&r);
  return bBad;
}

#include "fuzz_replay.h"
