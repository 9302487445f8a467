/*
** htab.c — open addressing with linear probing (see htab.h).
**
** Invariant: every occupied slot is reachable from its home slot
** (h & nMask) without crossing an empty slot. Backward-shift deletion
** restores it after a removal by pulling later entries of the cluster back.
*/
#include "base/htab.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "base/mem.h"

void htab_init(HTab *p) { memset(p, 0, sizeof(*p)); }

void htab_free(HTab *p) {
  tg_free(p->aSlot);
  memset(p, 0, sizeof(*p));
}

void htab_clear(HTab *p) {
  if (p->aSlot) memset(p->aSlot, 0, sizeof(HSlot) * ((size_t)p->nMask + 1));
  p->nUsed = 0;
}

static uint32_t htabFragment(uint64_t h) { return (uint32_t)(h ^ (h >> 32)); }

/* Doubles the slot array (or makes the first one) and reinserts. */
static void htabGrow(HTab *p) {
  uint32_t nOld = p->aSlot ? p->nMask + 1 : 0;
  uint32_t nNew = nOld ? nOld * 2 : 16;
  HSlot *aOld = p->aSlot;
  p->aSlot = tg_calloc(nNew, sizeof(HSlot));
  p->nMask = nNew - 1;
  for (uint32_t i = 0; i < nOld; i++) {
    if (aOld[i].iEntry == 0) continue;
    uint32_t j = aOld[i].h & p->nMask;
    while (p->aSlot[j].iEntry) j = (j + 1) & p->nMask;
    p->aSlot[j] = aOld[i];
  }
  tg_free(aOld);
}

int64_t htab_find(const HTab *p, uint64_t h, HTabEqFn xEq, const void *pCtx,
                  const void *pKey) {
  if (p->aSlot == NULL) return -1;
  uint32_t f = htabFragment(h);
  uint32_t i = f & p->nMask;
  for (;;) {
    const HSlot *pS = &p->aSlot[i];
    if (pS->iEntry == 0) return -1;
    if (pS->h == f && xEq(pCtx, pS->iEntry - 1, pKey)) return pS->iEntry - 1;
    i = (i + 1) & p->nMask;
  }
}

void htab_insert(HTab *p, uint64_t h, uint32_t iEntry) {
  if (p->aSlot == NULL || (uint64_t)(p->nUsed + 1) * 4 > (uint64_t)(p->nMask + 1) * 3) {
    htabGrow(p);
  }
  uint32_t f = htabFragment(h);
  uint32_t i = f & p->nMask;
  while (p->aSlot[i].iEntry) i = (i + 1) & p->nMask;
  p->aSlot[i].h = f;
  p->aSlot[i].iEntry = iEntry + 1;
  p->nUsed++;
}

/* Finds the slot holding iEntry under fragment f, or returns -1. */
static int64_t htabSlotOf(const HTab *p, uint32_t f, uint32_t iEntry) {
  if (p->aSlot == NULL) return -1;
  uint32_t i = f & p->nMask;
  for (;;) {
    const HSlot *pS = &p->aSlot[i];
    if (pS->iEntry == 0) return -1;
    if (pS->iEntry == iEntry + 1) return i;
    i = (i + 1) & p->nMask;
  }
}

bool htab_remove(HTab *p, uint64_t h, uint32_t iEntry) {
  int64_t iSlot = htabSlotOf(p, htabFragment(h), iEntry);
  if (iSlot < 0) return false;
  uint32_t i = (uint32_t)iSlot;
  uint32_t j = i;
  for (;;) {
    j = (j + 1) & p->nMask;
    if (p->aSlot[j].iEntry == 0) break;
    uint32_t k = p->aSlot[j].h & p->nMask;   /* home slot of entry at j */
    /* Move j back to i unless its home lies cyclically in (i, j]. */
    bool bStay = (i <= j) ? (i < k && k <= j) : (i < k || k <= j);
    if (bStay) continue;
    p->aSlot[i] = p->aSlot[j];
    i = j;
  }
  p->aSlot[i].iEntry = 0;
  p->aSlot[i].h = 0;
  p->nUsed--;
  return true;
}

void htab_reindex(HTab *p, uint64_t h, uint32_t iOld, uint32_t iNew) {
  int64_t iSlot = htabSlotOf(p, htabFragment(h), iOld);
  if (ALWAYS(iSlot >= 0)) p->aSlot[iSlot].iEntry = iNew + 1;
}

uint64_t htab_hash_bytes(const void *p, size_t n) { return XXH3_64bits(p, n); }

uint64_t htab_hash_u64(uint64_t x) { return XXH3_64bits(&x, sizeof(x)); }

uint64_t htab_hash_combine(uint64_t h, uint64_t x) {
  uint64_t a[2] = {h, x};
  return XXH3_64bits(a, sizeof(a));
}
