/*
** tck_scenario.h — runs one expanded TCK scenario against a fresh Tangle
** database and decides whether it passed.
**
** This is the part of the runner that gives the steps their meaning
** (graphs, setup queries, parameters, table-defined procedures, the query
** under test, result tables, expected errors and side effects). It runs
** in-process; tck_main.c calls it inside a forked child so that a crash,
** hang or leak fails only that scenario.
*/
#ifndef TCK_SCENARIO_H
#define TCK_SCENARIO_H

#include "gherkin.h"

/*
** What happened to a scenario. zReason is a one-line cause for TAP output
** ("wrong result", "error mismatch: detail", ...), NULL on a pass. zDetail
** is the multi-line report for --failures (query, expected vs actual),
** NULL on a pass. Both are tg_malloc'd; tck_outcome_clear() frees them.
*/
typedef struct TckOutcome {
  int bPass;      /* 1 if every step passed */
  char *zReason;  /* short cause of failure, or NULL */
  char *zDetail;  /* long report, or NULL */
} TckOutcome;

/*
** Runs pScen: opens a database, executes the steps in order and stops at
** the first failing step. zTckDir is the TCK root (for graphs/). Fills
** *pOut; everything allocated on the way is freed before returning.
*/
void tck_scenario_run(const GherkinScenario *pScen, const char *zTckDir, TckOutcome *pOut);

/* Frees the strings of an outcome and zeroes it. */
void tck_outcome_clear(TckOutcome *p);

#endif /* TCK_SCENARIO_H */
