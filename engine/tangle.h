/*
** tangle.h — the public C interface to the Tangle graph engine.
**
** Modelled on sqlite3.h: open a database, prepare a statement from query
** text, bind parameters, step through result rows, read columns, finalize,
** close. This is the only header the command-line shell, the test runners
** and embedders include.
**
** Lifetimes, in the SQLite manner:
**   - a tg_db owns the graph; tg_close() frees everything it owns;
**   - a tg_stmt owns its compiled plan; tg_finalize() frees it;
**   - values returned by tg_column_*() stay valid until the next tg_step(),
**     tg_reset() or tg_finalize() on the same statement;
**   - strings returned by tg_errmsg() and friends stay valid until the next
**     call that can fail on the same database.
**
** Statement atomicity: a statement either completes or leaves the graph
** exactly as it was. A statement that writes runs to completion during its
** first tg_step() (its rows are buffered), so a failure is reported before
** any row is returned.
*/
#ifndef TANGLE_H
#define TANGLE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TG_VERSION_STRING "0.4.0"

typedef struct tg_db tg_db;          /* an open database */
typedef struct tg_stmt tg_stmt;      /* a prepared statement */
typedef struct Value tg_value;       /* a value; see the accessors below */

/* Result codes. */
#define TG_OK 0        /* success */
#define TG_ERROR 1     /* an error; see tg_errcode()/tg_errmsg() */
#define TG_ROW 100     /* tg_step() has a row ready */
#define TG_DONE 101    /* tg_step() finished */

/* Error kinds (tg_errcode). Their names (tg_errkind) follow the
** openCypher TCK so that conformance tests can check them. ORDER ERRKIND */
typedef enum tg_errkind_code {
  TG_ERR_NONE = 0,
  TG_ERR_SYNTAX,         /* SyntaxError: malformed or semantically invalid query */
  TG_ERR_SEMANTIC,       /* SemanticError */
  TG_ERR_TYPE,           /* TypeError: a value of the wrong type at run time */
  TG_ERR_ARGUMENT,       /* ArgumentError: a value out of its domain */
  TG_ERR_NOT_FOUND,      /* EntityNotFound */
  TG_ERR_CONSTRAINT,     /* ConstraintValidationFailed */
  TG_ERR_PROCEDURE,      /* ProcedureError */
  TG_ERR_PARAMETER,      /* ParameterMissing */
  TG_ERR_IO,             /* IOError: files */
  TG_ERR_LIMIT,          /* ResourceLimit: a configured cap was exceeded */
  TG_ERR_INTERRUPT,      /* Interrupted: tg_interrupt() was called */
  TG_ERR_INTERNAL,       /* InternalError: a bug in Tangle */
  TG_ERR__COUNT
} tg_errkind_code;

/* Value types (tg_value_type, tg_column_type). ORDER VALTYPE */
typedef enum tg_type {
  TG_NULL = 0,
  TG_BOOL,
  TG_INT,
  TG_FLOAT,
  TG_STRING,
  TG_LIST,
  TG_MAP,
  TG_NODE,
  TG_RELATIONSHIP,
  TG_PATH,
  TG_DATE,
  TG_LOCALTIME,
  TG_TIME,
  TG_LOCALDATETIME,
  TG_DATETIME,
  TG_DURATION,
  TG_POINT,
  TG_TYPE__COUNT
} tg_type;

/* ---- Databases -------------------------------------------------------- */

/* Opens an empty in-memory database. Returns TG_OK. */
int tg_open(tg_db **ppDb);

/* Flags of tg_open_v2. */
#define TG_OPEN_READONLY 0x01   /* write nothing: no lock, statements that write fail */
#define TG_OPEN_CREATE 0x02     /* create the database when there is none */

/*
** Opens the database on disk at zPath (a directory: docs/storage.md), or
** an empty in-memory one when zPath is NULL. The graph is loaded from the
** snapshot and the write-ahead log is replayed; from then on each commit
** is logged before it returns (setting "sync"). Only one process may open
** a database for writing; read-only opens are always allowed. Always sets
** *ppDb; returns TG_OK, or TG_ERROR with the reason in tg_errmsg(*ppDb)
** (the handle must still be closed). tg_open_report() tells what opening
** repaired, and tg_db_created() whether the database was created now.
*/
int tg_open_v2(const char *zPath, tg_db **ppDb, int flags);
const char *tg_open_report(tg_db *pDb);   /* "" when nothing happened */
int tg_db_created(tg_db *pDb);            /* 1 when tg_open_v2 created it */
const char *tg_db_path(tg_db *pDb);       /* the directory, NULL in memory */

/* Salvages what can be read of the damaged database at zPath into a new
** database at zTo (which must not exist), leaving zPath untouched.
** *pzReport gets one line per loss ("" when nothing was lost) and, on
** failure, *pzErr the reason; free both with tg_free. */
int tg_recover(const char *zPath, const char *zTo, char **pzReport, char **pzErr);

/* Writes a snapshot of the database and starts an empty log (also done
** when the log passes the setting "checkpoint_size", and by tg_close).
** Fails in memory, read-only, or inside a transaction. */
int tg_checkpoint(tg_db *pDb);

/* Frees the database, checkpointing one on disk first when its log holds
** anything. Statements must be finalized first, and connections closed.
** On a connection: frees it, rolling back its open transaction. */
void tg_close(tg_db *pDb);

/*
** Opens a connection: another handle on pDb's graph with its own
** transaction, error, interrupt flag and settings (copied from pDb's now),
** for another thread. Each handle is used by one thread at a time, but
** different handles may run statements at once: reads side by side, and
** writes and explicit transactions one at a time (a write waits for the
** reads running, a read for the transaction open), each wait at most the
** setting "lock_timeout" (ms, default 30000). A read statement holds the
** database from its first tg_step until its last row, reset or finalize.
** Make the first connection before other threads use pDb; procedures
** are shared, so register them before that too. Close with tg_close,
** before pDb.
*/
int tg_connect(tg_db *pDb, tg_db **ppConn);

/* Runs every ';'-separated statement of zScript in order, discarding rows.
** Stops at the first error and returns TG_ERROR (the error's line and
** column count from the start of zScript). zName names the script in
** error messages (a file name, or NULL). A transaction the script opened
** (BEGIN) stays open after an error: tg_rollback() ends it. */
int tg_exec(tg_db *pDb, const char *zScript, const char *zName);

/* Explicit transactions, as the statements BEGIN, COMMIT and ROLLBACK.
** Without one, each statement commits on its own (autocommit). Inside
** one, statements see each other's changes; a statement that fails undoes
** only its own, and the transaction goes on. Schema commands cannot run
** inside one. tg_begin fails when one is open; tg_commit and tg_rollback
** when none is; all three while a statement is still returning rows.
** tg_close rolls back a transaction left open. */
int tg_begin(tg_db *pDb);
int tg_commit(tg_db *pDb);
int tg_rollback(tg_db *pDb);
int tg_in_transaction(tg_db *pDb);   /* 1 while one is open */

/* Writes a Cypher script that recreates the graph, indexes and
** constraints included (like sqlite3's .dump), passing it to xWrite in
** pieces (xWrite returns 0 to stop). Node and relationship ids are not
** kept. Returns TG_OK, or TG_ERROR when xWrite stopped it, inside an open
** transaction (a dump holds committed data only), or when nodes already
** use the script's temporary label or key (_TangleDump, _tangle_dump_id). */
int tg_dump(tg_db *pDb, int (*xWrite)(void *pArg, const char *z, int n), void *pArg);

/* Writes the graph as CSV files for neo4j-admin import into the folder
** zDir (created when missing; an existing one must be empty): one node
** file per set of labels, one relationship file per type, typed headers,
** and README.txt with the neo4j-admin and tangle commands that load them
** (Tangle's --nodes/--relationships import reads them back to the same
** graph). Returns TG_OK, or TG_ERROR inside an open transaction, when a
** file cannot be written (IOError naming it; the files written are
** removed), or when a value has no form in the format (ArgumentError
** naming the entity and key: an empty list, a list of mixed types). */
int tg_export_csv(tg_db *pDb, const char *zDir);

/* Asks the running statement to stop; it fails with TG_ERR_INTERRUPT.
** Safe to call from a signal handler or another thread. */
void tg_interrupt(tg_db *pDb);

/* Node and relationship counts of the graph. */
int64_t tg_node_count(tg_db *pDb);
int64_t tg_relationship_count(tg_db *pDb);

/* ---- Errors ----------------------------------------------------------- */

int tg_errcode(tg_db *pDb);                 /* a TG_ERR_* kind, 0 when none */
const char *tg_errkind(tg_db *pDb);         /* "SyntaxError", ... or "" */
const char *tg_errdetail(tg_db *pDb);       /* TCK detail code, e.g. "UndefinedVariable", or "" */
const char *tg_errmsg(tg_db *pDb);          /* human message, "" when none */
int tg_error_line(tg_db *pDb);              /* 1-based line, 0 when unknown */
int tg_error_column(tg_db *pDb);            /* 1-based column in code points, 0 when unknown */
int tg_error_offset(tg_db *pDb);            /* byte offset in the text, -1 when unknown */
int tg_error_runtime(tg_db *pDb);           /* 1 if raised while running, 0 if while compiling */
const char *tg_errkind_name(int errcode);   /* name of a tg_errcode */

/* ---- Statements ------------------------------------------------------- */

/* Compiles the first statement of zText (nText bytes, or -1 for
** NUL-terminated). On success *ppStmt is the statement, or NULL when zText
** holds only spaces and comments; *pzTail (if not NULL) points just past
** the statement's ';'. Syntax and semantic errors are reported here:
** they are "compile time" errors. */
int tg_prepare(tg_db *pDb, const char *zText, int nText, tg_stmt **ppStmt,
               const char **pzTail);

/* Runs the statement to its next row. Returns TG_ROW, TG_DONE or TG_ERROR. */
int tg_step(tg_stmt *pStmt);

/* Rewinds the statement so it can run again (bindings are kept). */
int tg_reset(tg_stmt *pStmt);

/* Frees the statement. NULL is a no-op. */
int tg_finalize(tg_stmt *pStmt);

/* The database a statement belongs to. */
tg_db *tg_stmt_db(tg_stmt *pStmt);

/* 1 when the statement does not change the graph (it neither writes to
** the graph nor changes the schema), 0 when it does. Whether it touches
** files is a separate question: tg_stmt_files(). */
int tg_stmt_readonly(tg_stmt *pStmt);

/* 1 for a schema command (CREATE/DROP INDEX or CONSTRAINT), 0 otherwise. */
int tg_stmt_is_schema(tg_stmt *pStmt);

/* Unbinds every parameter (tg_reset keeps them), as sqlite3_clear_bindings. */
int tg_clear_bindings(tg_stmt *pStmt);

/* A number that changes whenever an index or constraint is made or
** dropped: a cache of prepared statements re-prepares when it moves, so
** that its plans use the indexes there are. */
uint64_t tg_schema_version(tg_db *pDb);
/* Moves with tg_schema_version and whenever the graph's size (nodes plus
** relationships) doubles or halves: plans are chosen by statistics, so a
** cache of prepared statements re-prepares when it moves. */
uint64_t tg_plan_version(tg_db *pDb);

/* 1 for BEGIN, COMMIT or ROLLBACK (a transaction-control statement). */
int tg_stmt_is_txn_control(tg_stmt *pStmt);

/* The statement's text, as prepared (up to and including its ';'). */
const char *tg_stmt_text(tg_stmt *pStmt);

/* The files a statement touches: TG_FILES_READ (LOAD CSV) and/or
** TG_FILES_WRITE (RENDER ... TO), or 0. */
#define TG_FILES_READ 1
#define TG_FILES_WRITE 2
int tg_stmt_files(tg_stmt *pStmt);

/* 1 for EXPLAIN (the rows are the plan's lines), 2 for PROFILE, else 0. */
int tg_stmt_is_explain(tg_stmt *pStmt);

/* The operator tree as text; after a PROFILE has run, with rows and time
** per operator. Valid until the statement is finalized. */
const char *tg_stmt_plan(tg_stmt *pStmt);

/* ---- Parameters ------------------------------------------------------- */
/* $name parameters are bound by name (with or without the '$'). Unbound
** parameters make tg_step() fail with TG_ERR_PARAMETER. Each tg_bind_*
** returns TG_OK, or TG_ERROR (an ArgumentError whose message names the
** parameter) when the statement does not use that name; bind only the
** names tg_param_name() lists. The value is copied: the caller keeps
** ownership of what it passes. A binding lasts across tg_reset(). */

int tg_bind_null(tg_stmt *pStmt, const char *zName);
int tg_bind_bool(tg_stmt *pStmt, const char *zName, int b);
int tg_bind_int(tg_stmt *pStmt, const char *zName, int64_t i);
int tg_bind_double(tg_stmt *pStmt, const char *zName, double f);
/* Binds the n bytes at z (UTF-8) as a string; n = -1 means z is
** NUL-terminated and its whole length is taken. Bytes that are not valid
** UTF-8 are refused (TG_ERROR, an ArgumentError naming the first bad
** byte): every string Tangle holds is UTF-8. */
int tg_bind_text(tg_stmt *pStmt, const char *zName, const char *z, int n);
int tg_bind_value(tg_stmt *pStmt, const char *zName, const tg_value *pVal);

/* Parses zLiteral as a Cypher literal (number, string, boolean, null, list,
** map) and binds it. Returns TG_ERROR with a SyntaxError when it is not a
** literal. */
int tg_bind_literal(tg_stmt *pStmt, const char *zName, const char *zLiteral);

/* Number and names of the parameters the statement uses. Names come
** without the '$'; i runs from 0 to tg_param_count()-1 (NULL outside). */
int tg_param_count(tg_stmt *pStmt);
const char *tg_param_name(tg_stmt *pStmt, int i);

/* ---- Result columns ---------------------------------------------------- */

int tg_column_count(tg_stmt *pStmt);
const char *tg_column_name(tg_stmt *pStmt, int iCol);
int tg_column_type(tg_stmt *pStmt, int iCol);            /* tg_type */
const tg_value *tg_column_value(tg_stmt *pStmt, int iCol);
int64_t tg_column_int(tg_stmt *pStmt, int iCol);
double tg_column_double(tg_stmt *pStmt, int iCol);

/* The column as text: a string's own bytes; any other value written as a
** Cypher literal ("(:Person {name: 'X'})", "[1, 2]", "null"). */
const char *tg_column_text(tg_stmt *pStmt, int iCol);

/* Bytes in tg_column_text()'s result (a RENDER statement's PNG or PDF
** output is binary and may hold NUL bytes). */
int tg_column_bytes(tg_stmt *pStmt, int iCol);

/* Changes made by the statement so far. */
typedef struct tg_changes {
  int64_t nNodesCreated, nNodesDeleted;
  int64_t nRelsCreated, nRelsDeleted;
  int64_t nPropsSet, nPropsRemoved;
  int64_t nLabelsAdded, nLabelsRemoved;
} tg_changes;
void tg_stmt_changes(tg_stmt *pStmt, tg_changes *pOut);

/* ---- Notifications ------------------------------------------------------ */
/* Remarks on a statement that does not fail: a label, relationship type or
** property key that a MATCH, a label test or a property read names but
** that the graph does not hold (a likely typo; GQL status codes 01N50,
** 01N51, 01N52, as Neo4j), and a MATCH or MERGE on a property without an
** index inside a LOAD CSV of more than 5,000 rows (03N93; the message
** holds the CREATE INDEX statement to run). Names are checked when the
** statement is prepared; the LOAD CSV hint comes while it runs, so read
** the notifications after the last tg_step(). i runs from 0 to
** tg_stmt_notification_count()-1 (NULL outside). The strings stay valid
** until the statement is finalized. */
int tg_stmt_notification_count(tg_stmt *pStmt);
const char *tg_stmt_notification(tg_stmt *pStmt, int i);       /* the message */
const char *tg_stmt_notification_code(tg_stmt *pStmt, int i);  /* "01N50", ... */

/* ---- Values ------------------------------------------------------------ */
/* Accessors on a value from tg_column_value(). A value borrowed from a
** statement follows the column lifetime rule above. */

int tg_value_type(const tg_value *p);                /* tg_type */
const char *tg_type_name(int type);                  /* "INTEGER", "NODE", ... */
int tg_value_bool(const tg_value *p);
int64_t tg_value_int(const tg_value *p);
double tg_value_double(const tg_value *p);            /* ints convert */
const char *tg_value_text(const tg_value *p, int *pnByte); /* strings only, else NULL */

/* Lists, maps and paths. For a path, items alternate node, relationship,
** node, ... (2*length+1 items). */
int tg_value_size(const tg_value *p);
const tg_value *tg_value_item(const tg_value *p, int i);  /* list/path element, map value */
const char *tg_value_key(const tg_value *p, int i);       /* map key */

/* Graph entities (nodes and relationships). */
int64_t tg_value_id(const tg_value *p);
int tg_node_label_count(tg_db *pDb, const tg_value *pNode);
const char *tg_node_label(tg_db *pDb, const tg_value *pNode, int i);
const char *tg_rel_type(tg_db *pDb, const tg_value *pRel);
int64_t tg_rel_start(tg_db *pDb, const tg_value *pRel);
int64_t tg_rel_end(tg_db *pDb, const tg_value *pRel);
int tg_entity_prop_count(tg_db *pDb, const tg_value *pEntity);
const char *tg_entity_prop_key(tg_db *pDb, const tg_value *pEntity, int i);
const tg_value *tg_entity_prop_value(tg_db *pDb, const tg_value *pEntity, int i);

/* Writes the value as a Cypher literal (temporal values as their ISO
** text). Returns a string the caller frees with tg_free(). */
char *tg_value_format(tg_db *pDb, const tg_value *p);

/* Values owned by the caller: parsed from a Cypher literal, copied, freed.
** tg_value_parse returns NULL (and sets the database error) on bad text. */
tg_value *tg_value_parse(tg_db *pDb, const char *zLiteral);
tg_value *tg_value_dup(const tg_value *p);
void tg_value_free(tg_value *p);

/* Frees memory Tangle returned to the caller (tg_value_format, ...). */
void tg_free(void *p);

/* ---- Procedures --------------------------------------------------------- */
/* Embedders (and the TCK runner) may register procedures callable with
** CALL name(args) YIELD cols. The signature uses Cypher's procedure
** notation: "(in :: INTEGER?, name :: STRING?) :: (out :: STRING?)";
** a void procedure writes "() :: VOID". Argument values are checked
** against the declared types before the callback runs. */

typedef struct tg_proc_ctx tg_proc_ctx;
typedef int (*tg_proc_fn)(tg_proc_ctx *pCtx, int nArg, const tg_value **apArg,
                          void *pArg);

/* Emits one output row (nOut values in signature order). */
int tg_proc_emit(tg_proc_ctx *pCtx, const tg_value **apOut);
/* Fails the call with a ProcedureError. */
void tg_proc_error(tg_proc_ctx *pCtx, const char *zMsg);

int tg_create_procedure(tg_db *pDb, const char *zName, const char *zSignature,
                        tg_proc_fn xProc, void *pArg, void (*xDestroy)(void *));

/* ---- Rendering (Graphviz) ------------------------------------------------ */

/* Does the statement end in RENDER? Without TO it yields one row whose
** only column ("render") holds the rendered bytes (tg_column_text and
** tg_column_bytes); with TO FILE it yields one row describing the file
** written (file, format, nodes, relationships). */
int tg_stmt_is_render(tg_stmt *pStmt);

typedef struct tg_render_opts {
  const char *zFormat;     /* "dot", "svg", "png", "pdf", or "json" (Graphviz's JSON of the
                              laid-out graph); NULL: from zFile's extension, else dot */
  const char *zLayout;     /* "dot", "neato", "fdp", "sfdp", "circo", "twopi"; NULL: dot up to
                              150 nodes / 200 relationships, sfdp above */
  const char *zDirection;  /* dot's rankdir: "LR", "TB", "RL", "BT"; NULL: LR */
  const char *zFile;       /* write here (atomically); NULL: return the bytes */
  /* RENDER's OPTIONS (zero for each: as RENDER without it): */
  const char *zTitle;      /* a caption above the picture; NULL: none */
  int bNoLegend;           /* 1: no legend (OPTIONS {legend: false}) */
  int bCluster;            /* 1: a box around each label's nodes (OPTIONS {cluster: true}; dot and fdp) */
  int64_t nMaxNodes;       /* the node cap; 0: the setting render.max_nodes */
  int64_t nMaxRelationships; /* the relationship cap; 0: render.max_relationships */
} tg_render_opts;

/* Draws the nodes, relationships and paths among apVal (lists of them
** allowed; duplicates merged) as RENDER does. With zFile NULL, *pzOut
** receives the bytes (free with tg_free) and *pnOut their length. Returns
** TG_OK, or TG_ERROR with the database error set (nothing graph-like,
** over render.max_nodes or render.max_relationships, unknown format or
** layout, unwritable file, stopped by tg_interrupt() or the timeout
** setting: the layout runs in a child process, which is killed). */
int tg_render(tg_db *pDb, const tg_value *const *apVal, int nVal, const tg_render_opts *pOpts,
              char **pzOut, int *pnOut);

/* Runs pStmt (prepared, its parameters bound) to its end and draws every
** node, relationship and path among the values of all its rows, as
** tg_render does (the explorer's POST /render). The rows and the picture
** see one state of the graph. A statement that writes (to the graph, the
** schema or a file) or controls a transaction is refused; the statement
** is left done or reset. Same results as tg_render. */
int tg_render_stmt(tg_stmt *pStmt, const tg_render_opts *pOpts, char **pzOut, int *pnOut);

/* RENDER's drawing conventions as JSON, for a page that draws nodes and
** relationships itself and should look like RENDER: the shape and colours
** of each known label, the palette other labels take (and the hash that
** picks their entry), the styles for no label, contradicted claims and
** relationship types, the caption and edge-label rules, the font. Every
** node is named "n<id>" and every relationship "r<id>" in RENDER's
** output (the DOT names and ids, SVG element ids, JSON names and ids).
** Free the string with tg_free. */
char *tg_render_style_json(void);

/* Bytes of memory Tangle has allocated and not freed (like
** sqlite3_memory_used); for benchmarks and leak checks. */
int64_t tg_memory_used(void);

/* ---- Bulk import (CSV) ---------------------------------------------------- */
/* Loads node and relationship files in neo4j-admin import's format into an
** EMPTY database: header row (or a separate header file) with :ID(group),
** :START_ID(group), :END_ID(group), :LABEL, :TYPE, typed columns
** (name:int, name:string[] ...) and :IGNORE; RFC 4180 quoting; UTF-8 BOM.
** Each spec is "FILE", "Label=FILE" (or "TYPE=FILE"), and FILE may be a
** comma-separated list whose first file is the header. */

typedef struct tg_import_opts {
  char cDelimiter;         /* field separator, default ',' */
  char cArrayDelimiter;    /* array element separator, default ';' */
  int bSkipBadRows;        /* skip and report bad rows instead of failing */
  int bMultilineFields;    /* quoted fields may hold line breaks (else such a
                              field is a bad row, and reading goes on at the
                              next line: a stray quote spoils one row) */
  /* Called for each bad row (file, 1-based line, message); may be NULL. */
  void (*xBadRow)(void *pArg, const char *zFile, int64_t iLine, const char *zMsg);
  /* Called about once a second during long imports; may be NULL. */
  void (*xProgress)(void *pArg, const char *zFile, int64_t nRows, double seconds);
  void *pArg;              /* passed to the callbacks */
} tg_import_opts;

typedef struct tg_import_stats {
  int64_t nNodes;          /* nodes created */
  int64_t nRels;           /* relationships created */
  int64_t nBadRows;        /* rows skipped (bSkipBadRows) */
  double seconds;          /* wall time */
} tg_import_stats;

/* Every field must be valid UTF-8 (a bad row otherwise), and the
** csv.max_field and csv.max_record settings cap fields and records (a
** ResourceLimit that stops the import). tg_interrupt() stops it too.
** Returns TG_OK, or TG_ERROR (with the error naming file and line) leaving
** the database empty. */
int tg_import(tg_db *pDb, int nNodeSpec, const char *const *azNodeSpec, int nRelSpec,
              const char *const *azRelSpec, const tg_import_opts *pOpts, tg_import_stats *pStats);

/* The file and line an error refers to (CSV imports, scripts), or NULL/0. */
const char *tg_error_file(tg_db *pDb);
int64_t tg_error_file_line(tg_db *pDb);

/* ---- Settings ----------------------------------------------------------- */

/* Named integer settings: "render.max_nodes" (default 500),
** "render.max_relationships" (default 2000), "threads"
** (workers for a counting query over a large graph; default 0: one per
** core; 1: never in parallel) and "timeout" (a statement's time limit in
** milliseconds, counted from its first tg_step; past it the statement
** fails with TG_ERR_LIMIT and is rolled back; default 0: none) and
** "max_memory" (bytes a statement may add to what is in use; past them it
** fails with TG_ERR_LIMIT and is rolled back; default half the machine's
** memory, or 3/4 of the address-space limit; 0: no limit; running out of
** memory fails the statement the same way). Two exist for the differential tester:
** "parallel.min_nodes" (scans this large split across workers; 0: the
** built-in thresholds) and "planner.reference" (1: statements prepared from
** now on are planned without any rewrite: patterns matched by nested loops
** in written order, no joins, seeks, counting shortcuts or parallelism).
** "lock_timeout" (ms; default 30000; 0: no limit) bounds how long a statement
** of a connection (tg_connect) waits for another's transaction.
** Returns TG_ERROR for an unknown name or a bad value. */
int tg_config_set(tg_db *pDb, const char *zName, int64_t iValue);
int64_t tg_config_get(tg_db *pDb, const char *zName);

/* What queries may do with files (LOAD CSV reads, RENDER ... TO writes):
** the integer setting "files" (1, the default: any file the process can
** reach; 0: none), and the text setting "files.root": a directory (which
** must exist) that files are confined to; relative paths are taken inside
** it, and a path that resolves outside it (through "..", or a symbolic
** link) is refused. NULL lifts the confinement. The integer setting
** "read_only" (1) makes every statement that would change the graph, the
** schema or a file (RENDER ... TO) fail when prepared; EXPLAIN still works. A refused statement fails
** with TG_ERR_IO naming the rule. tg_config_get_text returns the resolved
** directory, or NULL.
** A database on disk has two more: the text setting "sync" ("full", the
** default: a commit returns once its log record is on disk; "normal":
** the log is synced about once a second, so a power failure may lose that
** second but a crash of the process nothing; "off": the operating system
** decides) and the integer "checkpoint_size" (bytes of log after which a
** commit writes a new snapshot; default 64 MiB; 0: only on close).
** The text settings "client.user" and "client.role" name whom a server
** serves on this handle; dbms.showCurrentUser() returns them. */
int tg_config_set_text(tg_db *pDb, const char *zName, const char *zValue);
const char *tg_config_get_text(tg_db *pDb, const char *zName);

#ifdef __cplusplus
}
#endif

#endif /* TANGLE_H */
