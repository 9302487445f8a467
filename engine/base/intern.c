/*
** intern.c — name <-> id dictionary (see intern.h).
*/
#include "base/intern.h"

#include "base/mem.h"

typedef struct InternKey {
  const char *z;
  uint32_t n;
} InternKey;

static bool internEq(const void *pCtx, uint32_t iEntry, const void *pKey) {
  const Intern *p = pCtx;
  const InternKey *k = pKey;
  const InternName *e = &p->names.a[iEntry];
  return e->n == k->n && memcmp(e->z, k->z, k->n) == 0;
}

void intern_init(Intern *p) { memset(p, 0, sizeof(*p)); }

void intern_free(Intern *p) {
  for (uint32_t i = 0; i < p->names.n; i++) tg_free(p->names.a[i].z);
  vec_free(&p->names);
  htab_free(&p->ht);
}

int32_t intern_find(const Intern *p, const char *z, uint32_t n) {
  InternKey k = {z, n};
  return (int32_t)htab_find(&p->ht, htab_hash_bytes(z, n), internEq, p, &k);
}

uint32_t intern_add(Intern *p, const char *z, uint32_t n) {
  int32_t id = intern_find(p, z, n);
  if (id >= 0) return (uint32_t)id;
  InternName e = {tg_strndup(z, n), n};
  vec_push(&p->names, e);
  htab_insert(&p->ht, htab_hash_bytes(z, n), p->names.n - 1);
  return p->names.n - 1;
}

const char *intern_name(const Intern *p, uint32_t id) {
  return ALWAYS(id < p->names.n) ? p->names.a[id].z : "";
}

uint32_t intern_count(const Intern *p) { return p->names.n; }
