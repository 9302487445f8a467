// duckdb_bench.js — the DuckDB side of the LSQB benchmark (bench/lsqb/run.sh).
//
// Loads the LSQB CSV data set into an in-memory DuckDB database: one table
// per node file of the data set's schema.cypher (id BIGINT PRIMARY KEY, as
// the schema declares) and one per relationship file (src BIGINT, dst
// BIGINT), then runs the "-- load" statements of the query file (merged and
// undirected edge tables); all of that is the load time. Checks that post
// and comment ids do not overlap (the merged message tables rely on it).
// Then runs each query once to warm up and N more times, timing each run.
// Runs in its own process so that its peak resident set (VmHWM) is
// DuckDB's (and Node's) alone.
//
// Usage: node duckdb_bench.js DUCKDB_MODULE_DIR DATASET_DIR QUERY_FILE
//          [RUNS [THREADS [ROWS_FILE ROWS_DIR [ROW_RUNS]]]]
// (QUERY_FILE: bench/lsqb/queries.sql; THREADS 0: DuckDB's default;
// ROWS_FILE: bench/lsqb/rows.sql, whose queries return rows: those of the
// warm-up run are written to ROWS_DIR/NAME, one line each, cells joined by
// '|', null as "null"; they get ROW_RUNS timed runs, default RUNS)
//
// Output, one fact per line, as kuzu_bench.js:
//   load SECONDS
//   query NAME COUNT MS1 MS2 ... MSn
//   rss-counts KB          (peak so far, after the count queries)
//   rows NAME NROWS MS1 MS2 ... MSn
//   rss KB
"use strict";

const fs = require("fs");
const path = require("path");

const [duckDir, dataDir, queryFile, runsArg, threadsArg, rowsFile, rowsDir, rowRunsArg] = process.argv.slice(2);
if (!duckDir || !dataDir || !queryFile) {
  console.error("usage: node duckdb_bench.js DUCKDB_MODULE_DIR DATASET_DIR QUERY_FILE [RUNS [THREADS [ROWS_FILE ROWS_DIR [ROW_RUNS]]]]");
  process.exit(2);
}
const nRuns = parseInt(runsArg || "5", 10);
const nThreads = parseInt(threadsArg || "0", 10);
const nRowRuns = rowRunsArg ? parseInt(rowRunsArg, 10) : nRuns;
const duckdb = require(path.resolve(duckDir));

// The named sections of an SQL file: a "-- name" line (one word) starts a
// section; statements end with ';' at the end of a line.
function sections(text) {
  const out = [];
  let cur = null;
  for (const line of text.split("\n")) {
    const m = /^--\s*(\w+)\s*$/.exec(line);
    if (m) {
      cur = { name: m[1], text: "" };
      out.push(cur);
    } else if (cur && !/^\s*--/.test(line)) {
      cur.text += line + "\n";
    }
  }
  return out.map((s) => ({
    name: s.name,
    statements: s.text.split(/;\s*$/m).map((t) => t.trim()).filter((t) => t.length > 0),
  }));
}

function vmHwmKb() {
  const m = /VmHWM:\s*(\d+)\s*kB/.exec(fs.readFileSync("/proc/self/status", "utf8"));
  return m ? parseInt(m[1], 10) : 0;
}

async function first(conn, sql) {
  const r = await conn.runAndReadAll(sql);
  const rows = r.getRows();
  return rows.length ? Number(rows[0][0]) : NaN;
}

// All rows of a query, each as one line of text.
async function allRows(conn, sql) {
  const r = await conn.runAndReadAll(sql);
  return r.getRows().map((row) => row.map((v) => (v === null ? "null" : String(v))).join("|"));
}

// Runs fn once to warm up and n more times; returns the warm-up's result
// and the times in ms.
async function timed(fn, n = nRuns) {
  const result = await fn();
  const times = [];
  for (let i = 0; i < n; i++) {
    const a = process.hrtime.bigint();
    await fn();
    times.push((Number(process.hrtime.bigint() - a) / 1e6).toFixed(2));
  }
  return { result, times };
}

async function main() {
  const schema = fs.readFileSync(path.join(dataDir, "schema.cypher"), "utf8");
  const nodes = [...schema.matchAll(/^create node table (\w+)/gim)].map((m) => m[1]);
  const rels = [...schema.matchAll(/^create rel table (\w+)/gim)].map((m) => m[1]);
  const secs = sections(fs.readFileSync(queryFile, "utf8"));
  const csv = (t) => path.join(dataDir, t + ".csv").replace(/'/g, "''");

  const t0 = process.hrtime.bigint();
  const inst = await duckdb.DuckDBInstance.create(":memory:", nThreads > 0 ? { threads: String(nThreads) } : {});
  const conn = await inst.connect();
  for (const t of nodes) {
    await conn.run(`CREATE TABLE "${t}" (id BIGINT PRIMARY KEY)`);
    await conn.run(`COPY "${t}" FROM '${csv(t)}' (DELIMITER '|', HEADER)`);
  }
  for (const t of rels) {
    await conn.run(`CREATE TABLE "${t}" (src BIGINT, dst BIGINT)`);
    await conn.run(`COPY "${t}" FROM '${csv(t)}' (DELIMITER '|', HEADER)`);
  }
  for (const s of secs.filter((x) => x.name === "load")) {
    for (const st of s.statements) await conn.run(st);
  }
  console.log(`load ${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(3)}`);

  const overlap = await first(conn, "SELECT count(*) FROM Post JOIN Comment USING (id)");
  if (overlap !== 0) {
    console.error(`duckdb_bench.js: ${overlap} ids are both a post's and a comment's; the merged tables would be wrong`);
    process.exit(1);
  }

  for (const q of secs.filter((x) => x.name !== "load")) {
    const text = q.statements.join(";\n");
    const { result, times } = await timed(() => first(conn, text));
    console.log(`query ${q.name} ${result} ${times.join(" ")}`);
  }
  console.log(`rss-counts ${vmHwmKb()}`);
  if (rowsFile && rowsDir) {
    for (const q of sections(fs.readFileSync(rowsFile, "utf8"))) {
      const text = q.statements.join(";\n");
      let r;
      try {
        r = await timed(() => allRows(conn, text), nRowRuns);
      } catch (e) {
        console.error(`duckdb_bench.js: ${q.name}: ${e.message}`);
        console.log(`rows ${q.name} -1`);
        continue;
      }
      fs.writeFileSync(path.join(rowsDir, q.name), r.result.map((l) => l + "\n").join(""));
      console.log(`rows ${q.name} ${r.result.length} ${r.times.join(" ")}`);
    }
  }
  console.log(`rss ${vmHwmKb()}`);
  conn.closeSync();
  inst.closeSync();
}

main().catch((e) => {
  console.error(`duckdb_bench.js: ${e.message}`);
  process.exit(1);
});
