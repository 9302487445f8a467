/*
** arena.c — bump allocation over a chunk list (see arena.h).
**
** Chunks form a list from newest to oldest. A rewind moves the chunks newer
** than the mark to a spare list; the next allocation that needs a chunk
** takes a spare one first. Large requests get a chunk of their own size.
*/
#include "base/arena.h"

#include <stdarg.h>
#include <stdio.h>

#include "base/mem.h"

#define ARENA_ALIGN 16
#define ARENA_CHUNK_MIN 4096

struct ArenaChunk {
  ArenaChunk *pPrev;      /* older chunk */
  size_t nSize;           /* payload bytes */
  _Alignas(ARENA_ALIGN) char aData[];
};

void arena_init(Arena *p) { memset(p, 0, sizeof(*p)); }

/*
** Make a chunk with room for at least n bytes current. Reuses a spare chunk
** when one is big enough, otherwise allocates; chunk sizes double as the
** arena grows so that the number of chunks stays logarithmic.
*/
static void arenaNewChunk(Arena *p, size_t n) {
  ArenaChunk *pC = NULL;
  ArenaChunk **pp = &p->pSpare;
  while (*pp) {
    if ((*pp)->nSize >= n) {
      pC = *pp;
      *pp = pC->pPrev;
      break;
    }
    pp = &(*pp)->pPrev;
  }
  if (pC == NULL) {
    size_t nSize = p->pChunk ? p->pChunk->nSize * 2 : ARENA_CHUNK_MIN;
    if (nSize > (size_t)1 << 24) nSize = (size_t)1 << 24;
    if (nSize < n) nSize = n;
    pC = tg_malloc(sizeof(ArenaChunk) + nSize);
    pC->nSize = nSize;
  }
  pC->pPrev = p->pChunk;
  p->pChunk = pC;
  p->pCur = pC->aData;
  p->pEnd = pC->aData + pC->nSize;
}

void *arena_alloc(Arena *p, size_t n) {
  size_t nAligned = (n + (ARENA_ALIGN - 1)) & ~(size_t)(ARENA_ALIGN - 1);
  if (nAligned == 0) nAligned = ARENA_ALIGN;
  if (p->pCur == NULL || (size_t)(p->pEnd - p->pCur) < nAligned) {
    arenaNewChunk(p, nAligned);
  }
  void *pRet = p->pCur;
  p->pCur += nAligned;
  p->nUsed += nAligned;
  return pRet;
}

void *arena_zalloc(Arena *p, size_t n) {
  void *pRet = arena_alloc(p, n);
  memset(pRet, 0, n);
  return pRet;
}

char *arena_strndup(Arena *p, const char *z, size_t n) {
  char *zOut = arena_alloc(p, n + 1);
  if (n) memcpy(zOut, z, n);
  zOut[n] = 0;
  return zOut;
}

char *arena_strdup(Arena *p, const char *z) {
  return arena_strndup(p, z, strlen(z));
}

char *arena_printf(Arena *p, const char *zFmt, ...) {
  va_list ap;
  va_start(ap, zFmt);
  int n = vsnprintf(NULL, 0, zFmt, ap);
  va_end(ap);
  if (n < 0) n = 0;
  char *z = arena_alloc(p, (size_t)n + 1);
  va_start(ap, zFmt);
  vsnprintf(z, (size_t)n + 1, zFmt, ap);
  va_end(ap);
  return z;
}

ArenaMark arena_mark(Arena *p) {
  ArenaMark m = {p->pChunk, p->pCur, p->nUsed};
  return m;
}

void arena_rewind(Arena *p, ArenaMark m) {
  while (p->pChunk != m.pChunk) {
    ArenaChunk *pC = p->pChunk;
    if (NEVER(pC == NULL)) break;
    p->pChunk = pC->pPrev;
    pC->pPrev = p->pSpare;
    p->pSpare = pC;
  }
  if (p->pChunk) {
    p->pCur = m.pCur;
    p->pEnd = p->pChunk->aData + p->pChunk->nSize;
  } else {
    p->pCur = p->pEnd = NULL;
  }
  p->nUsed = m.nUsed;
}

void arena_reset(Arena *p) {
  ArenaMark m = {NULL, NULL, 0};
  arena_rewind(p, m);
  /* Keep one spare chunk (the largest is first found that fits later);
  ** free the rest so a huge one-off query does not pin memory forever. */
  ArenaChunk *pKeep = p->pSpare;
  if (pKeep) {
    ArenaChunk *pC = pKeep->pPrev;
    pKeep->pPrev = NULL;
    while (pC) {
      ArenaChunk *pPrev = pC->pPrev;
      tg_free(pC);
      pC = pPrev;
    }
  }
  p->pSpare = pKeep;
}

void arena_free(Arena *p) {
  ArenaChunk *pC = p->pChunk;
  while (pC) {
    ArenaChunk *pPrev = pC->pPrev;
    tg_free(pC);
    pC = pPrev;
  }
  pC = p->pSpare;
  while (pC) {
    ArenaChunk *pPrev = pC->pPrev;
    tg_free(pC);
    pC = pPrev;
  }
  memset(p, 0, sizeof(*p));
}
