// tests/driver/load.mjs — 32 clients at once, each running a fixed number
// of parameterized reads and small write transactions; afterwards every
// acknowledged write must be there exactly once and the counts exact.
// Prints TAP. Environment: BOLT_PORT (a server with --auth none), LOAD_OPS.
import neo4j from 'neo4j-driver';

const port = process.env.BOLT_PORT;
const nClient = 32, nOps = Number(process.env.LOAD_OPS || 40);
let n = 0, failed = 0;
function ok(cond, name, detail) {
  n++;
  if (cond) console.log(`ok ${n} - ${name}`);
  else {
    failed++;
    console.log(`not ok ${n} - ${name}`);
    if (detail !== undefined) console.log(`#   ${String(detail).split('\n').join('\n#   ')}`);
  }
}

const driver = neo4j.driver(`bolt://127.0.0.1:${port}`, neo4j.auth.basic('load', 'load'),
                            { maxConnectionPoolSize: nClient });
try {
  await driver.executeQuery('MATCH (n) DETACH DELETE n');
  await driver.executeQuery('UNWIND range(0, 999) AS i CREATE (:Acct {id: i, balance: 100})');
  await driver.executeQuery('CREATE (:Counter {n: 0})');
  let readErrors = 0, badReads = 0, acked = 0;
  const t0 = Date.now();
  await Promise.all(Array.from({ length: nClient }, async (_, c) => {
    const session = driver.session();
    try {
      for (let i = 0; i < nOps; i++) {
        const id = neo4j.int((c * 7919 + i * 104729) % 1000);
        try {
          const r = await session.executeRead((tx) =>
            tx.run('MATCH (a:Acct {id: $id}) OPTIONAL MATCH (o:Op {client: $c}) RETURN a.balance AS b, count(o) AS ops',
                   { id, c: neo4j.int(c) }));
          const rec = r.records[0];
          // A client's own committed ops are visible to its later reads.
          if (rec.get('b').toNumber() !== 100 || rec.get('ops').toNumber() !== i) badReads++;
        } catch (e) {
          readErrors++;
        }
        await session.executeWrite(async (tx) => {
          await tx.run('CREATE (:Op {client: $c, seq: $i})', { c: neo4j.int(c), i: neo4j.int(i) });
          await tx.run('MATCH (k:Counter) SET k.n = k.n + 1');
        });
        acked++;
      }
    } finally {
      await session.close();
    }
  }));
  const seconds = (Date.now() - t0) / 1000;
  console.log(`# ${nClient} clients x ${nOps} reads and write transactions in ${seconds.toFixed(2)} s`);
  ok(readErrors === 0, 'every read succeeded', readErrors);
  ok(badReads === 0, 'every read saw the committed state, its own writes included', badReads);
  ok(acked === nClient * nOps, 'every write transaction was acknowledged', acked);
  const ops = await driver.executeQuery('MATCH (o:Op) RETURN count(o) AS n, count(DISTINCT [o.client, o.seq]) AS d');
  ok(ops.records[0].get('n').toNumber() === acked, 'every acknowledged write is there', ops.records[0].get('n').toNumber());
  ok(ops.records[0].get('d').toNumber() === acked, 'and each exactly once', ops.records[0].get('d').toNumber());
  const k = await driver.executeQuery('MATCH (k:Counter) RETURN k.n AS n');
  ok(k.records[0].get('n').toNumber() === acked, 'the shared counter is exact (no lost update)', k.records[0].get('n').toNumber());
} catch (e) {
  ok(false, 'no unexpected error', e.stack || e);
} finally {
  await driver.close();
}
console.log(`# load.mjs: ${n} tests, ${failed} failed`);
process.exit(failed ? 1 : 0);
