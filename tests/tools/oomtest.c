/*
** oomtest.c — allocation-failure injection, in the manner of SQLite's OOM
** tests: for each representative statement, make the Nth allocation fail
** (mem_fail_after) for N over the statement's allocations, and check that
** every run ends in one of two ways:
**
**   - a clean ResourceLimit "out of memory" error, with the graph exactly
**     as before the statement (its fingerprint: every node, relationship,
**     id, label, property, index and constraint), and the database still
**     usable;
**   - or, when the failed allocation came after the statement had
**     finished, the statement's normal rows and effect.
**
** Leaks are left to LeakSanitizer (the sanitizer build runs this too).
**
**   oomtest [--sample K]   at most K failure points per statement, spread
**                          evenly (the normal test run)
**   oomtest --all          every allocation of every statement (the
**                          normal run: a few hundred ms)
**   oomtest --all --scale K   ... on a graph with K more people, so each
**                          statement allocates more and in more places
**                          (the long run: ./build.sh oomtest)
**
** One TAP line per statement.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/mem.h"
#include "tangle.h"

/* The graph every statement starts from: people, cities, relationships with
** properties, an index and a uniqueness constraint. */
static const char *const azSetup[] = {
    "CREATE INDEX person_age FOR (p:Person) ON (p.age)",
    "CREATE CONSTRAINT city_name FOR (c:City) REQUIRE c.name IS UNIQUE",
    "UNWIND [['Ann', 31], ['Bob', 45], ['Cy', 27], ['Dee', 52], ['Eve', 38]] AS row "
    "CREATE (:Person {name: row[0], age: row[1], tags: ['a', row[0]]})",
    "UNWIND ['Oslo', 'Lima', 'Pune'] AS name CREATE (:City {name: name, founded: date('1000-01-01')})",
    "MATCH (a:Person), (b:Person) WHERE a.age < b.age CREATE (a)-[:KNOWS {since: a.age + b.age}]->(b)",
    "MATCH (p:Person), (c:City) WHERE size(p.name) = size(c.name) - 1 CREATE (p)-[:LIVES_IN]->(c)",
};

/* The statements under test; {csv} stands for a CSV file's path. */
static const char *const azCase[] = {
    /* writes */
    "CREATE (a:Person {name: 'Zed', age: 40})-[:KNOWS {since: 2020}]->(b:Person:Admin {name: 'Yan'})",
    "MATCH (p:Person) SET p.age = p.age + 1, p:Adult, p.tags = p.tags + ['b']",
    "MATCH (p:Person {name: 'Ann'}) DETACH DELETE p",
    "MERGE (c:City {name: 'Rome'}) ON CREATE SET c.new = true ON MATCH SET c.seen = true",
    "UNWIND range(1, 40) AS i CREATE (:N {i: i, s: toString(i), l: range(0, i % 5)})",
    "MATCH (a)-[r:KNOWS]->(b) REMOVE r.since SET b.best = a.name",
    "MATCH (p:Person), (c:City) MERGE (p)-[:VISITED {n: 1}]->(c)",
    "MATCH (p:Person) WHERE p.age > 40 SET p += {vip: true, score: p.age * 1.5} REMOVE p:Person",
    "CREATE INDEX city_founded FOR (c:City) ON (c.founded)",
    "DROP INDEX person_age",
    "CREATE (:City {name: 'Oslo'})",
    "LOAD CSV WITH HEADERS FROM 'file://{csv}' AS row CREATE (:Row {id: toInteger(row.id), name: row.name})",
    /* inside an explicit transaction (after BEGIN and a first write): the
    ** failure takes back this statement only */
    "TXN:MATCH (p:Person) SET p.age = p.age * 2 CREATE (p)-[:TWIN]->(:Person {name: p.name + '2'})",
    "TXN:MATCH (p:Person {name: 'Bob'}) DETACH DELETE p",
    /* reads */
    "MATCH (a:Person)-[:KNOWS*1..3]->(b) RETURN a.name, collect(DISTINCT b.name) AS reach ORDER BY a.name",
    "MATCH (p:Person) WITH p ORDER BY p.age DESC RETURN p.name, [x IN range(1, p.age) | x * 2][0..3], "
    "reduce(s = '', x IN range(1, 5) | s + toString(x)) AS r",
    "MATCH path = shortestPath((a:Person {name: 'Cy'})-[*]-(b:Person {name: 'Dee'})) RETURN path, length(path)",
    "MATCH (p:Person) WHERE p.name =~ '[A-D].*' RETURN p {.name, .age, labels: labels(p)} AS m",
    "MATCH (p:Person) OPTIONAL MATCH (p)-[:LIVES_IN]->(c) RETURN p.name AS a, c.name AS b UNION "
    "CALL db.labels() YIELD label RETURN label AS a, null AS b",
    "MATCH (p:Person) RETURN p.age % 2 AS parity, count(*), avg(p.age), max(p.name) ORDER BY parity",
    "UNWIND range(1, 200) AS i WITH i % 7 AS k, i RETURN k, sum(i), collect(i)[0..2] ORDER BY k",
    "MATCH (a:Person)-[r]->(b) WHERE type(r) STARTS WITH 'K' RETURN DISTINCT b.name ORDER BY b.name SKIP 1 LIMIT 2",
    /* FactorisedCount, with an optional match and the id(a) <> id(b) correction */
    "MATCH (a:Person)-[:KNOWS]->(b:Person)<-[:KNOWS]-(c) WHERE id(a) <> id(c) OPTIONAL MATCH (b)-[:LIVES_IN]->(x) "
    "RETURN b.name, count(*), sum(b.age) ORDER BY b.name",
};

/* ---- Text helpers ------------------------------------------------------------ */

typedef struct Text {
  char *z;
  size_t n, nAlloc;
} Text;

static void textAdd(Text *t, const char *zFmt, ...) {
  va_list ap;
  va_start(ap, zFmt);
  char zBuf[512];
  int n = vsnprintf(zBuf, sizeof(zBuf), zFmt, ap);
  va_end(ap);
  if (n < 0) return;
  char *zBig = NULL;
  if ((size_t)n >= sizeof(zBuf)) {
    zBig = malloc((size_t)n + 1);
    if (zBig == NULL) abort();
    va_start(ap, zFmt);
    vsnprintf(zBig, (size_t)n + 1, zFmt, ap);
    va_end(ap);
  }
  if (t->n + (size_t)n + 1 > t->nAlloc) {
    t->nAlloc = (t->n + (size_t)n + 1) * 2;
    t->z = realloc(t->z, t->nAlloc);
    if (t->z == NULL) abort();
  }
  memcpy(t->z + t->n, zBig ? zBig : zBuf, (size_t)n + 1);
  t->n += (size_t)n;
  free(zBig);
}

/* ---- Running statements ----------------------------------------------------- */

/* What one run of a statement gave: its rows as text, or its error. */
typedef struct Outcome {
  bool bError;
  int eCode;
  Text text;           /* rows, or "Kind: message" */
} Outcome;

/* Runs zQuery to the end, writing each row as tg_value_format gives it. */
static void runStatement(tg_db *pDb, const char *zQuery, Outcome *o) {
  memset(o, 0, sizeof(*o));
  textAdd(&o->text, "%s", "");
  tg_stmt *pStmt = NULL;
  if (tg_prepare(pDb, zQuery, -1, &pStmt, NULL) != TG_OK) {
    o->bError = true;
    o->eCode = tg_errcode(pDb);
    textAdd(&o->text, "%s: %s", tg_errkind(pDb), tg_errmsg(pDb));
    return;
  }
  int rc;
  while ((rc = tg_step(pStmt)) == TG_ROW) {
    for (int i = 0; i < tg_column_count(pStmt); i++) {
      char *z = tg_value_format(pDb, tg_column_value(pStmt, i));
      textAdd(&o->text, "%s%s", i ? " | " : "", z);
      tg_free(z);
    }
    textAdd(&o->text, "\n");
  }
  if (rc == TG_ERROR) {
    o->bError = true;
    o->eCode = tg_errcode(pDb);
    o->text.n = 0;
    textAdd(&o->text, "%s: %s", tg_errkind(pDb), tg_errmsg(pDb));
  }
  tg_finalize(pStmt);
}

/* Every node, relationship (with ids), label, property, index and
** constraint, in a fixed order; and, outside a transaction, that the
** graph takes a write. (Inside one, the probe's deleted node would keep
** its id until COMMIT and shift the ids of later runs.) */
static char *graphFingerprint(tg_db *pDb) {
  static const char *const azPart[] = {
      "MATCH (n) RETURN id(n), labels(n), properties(n) ORDER BY id(n)",
      "MATCH (a)-[r]->(b) RETURN id(r), id(a), type(r), id(b), properties(r) ORDER BY id(r)",
      "CALL db.indexes() YIELD name, label, property, type RETURN name, label, property, type ORDER BY name",
      "CREATE (n:Probe) WITH n DELETE n RETURN 1",   /* the graph takes writes */
  };
  Text t = {0};
  textAdd(&t, "%s", "");
  for (size_t i = 0; i < sizeof(azPart) / sizeof(azPart[0]); i++) {
    if (tg_in_transaction(pDb) && strncmp(azPart[i], "CREATE", 6) == 0) continue;
    Outcome o;
    runStatement(pDb, azPart[i], &o);
    textAdd(&t, "%s%s\n", o.bError ? "ERROR " : "", o.text.z);
    free(o.text.z);
  }
  return t.z;
}

/* People added to the set-up graph (--scale). */
static int64_t nExtraPeople = 0;

static tg_db *openSetUp(void) {
  tg_db *pDb = NULL;
  if (tg_open(&pDb) != TG_OK) abort();
  tg_config_set(pDb, "threads", 1);
  for (size_t i = 0; i < sizeof(azSetup) / sizeof(azSetup[0]); i++) {
    Outcome o;
    runStatement(pDb, azSetup[i], &o);
    if (o.bError) {
      fprintf(stderr, "oomtest: set-up statement failed: %s\n  %s\n", o.text.z, azSetup[i]);
      exit(2);
    }
    free(o.text.z);
  }
  if (nExtraPeople > 0) {
    char zMore[200];
    snprintf(zMore, sizeof(zMore),
             "UNWIND range(1, %lld) AS i CREATE (p:Person {name: 'P' + i, age: 20 + i %% 40}) "
             "WITH p MATCH (c:City) WHERE c.name STARTS WITH 'L' CREATE (p)-[:LIVES_IN]->(c)",
             (long long)nExtraPeople);
    Outcome o;
    runStatement(pDb, zMore, &o);
    if (o.bError) exit(2);
    free(o.text.z);
  }
  return pDb;
}

/* Opens the set-up graph; for a "TXN:" case also opens a transaction and
** writes in it, so the statement under test runs as a savepoint. */
static tg_db *openForCase(bool bTxn) {
  tg_db *pDb = openSetUp();
  if (bTxn) {
    Outcome o;
    if (tg_begin(pDb) != TG_OK) exit(2);
    runStatement(pDb, "CREATE (:Person {name: 'Before', age: 1})", &o);
    if (o.bError) exit(2);
    free(o.text.z);
  }
  return pDb;
}

/* ---- One statement ------------------------------------------------------------ */

/* Runs zQuery with failures injected; prints one TAP line. */
static bool testStatement(int iCase, const char *zCase, int64_t nSample) {
  bool bTxn = strncmp(zCase, "TXN:", 4) == 0;
  const char *zQuery = bTxn ? zCase + 4 : zCase;
  tg_db *pDb = openForCase(bTxn);
  char *zBefore = graphFingerprint(pDb);
  int64_t nAlloc0 = mem_alloc_count();
  Outcome want;
  runStatement(pDb, zQuery, &want);
  int64_t nAlloc = mem_alloc_count() - nAlloc0;
  char *zAfter = graphFingerprint(pDb);
  tg_close(pDb);
  char zWhy[600] = "";
  int64_t nRun = 0, nFailed = 0;
  /* A statement meant to fail (a broken constraint) must fail the same way,
  ** or run out of memory, with the graph unchanged either way. */
  if (want.bError && strcmp(zBefore, zAfter) != 0) {
    snprintf(zWhy, sizeof(zWhy), "failed without injection but changed the graph: %s", want.text.z);
  }
  pDb = openForCase(bTxn);
  int64_t nStep = nSample > 0 && nAlloc > nSample ? (nAlloc + nSample - 1) / nSample : 1;
  for (int64_t n = 1; zWhy[0] == 0 && n <= nAlloc + 1; n += nStep) {
    nRun++;
    Outcome got;
    mem_fail_after(n);
    runStatement(pDb, zQuery, &got);
    mem_fail_after(0);
    char *zNow = graphFingerprint(pDb);
    if (got.bError) {
      nFailed++;
      bool bOutOfMemory = got.eCode == TG_ERR_LIMIT && strstr(got.text.z, "out of memory") != NULL;
      if (!bOutOfMemory && !(want.bError && strcmp(got.text.z, want.text.z) == 0)) {
        snprintf(zWhy, sizeof(zWhy), "allocation %lld: wrong error: %.400s", (long long)n, got.text.z);
      } else if (strcmp(zNow, zBefore) != 0) {
        snprintf(zWhy, sizeof(zWhy), "allocation %lld: the graph changed though the statement failed",
                 (long long)n);
      }
    } else {
      if (strcmp(got.text.z, want.text.z) != 0) {
        snprintf(zWhy, sizeof(zWhy), "allocation %lld: succeeded with other rows:\n%.200s\nnot\n%.200s",
                 (long long)n, got.text.z, want.text.z);
      } else if (strcmp(zNow, zAfter) != 0) {
        snprintf(zWhy, sizeof(zWhy), "allocation %lld: succeeded with another effect", (long long)n);
      }
      tg_close(pDb);   /* start the next run from the set-up graph again */
      pDb = openForCase(bTxn);
    }
    free(zNow);
    free(got.text.z);
  }
  tg_close(pDb);
  if (zWhy[0] == 0 && nFailed == 0 && !want.bError) snprintf(zWhy, sizeof(zWhy), "no injected failure made it fail");
  printf("%s %d - %s%.60s%s (%lld allocations, %lld failure points, %lld clean errors)\n",
         zWhy[0] ? "not ok" : "ok", iCase, bTxn ? "in a transaction: " : "", zQuery, strlen(zQuery) > 60 ? "..." : "", (long long)nAlloc,
         (long long)nRun, (long long)nFailed);
  if (zWhy[0]) printf("# %s\n", zWhy);
  free(zBefore);
  free(zAfter);
  free(want.text.z);
  return zWhy[0] == 0;
}

int main(int argc, char **argv) {
  int64_t nSample = 0;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--all") == 0) {
      nSample = 0;
    } else if (strcmp(argv[i], "--scale") == 0 && i + 1 < argc && atoll(argv[i + 1]) > 0) {
      nExtraPeople = atoll(argv[++i]);
    } else if (strcmp(argv[i], "--sample") == 0 && i + 1 < argc && atoll(argv[i + 1]) > 0) {
      nSample = atoll(argv[++i]);
    } else {
      fprintf(stderr, "usage: oomtest [--sample K | --all] [--scale K]\n");
      return 2;
    }
  }
  char zCsv[] = "/tmp/oomtest-XXXXXX";
  int fd = mkstemp(zCsv);
  if (fd < 0) return 2;
  static const char zRows[] = "id,name\n1,one\n2,two\n3,\"th,ree\"\n";
  if (write(fd, zRows, sizeof(zRows) - 1) != (ssize_t)(sizeof(zRows) - 1)) return 2;
  close(fd);
  size_t nCase = sizeof(azCase) / sizeof(azCase[0]);
  printf("1..%zu\n", nCase);
  int nBad = 0;
  for (size_t i = 0; i < nCase; i++) {
    char zQuery[1024];
    const char *zAt = strstr(azCase[i], "{csv}");
    if (zAt) snprintf(zQuery, sizeof(zQuery), "%.*s%s%s", (int)(zAt - azCase[i]), azCase[i], zCsv, zAt + 5);
    else snprintf(zQuery, sizeof(zQuery), "%s", azCase[i]);
    if (!testStatement((int)i + 1, zQuery, nSample)) nBad++;
  }
  unlink(zCsv);
  return nBad ? 1 : 0;
}
