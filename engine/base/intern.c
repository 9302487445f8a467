/*
** intern.c — name <-> id dictionary (see intern.h for why nothing moves).
**
** The hash table is open addressing with linear probing over slots that
** hold id + 1 (0: empty) and the top bits of the hash; it doubles at half
** load. An add writes the name, publishes the new count, then fills the
** slot, each store a release: a reader that sees the slot sees the name.
*/
#include "base/intern.h"

#include "base/htab.h"
#include "base/mem.h"

struct InternTable {
  uint32_t nMask;                 /* slots - 1 */
  InternTable *pNextRetired;      /* the retired list (intern.h) */
  _Atomic uint64_t aSlot[];       /* (hash high 32 bits << 32) | (id + 1), or 0 */
};

/* The chunk and position of an id. */
static void internLocate(uint32_t id, uint32_t *piChunk, uint32_t *piAt) {
  uint64_t x = (uint64_t)id / INTERN_CHUNK0 + 1;   /* chunk k starts at CHUNK0 * (2^k - 1) */
  uint32_t k = 63 - (uint32_t)__builtin_clzll(x);
  *piChunk = k;
  *piAt = (uint32_t)((uint64_t)id - (uint64_t)INTERN_CHUNK0 * ((1ull << k) - 1));
}

static const InternName *internEntry(const Intern *p, uint32_t id) {
  uint32_t k, at;
  internLocate(id, &k, &at);
  return &p->apChunk[k][at];
}

static InternTable *internTableNew(uint32_t nSlot) {
  InternTable *t = tg_calloc(1, sizeof(InternTable) + sizeof(uint64_t) * nSlot);
  t->nMask = nSlot - 1;
  return t;
}

/* Puts (h, id) into the first free slot of t; only the adding thread writes. */
static void internTablePut(InternTable *t, uint64_t h, uint32_t id) {
  uint32_t i = (uint32_t)h & t->nMask;
  while (atomic_load_explicit(&t->aSlot[i], memory_order_relaxed) != 0) i = (i + 1) & t->nMask;
  atomic_store_explicit(&t->aSlot[i], ((h >> 32) << 32) | ((uint64_t)id + 1), memory_order_release);
}

void intern_init(Intern *p) {
  memset(p, 0, sizeof(*p));
  atomic_init(&p->nName, 0);
  atomic_init(&p->pTable, NULL);
}

void intern_free(Intern *p) {
  uint32_t n = atomic_load_explicit(&p->nName, memory_order_relaxed);
  for (uint32_t id = 0; id < n; id++) tg_free(internEntry(p, id)->z);
  for (int k = 0; k < INTERN_NCHUNK; k++) tg_free(p->apChunk[k]);
  tg_free(atomic_load_explicit(&p->pTable, memory_order_relaxed));
  while (p->pRetired) {
    InternTable *t = p->pRetired;
    p->pRetired = t->pNextRetired;
    tg_free(t);
  }
  intern_init(p);
}

int32_t intern_find(const Intern *p, const char *z, uint32_t n) {
  InternTable *t = atomic_load_explicit(&((Intern *)p)->pTable, memory_order_acquire);
  if (t == NULL) return -1;
  uint64_t h = htab_hash_bytes(z, n);
  for (uint32_t i = (uint32_t)h & t->nMask;; i = (i + 1) & t->nMask) {
    uint64_t s = atomic_load_explicit(&t->aSlot[i], memory_order_acquire);
    if (s == 0) return -1;
    if ((s >> 32) != (h >> 32)) continue;
    uint32_t id = (uint32_t)s - 1;
    const InternName *e = internEntry(p, id);
    if (e->n == n && memcmp(e->z, z, n) == 0) return (int32_t)id;
  }
}

uint32_t intern_add(Intern *p, const char *z, uint32_t n) {
  int32_t found = intern_find(p, z, n);
  if (found >= 0) return (uint32_t)found;
  uint32_t id = atomic_load_explicit(&p->nName, memory_order_relaxed);
  uint32_t k, at;
  internLocate(id, &k, &at);
  if (p->apChunk[k] == NULL) p->apChunk[k] = tg_calloc(INTERN_CHUNK0 << k, sizeof(InternName));
  p->apChunk[k][at].z = tg_strndup(z, n);
  p->apChunk[k][at].n = n;
  atomic_store_explicit(&p->nName, id + 1, memory_order_release);
  uint64_t h = htab_hash_bytes(z, n);
  InternTable *t = atomic_load_explicit(&p->pTable, memory_order_relaxed);
  if (t == NULL || (uint64_t)(id + 1) * 2 > (uint64_t)t->nMask + 1) {
    /* Grow: a complete new table, published in one store. */
    uint32_t nSlot = t ? (t->nMask + 1) * 2 : 32;
    InternTable *pNew = internTableNew(nSlot);
    for (uint32_t i = 0; i < id; i++) {
      const InternName *e = internEntry(p, i);
      internTablePut(pNew, htab_hash_bytes(e->z, e->n), i);
    }
    internTablePut(pNew, h, id);
    atomic_store_explicit(&p->pTable, pNew, memory_order_release);
    if (t) {
      t->pNextRetired = p->pRetired;
      p->pRetired = t;
    }
  } else {
    internTablePut(t, h, id);
  }
  return id;
}

const char *intern_name(const Intern *p, uint32_t id) {
  return ALWAYS(id < intern_count(p)) ? internEntry(p, id)->z : "";
}

uint32_t intern_name_len(const Intern *p, uint32_t id) {
  return ALWAYS(id < intern_count(p)) ? internEntry(p, id)->n : 0;
}

uint32_t intern_count(const Intern *p) {
  return atomic_load_explicit(&((Intern *)p)->nName, memory_order_acquire);
}
