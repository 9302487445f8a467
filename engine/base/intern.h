/*
** intern.h — names to small integer ids and back.
**
** One Intern table each holds the label names, relationship type names and
** property keys of a graph. Ids are dense (0, 1, 2, ...) and never reused,
** so they can index arrays (label bitmaps, per-type counters). Names are
** copied into the table; intern_name() pointers stay valid for the table's
** life. Lookups hash the name with XXH3.
*/
#ifndef TANGLE_INTERN_H
#define TANGLE_INTERN_H

#include "base/htab.h"
#include "base/vec.h"

typedef struct InternName {
  char *z;             /* NUL-terminated copy owned by the table */
  uint32_t n;          /* bytes */
} InternName;

typedef struct Intern {
  VEC(InternName) names; /* id -> name */
  HTab ht;               /* hash of name -> id */
} Intern;

void intern_init(Intern *p);
void intern_free(Intern *p);
int32_t intern_find(const Intern *p, const char *z, uint32_t n); /* id or -1 */
uint32_t intern_add(Intern *p, const char *z, uint32_t n);      /* existing or new id */
const char *intern_name(const Intern *p, uint32_t id);
uint32_t intern_count(const Intern *p);

#endif /* TANGLE_INTERN_H */
