// kuzu_bench.js — the Kùzu and LadybugDB sides of the LSQB benchmark
// (bench/lsqb/run.sh). LadybugDB is Kùzu's successor, with the same Node
// API and query dialect, so one script serves both: the module folder says
// which.
//
// Loads the LSQB CSV data set into an in-memory database (the data
// set's own schema.cypher and copy.cypher, with the file paths made
// absolute), then runs each query of a query file once to warm up and N
// more times, timing each run. The queries are Kùzu's own, from its test
// file, in Kùzu's dialect. Runs in its own process so that its peak
// resident set (VmHWM) is Kùzu's alone.
//
// Usage: node kuzu_bench.js MODULE_DIR DATASET_DIR TEST_FILE
//          [RUNS [THREADS [ROWS_FILE ROWS_DIR [ROW_RUNS]]]]
// (TEST_FILE: kuzu-source/test/test_files/lsqb/lsqb_queries.test; THREADS 0:
// the system's default thread pool; ROWS_FILE: bench/lsqb/rows.cypher,
// queries returning rows, named by "// name" lines: those of the warm-up run
// are written to ROWS_DIR/NAME, one line each, cells joined by '|', null as
// "null"; they get ROW_RUNS timed runs, default RUNS. Its label
// disjunctions (m:Post|Comment) are rewritten into this dialect's
// (m:Post:Comment).)
//
// Output, one fact per line, for run.sh to parse:
//   load SECONDS
//   query NAME COUNT MS1 MS2 ... MSn
//   rss-counts KB          (peak so far, after the count queries)
//   rows NAME NROWS MS1 MS2 ... MSn
//   rss KB
"use strict";

const fs = require("fs");
const path = require("path");

const [kuzuDir, dataDir, queryFile, runsArg, threadsArg, rowsFile, rowsDir, rowRunsArg] = process.argv.slice(2);
if (!kuzuDir || !dataDir || !queryFile) {
  console.error("usage: node kuzu_bench.js MODULE_DIR DATASET_DIR TEST_FILE [RUNS [THREADS [ROWS_FILE ROWS_DIR [ROW_RUNS]]]]");
  process.exit(2);
}
const nRuns = parseInt(runsArg || "5", 10);
const nThreads = parseInt(threadsArg || "0", 10);
const nRowRuns = rowRunsArg ? parseInt(rowRunsArg, 10) : nRuns;
const kuzu = require(path.resolve(kuzuDir));

// The statements of a Cypher file: split at ';' ending a line, skipping
// blank and comment lines.
function statements(text) {
  return text
    .split(/;\s*$/m)
    .map((s) => s.replace(/^\s*\/\/.*$/gm, "").trim())
    .filter((s) => s.length > 0);
}

// Reads the queries of Kùzu's test file: "-LOG name" then
// "-STATEMENT text" (Kùzu's own dialect, run unchanged).
function readQueries(file) {
  const out = [];
  let name = null;
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    let m = /^-LOG\s+(\S+)/.exec(line);
    if (m) name = m[1];
    m = /^-STATEMENT\s+(.*?)\s*;?\s*$/.exec(line);
    if (m && name) {
      out.push({ name, text: m[1] });
      name = null;
    }
  }
  return out;
}

// Reads a Cypher file of named queries: a "// name" line (one word) names
// the statement that follows, which ends with ';' at the end of a line.
function readNamed(file) {
  const out = [];
  let cur = null;
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    const m = /^\/\/\s*(\w+)\s*$/.exec(line);
    if (m) {
      cur = { name: m[1], text: "" };
    } else if (cur && !/^\s*\/\//.test(line)) {
      cur.text += line + " ";
      if (/;\s*$/.test(line)) {
        out.push({ name: cur.name, text: cur.text.trim().replace(/;$/, "") });
        cur = null;
      }
    }
  }
  // (m:Post|Comment) is (m:Post:Comment) in Kùzu's dialect.
  return out.map((q) => ({ name: q.name, text: q.text.replace(/\((\w*):(\w+)\|(\w+)\)/g, "($1:$2:$3)") }));
}

function vmHwmKb() {
  const m = /VmHWM:\s*(\d+)\s*kB/.exec(fs.readFileSync("/proc/self/status", "utf8"));
  return m ? parseInt(m[1], 10) : 0;
}

function firstCount(conn, text) {
  const res = conn.querySync(text);
  const rows = res.getAllSync();
  res.close();
  const row = rows[0];
  return row ? Number(Object.values(row)[0]) : NaN;
}

// All rows of a query, each as one line of text.
function allRows(conn, text) {
  const res = conn.querySync(text);
  const rows = res.getAllSync();
  res.close();
  return rows.map((row) => Object.values(row).map((v) => (v === null ? "null" : String(v))).join("|"));
}

// Runs fn once to warm up and n more times; returns the warm-up's result
// and the times in ms.
function timed(fn, n = nRuns) {
  const result = fn();
  const times = [];
  for (let i = 0; i < n; i++) {
    const a = process.hrtime.bigint();
    fn();
    times.push((Number(process.hrtime.bigint() - a) / 1e6).toFixed(2));
  }
  return { result, times };
}

const db = new kuzu.Database(":memory:");
const conn = new kuzu.Connection(db);
// The synchronous API ignores the constructor's thread count: set it on the
// initialised connection.
conn.initSync();
if (nThreads > 0) conn.setMaxNumThreadForExec(nThreads);

const t0 = process.hrtime.bigint();
for (const s of statements(fs.readFileSync(path.join(dataDir, "schema.cypher"), "utf8"))) {
  conn.querySync(s).close();
}
for (let s of statements(fs.readFileSync(path.join(dataDir, "copy.cypher"), "utf8"))) {
  s = s.replace(/"dataset\/[^/"]+\/([^"]+)"/, (_, f) => JSON.stringify(path.join(dataDir, f)));
  conn.querySync(s).close();
}
const t1 = process.hrtime.bigint();
console.log(`load ${(Number(t1 - t0) / 1e9).toFixed(3)}`);

for (const q of readQueries(queryFile)) {
  const { result, times } = timed(() => firstCount(conn, q.text));
  console.log(`query ${q.name} ${result} ${times.join(" ")}`);
}
console.log(`rss-counts ${vmHwmKb()}`);
if (rowsFile && rowsDir) {
  for (const q of readNamed(rowsFile)) {
    let r;
    try {
      r = timed(() => allRows(conn, q.text), nRowRuns);
    } catch (e) {
      console.error(`kuzu_bench.js: ${q.name}: ${e.message}`);
      console.log(`rows ${q.name} -1`);
      continue;
    }
    fs.writeFileSync(path.join(rowsDir, q.name), r.result.map((l) => l + "\n").join(""));
    console.log(`rows ${q.name} ${r.result.length} ${r.times.join(" ")}`);
  }
}
console.log(`rss ${vmHwmKb()}`);
