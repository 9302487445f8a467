/*
** files.c — the file-access policy (see files.h).
*/
#include "store/files.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/mem.h"

/* realpath(), copied into memory of ours (tg_free), or NULL. */
static char *filesRealPath(const char *zPath) {
  char *zLibc = realpath(zPath, NULL);   /* allocated by the C library */
  if (zLibc == NULL) return NULL;
  char *z = tg_strndup(zLibc, strlen(zLibc));
  free(zLibc);
  return z;
}

bool files_set_root(FilePolicy *p, const char *zDir, char *zWhy, size_t nWhy) {
  if (zDir == NULL) {
    tg_free(p->zRoot);
    p->zRoot = NULL;
    return true;
  }
  char *zReal = filesRealPath(zDir);
  struct stat st;
  if (zReal == NULL || stat(zReal, &st) != 0 || !S_ISDIR(st.st_mode)) {
    snprintf(zWhy, nWhy, "'%s' is not a directory%s%s", zDir, zReal ? "" : ": ",
             zReal ? "" : strerror(errno));
    tg_free(zReal);
    return false;
  }
  tg_free(p->zRoot);
  p->zRoot = zReal;
  return true;
}

void files_free(FilePolicy *p) {
  tg_free(p->zRoot);
  p->zRoot = NULL;
}

/* Is the resolved path zReal the root or inside it? */
static bool filesInside(const char *zRoot, const char *zReal) {
  size_t n = strlen(zRoot);
  if (strcmp(zRoot, "/") == 0) return zReal[0] == '/';
  return strncmp(zReal, zRoot, n) == 0 && (zReal[n] == 0 || zReal[n] == '/');
}


/*
** zPath resolved: realpath of the whole path when it exists; else (a file
** to be written) realpath of its directory followed by its last name.
** NULL when neither resolves. Free with tg_free.
*/
static char *filesResolve(const char *zPath) {
  char *zReal = filesRealPath(zPath);
  if (zReal) return zReal;
  const char *zSlash = strrchr(zPath, '/');
  const char *zBase = zSlash ? zSlash + 1 : zPath;
  if (*zBase == 0 || strcmp(zBase, ".") == 0 || strcmp(zBase, "..") == 0) return NULL;
  char *zDir = zSlash ? tg_strndup(zPath, zSlash == zPath ? 1 : (size_t)(zSlash - zPath))
                      : tg_strndup(".", 1);
  char *zDirReal = filesRealPath(zDir);
  tg_free(zDir);
  if (zDirReal == NULL) return NULL;
  size_t n = strlen(zDirReal) + strlen(zBase) + 2;
  char *zOut = tg_malloc(n);
  snprintf(zOut, n, "%s/%s", strcmp(zDirReal, "/") == 0 ? "" : zDirReal, zBase);
  tg_free(zDirReal);
  return zOut;
}

bool files_allow(const FilePolicy *p, const char *zPath, bool bWrite, char **pzUse, char *zWhy,
                 size_t nWhy) {
  *pzUse = NULL;
  if (p->bOff) {
    snprintf(zWhy, nWhy, "file access is off (--no-files): queries may not %s files",
             bWrite ? "write" : "read");
    return false;
  }
  if (p->zRoot == NULL) {
    *pzUse = tg_strndup(zPath, strlen(zPath));
    return true;
  }
  /* Relative paths are taken inside the root. */
  char *zFull;
  if (zPath[0] == '/') {
    zFull = tg_strndup(zPath, strlen(zPath));
  } else {
    size_t n = strlen(p->zRoot) + strlen(zPath) + 2;
    zFull = tg_malloc(n);
    snprintf(zFull, n, "%s/%s", p->zRoot, zPath);
  }
  char *zReal = filesResolve(zFull);
  bool bOk = zReal != NULL && filesInside(p->zRoot, zReal);
  if (!bOk) {
    snprintf(zWhy, nWhy, "it lies outside %s, the only directory queries may %s (--files)",
             p->zRoot, bWrite ? "write in" : "read from");
    tg_free(zFull);
  } else {
    *pzUse = zFull;
  }
  tg_free(zReal);
  return bOk;
}
