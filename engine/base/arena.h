/*
** arena.h — bump allocator over a list of chunks.
**
** Statements, operators and rows allocate from arenas and release everything
** at once (reset or rewind), so values never own memory individually (see
** value.h). Memory returned is aligned for any scalar type. A mark records
** a position; rewinding to it releases everything allocated since, keeping
** the chunks for reuse so a per-row rewind does not call malloc again.
*/
#ifndef TANGLE_ARENA_H
#define TANGLE_ARENA_H

#include "base/common.h"

typedef struct ArenaChunk ArenaChunk;

/* An arena. Zero-initialised is a valid empty arena. */
typedef struct Arena {
  ArenaChunk *pChunk;     /* current chunk (newest); older ones follow pPrev */
  ArenaChunk *pSpare;     /* chunks released by rewind, kept for reuse */
  char *pCur;             /* next free byte in pChunk */
  char *pEnd;             /* end of pChunk's payload */
  size_t nUsed;           /* bytes handed out since the last reset (stats) */
} Arena;

/* A position in an arena, for arena_rewind(). */
typedef struct ArenaMark {
  ArenaChunk *pChunk;
  char *pCur;
  size_t nUsed;
} ArenaMark;

void arena_init(Arena *p);
void *arena_alloc(Arena *p, size_t n);            /* aligned, uninitialised */
void *arena_zalloc(Arena *p, size_t n);           /* aligned, zeroed */
char *arena_strndup(Arena *p, const char *z, size_t n); /* NUL-terminated */
char *arena_strdup(Arena *p, const char *z);
char *arena_printf(Arena *p, const char *zFmt, ...) TG_PRINTF(2, 3);
ArenaMark arena_mark(Arena *p);
void arena_rewind(Arena *p, ArenaMark m);          /* frees since the mark */
void arena_reset(Arena *p);                        /* frees everything, keeps one chunk */
void arena_free(Arena *p);                         /* returns all memory */

#endif /* TANGLE_ARENA_H */
