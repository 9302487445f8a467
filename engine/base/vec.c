/*
** vec.c — the growth function behind the VEC macros (see vec.h).
*/
#include "base/vec.h"

#include <stdio.h>
#include <stdlib.h>

#include "base/mem.h"

void vec_grow_(void **pa, uint32_t *pCap, size_t nElem, uint32_t nNeed) {
  uint64_t nNew = *pCap ? (uint64_t)*pCap * 2 : 8;
  while (nNew < nNeed) nNew *= 2;
  if (nNew > UINT32_MAX) nNew = UINT32_MAX;
  if (nNew < nNeed) {
    fprintf(stderr, "tangle: vector too large\n");
    abort();
  }
  /* Doubling a large vector can ask for more than the machine has left
  ** while a little more would do: then grow by an eighth (mem.h). */
  void *p = nNew > 4096 ? tg_realloc_or_null(*pa, (size_t)nNew * nElem) : NULL;
  if (p == NULL) {
    if (nNew > 4096) {
      uint64_t nLess = (uint64_t)nNeed + nNeed / 8;
      if (nLess < nNew) nNew = nLess;
    }
    p = tg_realloc(*pa, (size_t)nNew * nElem);
  }
  *pa = p;
  *pCap = (uint32_t)nNew;
}
