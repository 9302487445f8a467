// tests/driver/browser.mjs — the driver's browser build, which speaks Bolt
// over WebSocket (ws://, and wss:// when the server has a certificate), as
// a page would. Node 20 runs it with --experimental-websocket, whose
// WebSocket is the standard one browsers have; on an older Node the ws
// package stands in for it. Prints TAP.
// Environment: BOLT_PORT, BOLT_TLS_PORT (certificate trusted through
// NODE_EXTRA_CA_CERTS), BOLT_USER, BOLT_PASS.
globalThis.window = globalThis;
if (typeof globalThis.WebSocket === 'undefined') globalThis.WebSocket = (await import('ws')).WebSocket;
const { default: neo4j } = await import('neo4j-driver/lib/browser/neo4j-web.esm.js');

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

async function exercise(url, name, config) {
  const d = neo4j.driver(url, neo4j.auth.basic(process.env.BOLT_USER, process.env.BOLT_PASS), config);
  try {
    const r = await d.executeQuery("RETURN $x + 1 AS y, [date('2024-05-06'), {k: 'v'}] AS l",
                                   { x: neo4j.int(41) });
    ok(r.records[0].get('y').toNumber() === 42, `${name}: a parameterized query`);
    ok(String(r.records[0].get('l')[0]) === '2024-05-06' && r.records[0].get('l')[1].k === 'v',
       `${name}: nested values`);
    const s = d.session();
    const tx = s.beginTransaction();
    await tx.run('CREATE (:Browser {via: $v})', { v: name });
    await tx.commit();
    const c = await s.run('MATCH (b:Browser {via: $v}) RETURN count(b) AS c', { v: name });
    ok(c.records[0].get('c').toNumber() === 1, `${name}: a transaction commits`);
    await s.close();
  } catch (e) {
    ok(false, `${name}: no error`, e.stack || e);
  } finally {
    await d.close();
  }
}

await exercise(`bolt://127.0.0.1:${process.env.BOLT_PORT}`, 'ws://');
if (process.env.BOLT_TLS_PORT) {
  await exercise(`bolt://127.0.0.1:${process.env.BOLT_TLS_PORT}`, 'wss://', { encrypted: 'ENCRYPTION_ON' });
}
console.log(`# browser.mjs: ${n} tests, ${failed} failed`);
process.exit(failed ? 1 : 0);
