/*
** htab.h — the one open-addressing hash table, keyed by XXH3.
**
** The table stores no keys, only (hash fragment, entry index) pairs; the
** entries themselves live in an array the caller owns (interned names,
** aggregation groups, index postings, hash-join build rows). This keeps one
** implementation for every use, makes iteration a walk over a dense array,
** and lets an entry's index double as its id (interning).
**
** Linear probing with backward-shift deletion (no tombstones). The table
** grows at 3/4 load. Lookups compare the 32-bit fragment first and call the
** caller's equality function only on a fragment match.
*/
#ifndef TANGLE_HTAB_H
#define TANGLE_HTAB_H

#include "base/common.h"

typedef struct HSlot {
  uint32_t h;          /* 32-bit fragment of the key's hash */
  uint32_t iEntry;     /* entry index + 1; 0 marks an empty slot */
} HSlot;

typedef struct HTab {
  HSlot *aSlot;        /* nMask+1 slots, or NULL when empty */
  uint32_t nMask;      /* slot count - 1 (a power of two minus one) */
  uint32_t nUsed;      /* occupied slots */
} HTab;

/* Does entry iEntry hold the key pKey? pCtx is the caller's container. */
typedef bool (*HTabEqFn)(const void *pCtx, uint32_t iEntry, const void *pKey);

void htab_init(HTab *p);
void htab_free(HTab *p);
void htab_clear(HTab *p);            /* empties, keeps the slot array */

/* Index of the entry equal to pKey, or -1. */
int64_t htab_find(const HTab *p, uint64_t h, HTabEqFn xEq, const void *pCtx,
                  const void *pKey);

/* Adds entry iEntry under hash h. The caller ensures the key is absent
** (or deliberately allows duplicates and finds them with htab_next). */
void htab_insert(HTab *p, uint64_t h, uint32_t iEntry);

/* Removes the slot that holds exactly entry iEntry under hash h.
** Returns false when it is not there. */
bool htab_remove(HTab *p, uint64_t h, uint32_t iEntry);

/* Changes the entry index stored for iOld (hash h) to iNew, for callers
** that compact their entry array by moving the last entry into a hole. */
void htab_reindex(HTab *p, uint64_t h, uint32_t iOld, uint32_t iNew);

/* XXH3 of a byte range, and a mixer for integers and for combining. */
uint64_t htab_hash_bytes(const void *p, size_t n);
uint64_t htab_hash_u64(uint64_t x);
uint64_t htab_hash_combine(uint64_t h, uint64_t x);

#endif /* TANGLE_HTAB_H */
