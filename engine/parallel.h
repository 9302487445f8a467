/*
** parallel.h — running an aggregating read statement on several cores
** (see parallel.c for when and how).
*/
#ifndef TANGLE_PARALLEL_H
#define TANGLE_PARALLEL_H

#include "stmt.h"

/* Before a read statement's first step: when its plan qualifies, prepares
** clones of it and wires their scans and Aggregates to the statement's. */
void parallel_setup(tg_stmt *p);
/* Finalizes the clones (at reset and finalize). */
void parallel_release(tg_stmt *p);

#endif /* TANGLE_PARALLEL_H */
