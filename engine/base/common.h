/*
** common.h — definitions every Tangle source file includes first.
**
** Fixed-width integer types, the assertion helpers borrowed from SQLite
** (ALWAYS/NEVER for defensive branches, TESTCASE for boundaries), and a few
** small macros. Nothing here allocates or depends on another Tangle module.
*/
#ifndef TANGLE_COMMON_H
#define TANGLE_COMMON_H

#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define TANGLE_VERSION "0.4.0"

#define ARRAY_SIZE(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* ALWAYS(X) guards a condition we believe is always true; NEVER(X) one we
** believe is always false. In debug builds a wrong belief stops the program
** at once; in release builds the defensive branch still runs. */
#ifdef NDEBUG
# define ALWAYS(X) (X)
# define NEVER(X) (X)
#else
# define ALWAYS(X) ((X) ? 1 : (assert(0), 0))
# define NEVER(X) ((X) ? (assert(0), 1) : 0)
#endif

/* TESTCASE marks a boundary condition a test should reach. It is a
** no-op; it documents intent for readers and coverage tools. */
#define TESTCASE(X) ((void)(X))

#if defined(__GNUC__)
# define likely(X) __builtin_expect(!!(X), 1)
# define unlikely(X) __builtin_expect(!!(X), 0)
# define TG_PRINTF(F, A) __attribute__((format(printf, F, A)))
#else
# define likely(X) (X)
# define unlikely(X) (X)
# define TG_PRINTF(F, A)
#endif

#define TG_MIN(a, b) ((a) < (b) ? (a) : (b))
#define TG_MAX(a, b) ((a) > (b) ? (a) : (b))

#endif /* TANGLE_COMMON_H */
