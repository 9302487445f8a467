/*
** vec.h — type-generic growable arrays on the heap.
**
** A vector is any struct with fields `a` (pointer), `n` (count) and `cap`
** (capacity), declared with VEC(T). Growth doubles the capacity through
** tg_realloc. Elements move when the vector grows: never keep a pointer to
** an element across a push.
*/
#ifndef TANGLE_VEC_H
#define TANGLE_VEC_H

#include "base/common.h"

#define VEC(T) struct { T *a; uint32_t n; uint32_t cap; }

/* Grow *pa so that it holds at least nNeed elements of nElem bytes. */
void vec_grow_(void **pa, uint32_t *pCap, size_t nElem, uint32_t nNeed);

#define vec_reserve(v, nNeed)                                              \
  ((uint32_t)(nNeed) > (v)->cap                                            \
       ? vec_grow_((void **)&(v)->a, &(v)->cap, sizeof(*(v)->a), (nNeed))  \
       : (void)0)

#define vec_push(v, x)                 \
  do {                                 \
    vec_reserve((v), (v)->n + 1);      \
    (v)->a[(v)->n++] = (x);            \
  } while (0)

#define vec_free(v)          \
  do {                       \
    tg_free((v)->a);         \
    (v)->a = NULL;           \
    (v)->n = (v)->cap = 0;   \
  } while (0)

#endif /* TANGLE_VEC_H */
