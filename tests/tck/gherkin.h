/*
** gherkin.h — a small reader for the subset of Gherkin that the openCypher
** TCK feature files use.
**
** It reads one .feature file and returns its scenarios already expanded
** ("pickles" in Cucumber's terms): Background steps are prepended to each
** scenario, and every Examples row of a Scenario Outline becomes its own
** scenario with the <placeholders> substituted into step text, docstrings
** and table cells. Supported: Feature, Background, Scenario, Scenario
** Outline (Scenario Template), Examples, @tags, """ docstrings (opening
** indentation removed), | tables (with \|, \\ and \n cell escapes), # comments
** and tab indentation. It knows nothing about what the steps mean.
*/
#ifndef GHERKIN_H
#define GHERKIN_H

#include "base/arena.h"

/* One table row: its cells after unescaping and trimming. */
typedef struct GherkinRow {
  int nCell;       /* number of cells; 0 for a lone "|" */
  char **azCell;   /* the cells */
} GherkinRow;

/* A data table attached to a step or an Examples block. */
typedef struct GherkinTable {
  int nRow;          /* rows, the header (if any) included */
  GherkinRow *aRow;  /* the rows in file order */
} GherkinTable;

/* One step of an expanded scenario. Owned by its scenario. */
typedef struct GherkinStep {
  char *zKeyword;        /* "Given", "When", "Then", "And" or "But" */
  char *zText;           /* the text after the keyword, trimmed */
  char *zDoc;            /* docstring content, or NULL */
  GherkinTable *pTable;  /* data table, or NULL */
  int iLine;             /* 1-based line of the step in the file */
} GherkinStep;

/*
** An expanded scenario. zId is the stable id "<file> [n]" for a plain
** scenario and "<file> [n] #k" for the k-th Examples row (1-based, counted
** over all Examples blocks of the outline); <file> is the feature path
** given to gherkin_parse() by the caller (the runner passes the path
** under features/).
*/
typedef struct GherkinScenario {
  char *zId;           /* stable id, see above */
  char *zName;         /* scenario title after "Scenario:" */
  int bIgnore;         /* tagged @ignore (on the scenario, Examples or Feature) */
  int iLine;           /* line of the Scenario keyword */
  int nStep;           /* number of steps */
  GherkinStep *aStep;  /* the steps, Background first */
} GherkinScenario;

/*
** A parsed feature file. Every string, step, table and scenario of it is
** allocated from its arena, so the whole feature is a handful of heap
** blocks; free it with gherkin_free().
*/
typedef struct GherkinFeature {
  Arena arena;                 /* owns everything below */
  char *zFile;                 /* the name passed to gherkin_parse() */
  char *zName;                 /* text after "Feature:" */
  int nScenario;               /* number of expanded scenarios */
  GherkinScenario *aScenario;  /* the scenarios in file order */
} GherkinFeature;

/*
** Parses the feature text zText; zFile is used for scenario ids and
** messages. Returns a new feature, or NULL after writing "file:line:
** message" into *pzErr (a string the caller frees with tg_free()) when
** the text uses Gherkin this reader does not understand.
*/
GherkinFeature *gherkin_parse(const char *zFile, const char *zText, char **pzErr);

/* Frees a feature and everything it owns. NULL is a no-op. */
void gherkin_free(GherkinFeature *p);

#endif /* GHERKIN_H */
