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
  *pa = tg_realloc(*pa, (size_t)nNew * nElem);
  *pCap = (uint32_t)nNew;
}
