/*
** files.h — which files a query may touch: the file-access policy that
** LOAD CSV (reading) and RENDER ... TO (writing) both obey, in the manner
** of Neo4j's import directory.
**
** By default every path the process can reach is allowed (the CLI is a
** local tool run by the user who owns the files). A database may forbid
** files altogether, or confine them to one directory: then a relative path
** is taken inside that directory, and a path is refused when, with every
** symbolic link and ".." resolved, it lies outside it. A server serves
** with files off unless told otherwise.
*/
#ifndef TANGLE_FILES_H
#define TANGLE_FILES_H

#include "base/common.h"

typedef struct FilePolicy {
  bool bOff;              /* no file may be read or written */
  char *zRoot;            /* when not NULL: the directory files must lie in
                             (resolved, heap-owned, no trailing slash) */
} FilePolicy;

/* Confines files to zDir (which must exist and be a directory); NULL lifts
** the confinement. Returns false, with the reason in zWhy, when zDir cannot
** be resolved. */
bool files_set_root(FilePolicy *p, const char *zDir, char *zWhy, size_t nWhy);

/* Frees the policy's memory. */
void files_free(FilePolicy *p);

/*
** May a query read (bWrite false) or write zPath? On success *pzUse is the
** path to open, heap-allocated (relative paths made relative to the root);
** the caller frees it with tg_free. On refusal returns false with a
** sentence in zWhy naming the rule ("file access is off", "... lies outside
** /data").
*/
bool files_allow(const FilePolicy *p, const char *zPath, bool bWrite, char **pzUse, char *zWhy,
                 size_t nWhy);

#endif /* TANGLE_FILES_H */
