/*
** lsqb_scale.c — writes one CSV file of a larger LSQB data set made of
** disjoint copies of a smaller one (bench/lsqb/data.sh, `--scale 10`).
**
** LSQB's generator is not in the npm packages we use, and the SF1 files are
** not either; ten copies of SF0.1 whose ids never meet give a data set ten
** times the size on which every pattern count is exactly ten times
** SF0.1's (a match of any LSQB pattern is connected, so it lies inside one
** copy). Copy k adds k * OFFSET to every field of every row; all fields of
** the LSQB node and relationship files are integer ids.
**
** Usage: lsqb_scale COPIES OFFSET IN_CSV OUT_CSV HEADER
**   The input's first line (its header) is dropped and HEADER written
**   instead (so a wrong header in the source is mended on the way).
** Exits 1 on a field that is not an integer or when an id would overflow.
*/
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads the whole file; exits on failure. *pn receives its length. */
static char *scaleReadAll(const char *zPath, size_t *pn) {
  FILE *f = fopen(zPath, "rb");
  if (f == NULL) {
    perror(zPath);
    exit(1);
  }
  size_t nAlloc = 1 << 20, n = 0;
  char *z = malloc(nAlloc);
  for (;;) {
    if (z == NULL) {
      fprintf(stderr, "lsqb_scale: out of memory\n");
      exit(1);
    }
    n += fread(z + n, 1, nAlloc - n, f);
    if (n < nAlloc) break;
    nAlloc *= 2;
    z = realloc(z, nAlloc);
  }
  if (ferror(f)) {
    perror(zPath);
    exit(1);
  }
  fclose(f);
  *pn = n;
  return z;
}

/* Appends the decimal form of v to the buffer at z; returns the new end. */
static char *scalePutInt(char *z, int64_t v) {
  char a[24];
  int n = 0;
  uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
  do {
    a[n++] = (char)('0' + u % 10);
    u /= 10;
  } while (u);
  if (v < 0) *z++ = '-';
  while (n) *z++ = a[--n];
  return z;
}

int main(int argc, char **argv) {
  if (argc != 6) {
    fprintf(stderr, "usage: lsqb_scale COPIES OFFSET IN_CSV OUT_CSV HEADER\n");
    return 2;
  }
  long nCopies = strtol(argv[1], NULL, 10);
  int64_t iOffset = strtoll(argv[2], NULL, 10);
  if (nCopies < 1 || nCopies > 1000 || iOffset < 0) {
    fprintf(stderr, "lsqb_scale: bad COPIES or OFFSET\n");
    return 2;
  }
  size_t nIn = 0;
  char *zIn = scaleReadAll(argv[3], &nIn);
  /* Skip the header line. */
  size_t iBody = 0;
  while (iBody < nIn && zIn[iBody] != '\n') iBody++;
  if (iBody < nIn) iBody++;

  FILE *out = fopen(argv[4], "wb");
  if (out == NULL) {
    perror(argv[4]);
    return 1;
  }
  fprintf(out, "%s\n", argv[5]);
  /* Each copy's text is at most the input's plus 20 digits per field. */
  size_t nFields = 1;
  for (size_t i = iBody; i < nIn; i++) nFields += zIn[i] == '|' || zIn[i] == '\n';
  char *zOut = malloc(nIn - iBody + nFields * 21 + 2);
  if (zOut == NULL) {
    fprintf(stderr, "lsqb_scale: out of memory\n");
    return 1;
  }
  for (long k = 0; k < nCopies; k++) {
    int64_t iAdd = (int64_t)k * iOffset;
    char *zo = zOut;
    size_t i = iBody;
    while (i < nIn) {
      /* One line: integers separated by '|'. */
      while (i < nIn && zIn[i] != '\n' && zIn[i] != '\r') {
        char *zEnd = NULL;
        errno = 0;
        long long v = strtoll(zIn + i, &zEnd, 10);
        if (zEnd == zIn + i || errno != 0 || v > INT64_MAX - iAdd) {
          fprintf(stderr, "lsqb_scale: %s: not an integer id near byte %zu\n", argv[3], i);
          return 1;
        }
        zo = scalePutInt(zo, (int64_t)v + iAdd);
        i = (size_t)(zEnd - zIn);
        if (i < nIn && zIn[i] == '|') {
          *zo++ = '|';
          i++;
        } else if (i < nIn && zIn[i] != '\n' && zIn[i] != '\r') {
          fprintf(stderr, "lsqb_scale: %s: unexpected character near byte %zu\n", argv[3], i);
          return 1;
        }
      }
      while (i < nIn && (zIn[i] == '\n' || zIn[i] == '\r')) i++;
      if (zo > zOut && zo[-1] != '\n') *zo++ = '\n';
    }
    if (fwrite(zOut, 1, (size_t)(zo - zOut), out) != (size_t)(zo - zOut)) {
      perror(argv[4]);
      return 1;
    }
  }
  if (fclose(out) != 0) {
    perror(argv[4]);
    return 1;
  }
  free(zOut);
  free(zIn);
  return 0;
}
