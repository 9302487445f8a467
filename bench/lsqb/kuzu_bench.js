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
// Usage: node kuzu_bench.js MODULE_DIR DATASET_DIR TEST_FILE [RUNS [THREADS]]
// (TEST_FILE: kuzu-source/test/test_files/lsqb/lsqb_queries.test; THREADS 0:
// the system's default thread pool)
//
// Output, one fact per line, for run.sh to parse:
//   load SECONDS
//   query NAME COUNT MS1 MS2 ... MSn
//   rss KB
"use strict";

const fs = require("fs");
const path = require("path");

const [kuzuDir, dataDir, queryFile, runsArg, threadsArg] = process.argv.slice(2);
if (!kuzuDir || !dataDir || !queryFile) {
  console.error("usage: node kuzu_bench.js MODULE_DIR DATASET_DIR TEST_FILE [RUNS [THREADS]]");
  process.exit(2);
}
const nRuns = parseInt(runsArg || "5", 10);
const nThreads = parseInt(threadsArg || "0", 10);
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
  const count = firstCount(conn, q.text); // warm-up
  const times = [];
  for (let i = 0; i < nRuns; i++) {
    const a = process.hrtime.bigint();
    firstCount(conn, q.text);
    times.push((Number(process.hrtime.bigint() - a) / 1e6).toFixed(2));
  }
  console.log(`query ${q.name} ${count} ${times.join(" ")}`);
}
console.log(`rss ${vmHwmKb()}`);
