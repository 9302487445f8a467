/*
** export.h — the graph as CSV files for neo4j-admin import (tg_export_csv,
** --export-csv, :export-csv), which Tangle's own import (import.c) reads
** back to the same graph.
**
** One node file per set of labels and one relationship file per type,
** each with a typed header (`:ID`, `:LABEL`, `name:string`, `born:date`,
** `tags:string[]`, `:START_ID`, `:END_ID`, `:TYPE`). A header names a key
** once, so when the same key holds values of different types within one
** label set (or type), the entities are spread over several files, each
** with one type per key: nodes_Person.csv, nodes_Person_2.csv ... A
** README.txt in the folder gives the neo4j-admin and tangle command lines
** that load them. See export.c for the value rules and the limits.
*/
#ifndef TANGLE_EXPORT_H
#define TANGLE_EXPORT_H

#include "base/error.h"
#include "store/graph.h"

/* What an export wrote. */
typedef struct ExportStats {
  uint64_t nNodes;       /* nodes written */
  uint64_t nRels;        /* relationships written */
  uint32_t nFiles;       /* CSV files written (README.txt not counted) */
  char cArrayDelim;      /* the array delimiter chosen */
} ExportStats;

/*
** Writes g as CSV files into the folder zDir, which is created when
** missing and must otherwise be empty. Each file is written as NAME.tmp
** and renamed when whole; on failure every file of this export is
** removed again. Returns true, or false with pErr set: an IOError naming
** the file (or folder) that could not be written, or an ArgumentError
** naming the node or relationship whose value the format cannot hold
** (an empty list, a list of mixed types ...). pStats may be NULL.
*/
bool export_csv(const Graph *g, const char *zDir, TgError *pErr, ExportStats *pStats);

#endif /* TANGLE_EXPORT_H */
