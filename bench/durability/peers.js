// peers.js — the peers of the durability benchmark's open test
// (bench/durability/run.sh): the LSQB data set persisted by Kùzu and by
// DuckDB, and the time each takes to open it again.
//
//   node peers.js build kuzu KUZU_MODULE_DIR DATASET_DIR DB_PATH
//   node peers.js build duckdb DUCKDB_MODULE_DIR DATASET_DIR DB_PATH
//   node peers.js open kuzu KUZU_MODULE_DIR DB_PATH
//   node peers.js open duckdb DUCKDB_MODULE_DIR DB_PATH
//
// build: a new database on disk at DB_PATH, loaded from the data set's CSV
// files (Kùzu: the data set's own schema.cypher and copy.cypher; DuckDB: one
// table per node file with its id as PRIMARY KEY, as Kùzu's schema has, and
// one (src, dst) table per relationship file, loaded with COPY), closed.
// Prints "load SECONDS" and "nodes N" / "rels N".
//
// open: opens DB_PATH and answers a first trivial query (RETURN 1 /
// SELECT 1): prints "open MS" for that, measured inside this process
// (without Node's own start-up). Then, untimed, counts the nodes and
// prints "nodes N" so the script can check the data is all there. Run it
// in a new process for each timed open.
"use strict";

const fs = require("fs");
const path = require("path");

const [mode, system, moduleDir, ...rest] = process.argv.slice(2);

function usage() {
  console.error("usage: node peers.js build kuzu|duckdb MODULE_DIR DATASET_DIR DB_PATH\n" +
                "       node peers.js open kuzu|duckdb MODULE_DIR DB_PATH");
  process.exit(2);
}

function ms(t0) {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

// The statements of a Cypher file: split at ';' ending a line.
function statements(text) {
  return text
    .split(/;\s*$/m)
    .map((s) => s.replace(/^\s*\/\/.*$/gm, "").trim())
    .filter((s) => s.length > 0);
}

// Node and relationship tables as the data set's schema.cypher declares them.
function schemaTables(dataDir) {
  const text = fs.readFileSync(path.join(dataDir, "schema.cypher"), "utf8");
  const nodes = [...text.matchAll(/^create node table (\w+)/gim)].map((m) => m[1]);
  const rels = [...text.matchAll(/^create rel table (\w+)/gim)].map((m) => m[1]);
  return { nodes, rels };
}

function kuzuCount(conn, text) {
  const res = conn.querySync(text);
  const rows = res.getAllSync();
  res.close();
  return Number(Object.values(rows[0])[0]);
}

function kuzuBuild(dataDir, dbPath) {
  const kuzu = require(path.resolve(moduleDir));
  const t0 = process.hrtime.bigint();
  const db = new kuzu.Database(dbPath);
  const conn = new kuzu.Connection(db);
  for (const s of statements(fs.readFileSync(path.join(dataDir, "schema.cypher"), "utf8"))) {
    conn.querySync(s).close();
  }
  for (let s of statements(fs.readFileSync(path.join(dataDir, "copy.cypher"), "utf8"))) {
    s = s.replace(/"dataset\/[^/"]+\/([^"]+)"/, (_, f) => JSON.stringify(path.join(dataDir, f)));
    conn.querySync(s).close();
  }
  conn.closeSync();
  db.closeSync();
  console.log(`load ${(ms(t0) / 1000).toFixed(3)}`);
  const db2 = new kuzu.Database(dbPath);
  const conn2 = new kuzu.Connection(db2);
  console.log(`nodes ${kuzuCount(conn2, "MATCH (n) RETURN count(*)")}`);
  console.log(`rels ${kuzuCount(conn2, "MATCH ()-[r]->() RETURN count(*)")}`);
  conn2.closeSync();
  db2.closeSync();
}

function kuzuOpen(dbPath) {
  const kuzu = require(path.resolve(moduleDir));
  const t0 = process.hrtime.bigint();
  const db = new kuzu.Database(dbPath);
  const conn = new kuzu.Connection(db);
  kuzuCount(conn, "RETURN 1");
  console.log(`open ${ms(t0).toFixed(2)}`);
  console.log(`nodes ${kuzuCount(conn, "MATCH (n) RETURN count(*)")}`);
  conn.closeSync();
  db.closeSync();
}

async function duckdbFirst(conn, sql) {
  const r = await conn.runAndReadAll(sql);
  return Number(r.getRows()[0][0]);
}

async function duckdbBuild(dataDir, dbPath) {
  const duckdb = require(path.resolve(moduleDir));
  const { nodes, rels } = schemaTables(dataDir);
  const t0 = process.hrtime.bigint();
  const inst = await duckdb.DuckDBInstance.create(dbPath);
  const conn = await inst.connect();
  const csv = (t) => path.join(dataDir, t + ".csv").replace(/'/g, "''");
  for (const t of nodes) {
    await conn.run(`CREATE TABLE "${t}" (id BIGINT PRIMARY KEY)`);
    await conn.run(`COPY "${t}" FROM '${csv(t)}' (DELIMITER '|', HEADER)`);
  }
  for (const t of rels) {
    await conn.run(`CREATE TABLE "${t}" (src BIGINT, dst BIGINT)`);
    await conn.run(`COPY "${t}" FROM '${csv(t)}' (DELIMITER '|', HEADER)`);
  }
  await conn.run("CHECKPOINT");
  conn.closeSync();
  inst.closeSync();
  console.log(`load ${(ms(t0) / 1000).toFixed(3)}`);
  const inst2 = await duckdb.DuckDBInstance.create(dbPath);
  const conn2 = await inst2.connect();
  const sum = async (tables) =>
    duckdbFirst(conn2, "SELECT " + tables.map((t) => `(SELECT count(*) FROM "${t}")`).join(" + "));
  console.log(`nodes ${await sum(nodes)}`);
  console.log(`rels ${await sum(rels)}`);
  conn2.closeSync();
  inst2.closeSync();
}

async function duckdbOpen(dbPath) {
  const duckdb = require(path.resolve(moduleDir));
  const t0 = process.hrtime.bigint();
  const inst = await duckdb.DuckDBInstance.create(dbPath);
  const conn = await inst.connect();
  await duckdbFirst(conn, "SELECT 1");
  console.log(`open ${ms(t0).toFixed(2)}`);
  const tables = (await conn.runAndReadAll("SELECT table_name FROM duckdb_tables()"))
    .getRows()
    .map((r) => r[0])
    .filter((t) => !t.includes("_"));   // node tables: City, Person, ...
  const n = await duckdbFirst(conn, "SELECT " + tables.map((t) => `(SELECT count(*) FROM "${t}")`).join(" + "));
  console.log(`nodes ${n}`);
  conn.closeSync();
  inst.closeSync();
}

async function main() {
  if (!moduleDir || (system !== "kuzu" && system !== "duckdb")) usage();
  if (mode === "build" && rest.length === 2) {
    if (system === "kuzu") kuzuBuild(rest[0], rest[1]);
    else await duckdbBuild(rest[0], rest[1]);
  } else if (mode === "open" && rest.length === 1) {
    if (system === "kuzu") kuzuOpen(rest[0]);
    else await duckdbOpen(rest[0]);
  } else {
    usage();
  }
}

main().catch((e) => {
  console.error(`peers.js: ${e.message}`);
  process.exit(1);
});
