// tests/driver/driver.mjs — Neo4j's official JavaScript driver against
// `tangle serve`, as a program written for Neo4j would use it. Prints TAP.
//
// Run by tests/shell/bolt_driver.sh, which starts the server and passes:
//   BOLT_PORT, BOLT_TLS_PORT (a second server with a self-signed
//   certificate), BOLT_USER/BOLT_PASS (admin), BOLT_READER/BOLT_READER_PASS,
//   TANGLE_BIN (to start a client that is killed mid-transaction).
import neo4j from 'neo4j-driver';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const port = process.env.BOLT_PORT;
const tlsPort = process.env.BOLT_TLS_PORT;
const user = process.env.BOLT_USER, pass = process.env.BOLT_PASS;
const reader = process.env.BOLT_READER, readerPass = process.env.BOLT_READER_PASS;
const url = `bolt://127.0.0.1:${port}`;

let n = 0, failed = 0;
function ok(cond, name, detail) {
  n++;
  if (cond) {
    console.log(`ok ${n} - ${name}`);
  } else {
    failed++;
    console.log(`not ok ${n} - ${name}`);
    if (detail !== undefined) console.log(`#   ${String(detail).split('\n').join('\n#   ')}`);
  }
}
function eq(actual, expected, name) {
  const a = JSON.stringify(actual, replacer), e = JSON.stringify(expected, replacer);
  ok(a === e, name, `expected ${e}\n got ${a}`);
}
function replacer(_k, v) { return typeof v === 'bigint' ? `${v}n` : v; }
async function expectError(promise, code, name, messagePart) {
  try {
    await promise;
    ok(false, name, 'no error');
  } catch (e) {
    ok(e.code === code && (!messagePart || (e.message || '').includes(messagePart)), name,
       `code ${e.code}: ${e.message}`);
  }
}

if (process.env.DRIVER_ROLE === 'victim') {
  // Begins a transaction, writes, says so, and waits to be killed.
  const d = neo4j.driver(url, neo4j.auth.basic(user, pass));
  const tx = d.session().beginTransaction();
  await tx.run('CREATE (:Victim)');
  console.log('in-transaction');
  await new Promise(() => {});
}

const driver = neo4j.driver(url, neo4j.auth.basic(user, pass));
try {
  // ---- Connecting ---------------------------------------------------------
  await driver.verifyConnectivity();
  ok(true, 'verifyConnectivity over bolt://');
  const info = await driver.getServerInfo();
  ok(info.agent.startsWith('Neo4j/') && info.agent.includes('Tangle'), 'getServerInfo gives the agent', info.agent);
  ok(info.protocolVersion >= 5.0, 'Bolt 5 is agreed', info.protocolVersion);

  const routed = neo4j.driver(`neo4j://127.0.0.1:${port}`, neo4j.auth.basic(user, pass));
  await routed.verifyConnectivity();
  const rr = await routed.executeQuery('RETURN 40 + 2 AS answer');
  eq(rr.records[0].get('answer').toNumber(), 42, 'neo4j:// routes to the one server');
  await routed.close();

  const comp = await driver.executeQuery('CALL dbms.components() YIELD name, versions, edition RETURN *');
  eq(comp.records[0].get('name'), 'Tangle', 'dbms.components() names the server');
  const me = await driver.executeQuery('CALL dbms.showCurrentUser()');
  eq([me.records[0].get('username'), me.records[0].get('roles')], [user, ['admin']],
     'dbms.showCurrentUser() names the logged-in user and role');

  const session = driver.session();
  await session.run('MATCH (n) DETACH DELETE n');

  // ---- Parameters and results of every type -------------------------------
  const params = {
    nul: null, t: true, f: false, i: neo4j.int(-9007199254740993n), small: neo4j.int(7), fl: 1.5, s: 'héllo ماسك イーロン',
    list: [1, 'two', [3, [4.5]], null], map: { a: 1, b: { c: ['d'] } },
    date: new neo4j.types.Date(2024, 2, 29),
    time: new neo4j.types.Time(13, 45, 30, 123456789, 3600),
    ltime: new neo4j.types.LocalTime(1, 2, 3, 4),
    ldt: new neo4j.types.LocalDateTime(1999, 12, 31, 23, 59, 59, 999999999),
    dt: new neo4j.types.DateTime(2024, 7, 1, 12, 0, 0, 0, 7200),
    dtz: new neo4j.types.DateTime(2024, 1, 15, 9, 30, 0, 0, undefined, 'Europe/Stockholm'),
    dur: new neo4j.types.Duration(14, 3, 3723, 500),
  };
  const r1 = await session.run(
    'RETURN $nul AS nul, $t AS t, $f AS f, $i AS i, $small AS small, $fl AS fl, $s AS s, $list AS list, $map AS map, ' +
    '$date AS date, $time AS time, $ltime AS ltime, $ldt AS ldt, $dt AS dt, $dtz AS dtz, $dur AS dur', params);
  const rec = r1.records[0];
  eq(rec.get('nul'), null, 'null round-trips');
  eq([rec.get('t'), rec.get('f')], [true, false], 'booleans round-trip');
  eq(rec.get('i').toString(), '-9007199254740993', 'a 64-bit integer round-trips');
  eq(rec.get('small').toNumber(), 7, 'a small integer round-trips');
  eq(rec.get('fl'), 1.5, 'a float round-trips');
  eq(rec.get('s'), params.s, 'a string in three scripts round-trips');
  eq(JSON.stringify(rec.get('list'), (k, v) => (neo4j.isInt(v) ? v.toNumber() : v)),
     JSON.stringify([1, 'two', [3, [4.5]], null]), 'a nested list round-trips');
  eq(rec.get('map').b.c[0], 'd', 'a nested map round-trips');
  eq(rec.get('date').toString(), '2024-02-29', 'a date round-trips');
  eq(rec.get('time').toString(), '13:45:30.123456789+01:00', 'a time with offset round-trips');
  eq(rec.get('ltime').toString(), '01:02:03.000000004', 'a local time round-trips');
  eq(rec.get('ldt').toString(), '1999-12-31T23:59:59.999999999', 'a local datetime round-trips');
  eq(rec.get('dt').toString(), '2024-07-01T12:00:00+02:00', 'a datetime with offset round-trips');
  eq(rec.get('dtz').toString(), '2024-01-15T09:30:00+01:00[Europe/Stockholm]', 'a datetime with a zone id round-trips');
  eq(rec.get('dur').toString(), 'P1Y2M3DT1H2M3.000000500S', 'a duration round-trips');

  const r2 = await session.run(
    "RETURN date('2015-07-21') AS d, datetime('2015-07-21T21:40:32.142+01:00') AS dt, " +
    "localdatetime('2015-07-21T21:40:32') AS ldt, duration('P1Y2M3DT4H5M6S') AS dur, time('10:00+05:30') AS t");
  const rec2 = r2.records[0];
  eq(rec2.get('d').toString(), '2015-07-21', 'a date made by the server');
  eq(rec2.get('dt').toString(), '2015-07-21T21:40:32.142000000+01:00', 'a datetime made by the server');
  eq(rec2.get('ldt').toString(), '2015-07-21T21:40:32', 'a local datetime made by the server');
  eq(rec2.get('dur').toString(), 'P1Y2M3DT4H5M6S', 'a duration made by the server');
  eq(rec2.get('t').toString(), '10:00:00+05:30', 'a time made by the server');

  // ---- Graph values ---------------------------------------------------------
  const w = await session.run(
    "CREATE (a:Person:Founder {name: 'Ann', born: 1970})-[r:OWNS {stake: 0.42}]->(f:Firm {name: 'X'}) RETURN a, r, f");
  const a = w.records[0].get('a'), r = w.records[0].get('r'), f = w.records[0].get('f');
  eq(a.labels.slice().sort(), ['Founder', 'Person'], 'a node carries its labels');
  eq(a.properties.name, 'Ann', 'a node carries its properties');
  ok(typeof a.elementId === 'string' && a.elementId.length > 0, 'a node has an element id', a.elementId);
  eq(r.type, 'OWNS', 'a relationship carries its type');
  eq(r.properties.stake, 0.42, 'a relationship carries its properties');
  ok(r.startNodeElementId === a.elementId && r.endNodeElementId === f.elementId,
     'a relationship names its end nodes');
  const c = w.summary.counters.updates();
  eq([c.nodesCreated, c.relationshipsCreated, c.propertiesSet, c.labelsAdded], [2, 1, 4, 3], 'update counters');
  ok(w.summary.counters.containsUpdates(), 'the summary says it wrote');
  eq(w.summary.queryType, 'rw', 'the query type of a write');

  const p = await session.run("MATCH path = (:Person {name: 'Ann'})-[:OWNS]->(:Firm) RETURN path");
  const path = p.records[0].get('path');
  eq([path.start.properties.name, path.end.properties.name, path.length, path.segments[0].relationship.type],
     ['Ann', 'X', 1, 'OWNS'], 'a path arrives whole');
  const back = await session.run("MATCH path = (:Firm {name: 'X'})<-[:OWNS]-(:Person) RETURN path");
  const bp = back.records[0].get('path');
  eq([bp.start.properties.name, bp.end.properties.name, bp.segments[0].relationship.startNodeElementId === bp.end.elementId],
     ['X', 'Ann', true], 'a path walked against a relationship keeps its direction');
  const rs = await session.run('MATCH (n) RETURN n ORDER BY n.name');
  eq(rs.summary.queryType, 'r', 'the query type of a read');
  eq(rs.records.map((x) => x.get('n').properties.name), ['Ann', 'X'], 'rows in order');
  const nested = await session.run("MATCH (a:Person) RETURN {who: a, ids: [a.name, [a.born]]} AS m");
  eq(nested.records[0].get('m').who.properties.name, 'Ann', 'a node inside a map inside a row');
  await session.close();

  // ---- Managed transactions ------------------------------------------------
  const s2 = driver.session();
  const created = await s2.executeWrite(async (tx) => {
    const res = await tx.run('UNWIND range(1, $n) AS i CREATE (:T {i: i}) RETURN count(*) AS c', { n: neo4j.int(5) });
    return res.records[0].get('c').toNumber();
  });
  eq(created, 5, 'executeWrite runs and commits');
  const counted = await s2.executeRead(async (tx) =>
    (await tx.run('MATCH (t:T) RETURN count(t) AS c')).records[0].get('c').toNumber());
  eq(counted, 5, 'executeRead sees the commit');
  await expectError(s2.executeRead((tx) => tx.run('CREATE (:Nope)')), 'Neo.ClientError.Statement.AccessMode',
                    'a write in executeRead is refused');

  // ---- Explicit transactions -----------------------------------------------
  const tx = s2.beginTransaction();
  await tx.run("CREATE (:Tx {v: 'kept'})");
  const inside = await tx.run('MATCH (n:Tx) RETURN count(n) AS c');
  eq(inside.records[0].get('c').toNumber(), 1, 'a transaction sees its own write');
  await tx.commit();
  const tx2 = s2.beginTransaction();
  await tx2.run("CREATE (:Tx {v: 'dropped'})");
  await tx2.rollback();
  const after = await s2.run('MATCH (n:Tx) RETURN collect(n.v) AS v');
  eq(after.records[0].get('v'), ['kept'], 'commit keeps, rollback drops');
  // Two results open at once in one transaction.
  const tx3 = s2.beginTransaction();
  const ra = tx3.run('UNWIND range(1, 3) AS x RETURN x');
  const rb = tx3.run('UNWIND range(1, 2) AS y RETURN y');
  eq([(await rb).records.length, (await ra).records.length], [2, 3], 'two results of one transaction');
  await tx3.commit();

  // ---- Bookmarks -------------------------------------------------------------
  const bm1 = s2.lastBookmarks();
  ok(bm1.length === 1 && bm1[0].startsWith('tangle:'), 'a session keeps its last bookmark', JSON.stringify(bm1));
  const s3 = driver.session({ bookmarks: bm1 });
  const seen = await s3.run('MATCH (n:Tx) RETURN count(n) AS c');
  eq(seen.records[0].get('c').toNumber(), 1, 'a session started from a bookmark reads the write');
  await s3.close();
  await s2.close();

  // ---- Errors ------------------------------------------------------------------
  const s4 = driver.session();
  await expectError(s4.run('MATCH (n) RETRUN n'), 'Neo.ClientError.Statement.SyntaxError',
                    'a syntax error has its code and place', 'line 1, column');
  await expectError(s4.run('RETURN $missing'), 'Neo.ClientError.Statement.ParameterMissing', 'a missing parameter');
  await expectError(s4.run("RETURN 1 + 'a' - 2"), 'Neo.ClientError.Statement.TypeError', 'a type error');
  await expectError(s4.run('RETURN x'), 'Neo.ClientError.Statement.SyntaxError', 'an undefined variable');
  // The session's statement cache: a second run with the parameter missing
  // fails rather than reusing the first run's value; a new index is used.
  eq((await s4.run('RETURN $x AS x', { x: neo4j.int(5) })).records[0].get('x').toNumber(), 5, 'a cached statement, first run');
  await expectError(s4.run('RETURN $x AS x', {}), 'Neo.ClientError.Statement.ParameterMissing',
                    'a cached statement run again without its parameter');
  const plan = async () => (await s4.run('EXPLAIN MATCH (n:Cached {id: $id}) RETURN n', { id: neo4j.int(1) }))
    .records.map((x) => x.get('plan')).join('\n');
  const planBefore = await plan();
  await s4.run('CREATE INDEX FOR (n:Cached) ON (n.id)');
  const planAfter = await plan();
  ok(!planBefore.includes("IndexSeek") && planAfter.includes("IndexSeek"), 'a cached plan is made again once an index exists',
     `${planBefore}\n---\n${planAfter}`);
  await s4.run('DROP INDEX index_Cached_id');
  const good = await s4.run('RETURN 1 AS one');
  eq(good.records[0].get('one').toNumber(), 1, 'the session goes on after errors');
  await s4.run('CREATE CONSTRAINT FOR (u:U) REQUIRE u.id IS UNIQUE');
  await s4.run('CREATE (:U {id: 1})');
  await expectError(s4.run('CREATE (:U {id: 1})'), 'Neo.ClientError.Schema.ConstraintValidationFailed',
                    'a uniqueness violation');
  await expectError(driver.session({ database: 'other' }).run('RETURN 1'),
                    'Neo.ClientError.Database.DatabaseNotFound', 'an unknown database');
  await s4.close();

  // ---- Time limits -----------------------------------------------------------------
  const s7 = driver.session();
  await expectError(s7.run('UNWIND range(1, 1000000000) AS x WITH x WHERE x < 0 RETURN count(x)', {},
                           { timeout: 200 }),
                    'Neo.TransientError.Transaction.TransactionTimedOut', 'a statement past its timeout is stopped',
                    '200 ms');
  const slow = s7.beginTransaction({ timeout: 300 });
  await slow.run("CREATE (:Slow)");
  await new Promise((r) => setTimeout(r, 900));
  await expectError(slow.run('RETURN 1'), 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
                    'an idle transaction past its timeout is rolled back');
  try { await slow.rollback(); } catch (e) { /* already ended */ }
  const slowLeft = await s7.run('MATCH (n:Slow) RETURN count(n) AS c');
  eq(slowLeft.records[0].get('c').toNumber(), 0, 'and its write is gone');

  // A transaction that stays busy is still held to its limit.
  const busy = s7.beginTransaction({ timeout: 400 });
  let busyError = null;
  try {
    for (let i = 0; i < 20; i++) { await busy.run('CREATE (:Busy)'); await new Promise((r) => setTimeout(r, 60)); }
    await busy.commit();
  } catch (e) { busyError = e; }
  ok(busyError && busyError.code === 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
     'a busy transaction past its timeout is rolled back too', busyError && busyError.code);
  try { await busy.rollback(); } catch (e) { /* already ended */ }
  eq((await s7.run('MATCH (n:Busy) RETURN count(n) AS c')).records[0].get('c').toNumber(), 0, 'and its writes are gone');
  await s7.close();

  // ---- Writes and slow readers of their results ------------------------------------
  // A client reading an autocommit write's rows slowly does not hold others up.
  const slowReader = driver.session({ fetchSize: 1 });
  const other = driver.session();
  const slowResult = slowReader.run('UNWIND range(1, 5) AS i CREATE (w:W {i: i}) RETURN w.i AS i');
  let firstRow = null;
  await new Promise((resolve, reject) => {
    slowResult.subscribe({ onNext: (r) => { if (firstRow === null) { firstRow = r; resolve(); } },
                           onCompleted: resolve, onError: reject });
  });
  const t0 = Date.now();
  await other.run('CREATE (:Other)');
  ok(Date.now() - t0 < 2000, 'a write goes through while another client is still pulling a write\'s rows');
  const slowSummary = await slowResult.summary();
  eq(slowSummary.counters.updates().nodesCreated, 5, 'and that slow client gets its counters');
  await other.close();
  await slowReader.close();
  // A result discarded part-way still reports what its write changed.
  const part = driver.session({ fetchSize: 2 });
  const partResult = part.run('UNWIND range(1, 5) AS i CREATE (d:D {i: i}) RETURN d.i AS i');
  const partSummary = await partResult.summary();
  eq(partSummary.counters.updates().nodesCreated, 5, 'a write\'s counters survive a DISCARD');
  await part.close();
  // Writing inside a transaction while reading its own result, record by record.
  const etl = driver.session({ fetchSize: 3 });
  const copied = await etl.executeWrite(async (tx) => {
    let n = 0;
    for await (const rec of tx.run('UNWIND range(1, 10) AS i RETURN i')) {
      await tx.run('CREATE (:Copied {i: $i})', { i: rec.get('i') });
      n++;
    }
    return n;
  });
  eq(copied, 10, 'a transaction writes while its own read streams');
  eq((await driver.executeQuery('MATCH (c:Copied) RETURN count(c) AS c')).records[0].get('c').toNumber(), 10,
     'and every write is kept');
  await etl.close();

  // ---- A large result, streamed in small batches -------------------------------
  const s5 = driver.session({ fetchSize: 100 });
  let rows = 0, sum = 0;
  await new Promise((resolve, reject) => {
    s5.run('UNWIND range(1, 20000) AS i RETURN i').subscribe({
      onNext: (x) => { rows++; sum += x.get('i').toNumber(); },
      onCompleted: resolve,
      onError: reject,
    });
  });
  eq([rows, sum], [20000, 20000 * 20001 / 2], '20,000 rows pulled 100 at a time');
  await s5.close();

  // ---- A client killed inside a transaction leaves nothing behind ----------------
  const killed = spawn(process.execPath, [fileURLToPath(import.meta.url)], {
    env: { ...process.env, DRIVER_ROLE: 'victim' }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => {
    killed.stdout.on('data', (d) => { if (String(d).includes('in-transaction')) { killed.kill('SIGKILL'); } });
    killed.on('exit', resolve);
  });
  const s6 = driver.session();
  const left = await s6.run('MATCH (n:Victim) RETURN count(n) AS c');
  eq(left.records[0].get('c').toNumber(), 0, 'a killed client\'s transaction is rolled back');
  await s6.run('CREATE (:AfterVictim)');
  ok(true, 'and its lock is released: a write goes through');
  await s6.close();

  // ---- Authentication and roles -----------------------------------------------------
  const bad = neo4j.driver(url, neo4j.auth.basic(user, 'wrong password'));
  await expectError(bad.verifyConnectivity(), 'Neo.ClientError.Security.Unauthorized', 'a wrong password is refused');
  await bad.close();
  const rd = neo4j.driver(url, neo4j.auth.basic(reader, readerPass));
  const rs1 = rd.session();
  const rcount = await rs1.run('MATCH (n:T) RETURN count(n) AS c');
  eq(rcount.records[0].get('c').toNumber(), 5, 'a reader reads');
  await expectError(rs1.run('CREATE (:ByReader)'), 'Neo.ClientError.Security.Forbidden', 'a reader cannot write');
  // A reader's transaction (even one asked for in write mode) holds nobody up.
  const rtx = rs1.beginTransaction();
  await rtx.run('RETURN 1');
  const t1 = Date.now();
  await driver.executeQuery('CREATE (:WhileReaderWaits)');
  ok(Date.now() - t1 < 2000, 'a reader\'s open transaction does not lock writers out');
  await expectError(rtx.run('CREATE (:ByReader)'), 'Neo.ClientError.Security.Forbidden', 'nor can it write');
  try { await rtx.rollback(); } catch (e) { /* failed already */ }
  await rs1.close();
  await rd.close();

  // ---- TLS with a self-signed certificate -----------------------------------------------
  if (tlsPort) {
    const tls = neo4j.driver(`bolt+ssc://127.0.0.1:${tlsPort}`, neo4j.auth.basic(user, pass));
    const tr = await tls.executeQuery('RETURN "secret" AS s');
    eq(tr.records[0].get('s'), 'secret', 'bolt+ssc:// (TLS, self-signed) works');
    await tls.close();
    const plainToTls = neo4j.driver(`bolt://127.0.0.1:${tlsPort}`, neo4j.auth.basic(user, pass),
                                    { connectionTimeout: 3000 });
    let refused = false;
    try { await plainToTls.verifyConnectivity(); } catch (e) { refused = true; }
    ok(refused, 'a server with a certificate refuses a client without TLS');
    await plainToTls.close();
  }
} catch (e) {
  ok(false, 'no unexpected error', e.stack || e);
} finally {
  await driver.close();
}
console.log(`# driver.mjs: ${n} tests, ${failed} failed`);
process.exit(failed ? 1 : 0);
