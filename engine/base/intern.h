/*
** intern.h — names to small integer ids and back.
**
** One Intern table each holds the label names, relationship type names and
** property keys of a graph. Ids are dense (0, 1, 2, ...) and never reused,
** so they can index arrays (label bitmaps, per-type counters). Names are
** copied into the table; intern_name() pointers stay valid for the table's
** life. Lookups hash the name with XXH3.
**
** Readers on other threads may look names up while one thread adds: the
** server compiles a statement (which adds the names it mentions) while
** other connections' reads run. So nothing a reader can reach ever moves:
** names live in chunks that are never reallocated, and a grown hash table
** replaces the old one by an atomic pointer store, the old one being kept
** until the table is freed (at most as many slots again as the newest).
** Adds must still come one at a time (the callers hold the compile mutex
** or the exclusive lock, engine/conn.c).
*/
#ifndef TANGLE_INTERN_H
#define TANGLE_INTERN_H

#include <stdatomic.h>

#include "base/common.h"

typedef struct InternName {
  char *z;             /* NUL-terminated copy owned by the table */
  uint32_t n;          /* bytes */
} InternName;

/* Chunk k holds INTERN_CHUNK0 << k names, so 27 chunks hold 2^32 ids. */
#define INTERN_CHUNK0 16u
#define INTERN_NCHUNK 27

typedef struct InternTable InternTable;

typedef struct Intern {
  InternName *apChunk[INTERN_NCHUNK]; /* id -> name, chunk by chunk; never moved */
  _Atomic uint32_t nName;             /* names published (readers load it with acquire) */
  _Atomic(InternTable *) pTable;      /* hash of name -> id + 1 */
  InternTable *pRetired;              /* tables replaced by a larger one, freed with the Intern */
} Intern;

void intern_init(Intern *p);
void intern_free(Intern *p);
int32_t intern_find(const Intern *p, const char *z, uint32_t n); /* id or -1 */
uint32_t intern_add(Intern *p, const char *z, uint32_t n);      /* existing or new id */
const char *intern_name(const Intern *p, uint32_t id);
uint32_t intern_name_len(const Intern *p, uint32_t id);         /* bytes of intern_name() */
uint32_t intern_count(const Intern *p);

#endif /* TANGLE_INTERN_H */
