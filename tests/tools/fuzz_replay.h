/*
** fuzz_replay.h — what every fuzz target shares: the libFuzzer entry point
** and, in the normal build, a main() that replays a corpus directory and
** prints TAP (one line per input; every ./build.sh test runs it).
**
** A target defines `static int fuzzOne(const char *z, size_t n)` returning
** 0, or 1 when the input broke one of the target's promises (a crash or a
** sanitizer report ends the process by itself), then includes this file.
** FUZZ_MAX_INPUT bounds the bytes a target is given.
*/
#ifndef TANGLE_FUZZ_REPLAY_H
#define TANGLE_FUZZ_REPLAY_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef FUZZ_MAX_INPUT
#define FUZZ_MAX_INPUT 65536
#endif

static int fuzzOne(const char *z, size_t n);

#ifdef TANGLE_LIBFUZZER
int LLVMFuzzerTestOneInput(const unsigned char *aData, size_t n) {
  if (n > FUZZ_MAX_INPUT) return 0;
  if (fuzzOne((const char *)aData, n)) abort();
  return 0;
}
#else
static int fuzzReplayCmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads a whole corpus file (at most FUZZ_MAX_INPUT bytes) into a malloc'd
** buffer; *pn receives its size. */
static char *fuzzReplayRead(const char *zPath, size_t *pn) {
  char *z = malloc(FUZZ_MAX_INPUT + 1);
  if (z == NULL) abort();
  FILE *f = fopen(zPath, "rb");
  *pn = f ? fread(z, 1, FUZZ_MAX_INPUT, f) : 0;
  if (f) fclose(f);
  z[*pn] = 0;
  return z;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    printf("not ok 1 - usage: %s CORPUS-DIR\n", argv[0]);
    return 1;
  }
  const char *zDir = argv[1];
  DIR *d = opendir(zDir);
  if (d == NULL) {
    printf("not ok 1 - fuzz corpus %s cannot be opened\n", zDir);
    return 1;
  }
  char **azName = NULL;
  int nName = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.') continue;
    azName = realloc(azName, sizeof(char *) * (size_t)(nName + 1));
    if (azName == NULL) abort();
    azName[nName++] = strdup(e->d_name);
  }
  closedir(d);
  qsort(azName, (size_t)nName, sizeof(char *), fuzzReplayCmp);
  int nFail = 0;
  for (int i = 0; i < nName; i++) {
    char zPath[4096];
    snprintf(zPath, sizeof(zPath), "%s/%s", zDir, azName[i]);
    size_t n;
    char *z = fuzzReplayRead(zPath, &n);
    int bBad = fuzzOne(z, n);
    free(z);
    nFail += bBad;
    printf("%s %d - fuzz replay %s\n", bBad ? "not ok" : "ok", i + 1, azName[i]);
    free(azName[i]);
  }
  free(azName);
  printf("# fuzz replay %s: %d inputs, %d failed\n", zDir, nName, nFail);
  return nFail ? 1 : 0;
}
#endif

#endif /* TANGLE_FUZZ_REPLAY_H */
