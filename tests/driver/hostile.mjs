// tests/driver/hostile.mjs — clients that break the rules, on raw sockets:
// malformed handshakes, truncated chunks, oversized messages, unknown
// messages, messages in the wrong state, deep nesting, garbage, silence.
// Each must get a FAILURE or a closed connection, and the server must keep
// serving a well-behaved client (checked after every case). Prints TAP.
//
// Environment: BOLT_PORT (a server with --auth none and --max-message 1M,
// --handshake-timeout short), TANGLE_BIN unused.
import net from 'node:net';
import neo4j from 'neo4j-driver';

const port = Number(process.env.BOLT_PORT);
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

const MAGIC = Buffer.from([0x60, 0x60, 0xb0, 0x17]);
const V54 = Buffer.from([0, 0, 4, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

// ---- A minimal PackStream writer for the requests ---------------------------
function str(s) {
  const b = Buffer.from(s, 'utf8');
  if (b.length < 16) return Buffer.concat([Buffer.from([0x80 | b.length]), b]);
  if (b.length < 256) return Buffer.concat([Buffer.from([0xd0, b.length]), b]);
  if (b.length < 65536) {
    const h = Buffer.alloc(3); h[0] = 0xd1; h.writeUInt16BE(b.length, 1);
    return Buffer.concat([h, b]);
  }
  const h = Buffer.alloc(5); h[0] = 0xd2; h.writeUInt32BE(b.length, 1);
  return Buffer.concat([h, b]);
}
function map(obj) {
  const keys = Object.keys(obj);
  const parts = [Buffer.from([0xa0 | keys.length])];
  for (const k of keys) {
    parts.push(str(k));
    const v = obj[k];
    if (typeof v === 'string') parts.push(str(v));
    else if (typeof v === 'number') parts.push(Buffer.from([v]));   // tiny ints only
    else if (typeof v === 'bigint') { const b = Buffer.alloc(9); b[0] = 0xcb; b.writeBigInt64BE(v, 1); parts.push(b); }
    else if (Buffer.isBuffer(v)) parts.push(v);
    else parts.push(map(v));
  }
  return Buffer.concat(parts);
}
function struct(tag, ...fields) {
  return Buffer.concat([Buffer.from([0xb0 | fields.length, tag]), ...fields]);
}
function chunk(msg) {
  const parts = [];
  for (let i = 0; i < msg.length; i += 65535) {
    const piece = msg.subarray(i, i + 65535);
    const h = Buffer.alloc(2); h.writeUInt16BE(piece.length);
    parts.push(h, piece);
  }
  parts.push(Buffer.from([0, 0]));
  return Buffer.concat(parts);
}
const HELLO = chunk(struct(0x01, map({ user_agent: 'hostile/1.0' })));
const LOGON = chunk(struct(0x6a, map({ scheme: 'none' })));

// Sends the parts in order (each after a short pause), then collects what
// comes back until the server closes or waitMs passes.
function exchange(parts, waitMs = 1500) {
  return new Promise((resolve) => {
    const sock = net.connect(port, '127.0.0.1');
    const got = [];
    let closed = false;
    const timer = setTimeout(() => { sock.destroy(); resolve({ data: Buffer.concat(got), closed }); }, waitMs);
    sock.on('data', (d) => got.push(d));
    sock.on('error', () => {});
    sock.on('close', () => { closed = true; clearTimeout(timer); resolve({ data: Buffer.concat(got), closed }); });
    sock.on('connect', async () => {
      for (const p of parts) {
        if (sock.destroyed) break;
        sock.write(p);
        await new Promise((r) => setTimeout(r, 20));
      }
    });
  });
}

// The messages (signature bytes) in a stream of chunked answers after the
// 4-byte version reply.
function signatures(data) {
  const sigs = [];
  let i = 4;
  let msg = [];
  while (i + 2 <= data.length) {
    const len = data.readUInt16BE(i); i += 2;
    if (len === 0) { if (msg.length) sigs.push(Buffer.concat(msg)[1]); msg = []; continue; }
    msg.push(data.subarray(i, i + len)); i += len;
  }
  return sigs;
}
const SUCCESS = 0x70, FAILURE = 0x7f, IGNORED = 0x7e, RECORD = 0x71;

async function stillServes(name) {
  const d = neo4j.driver(`bolt://127.0.0.1:${port}`, neo4j.auth.basic('any', 'any'));
  try {
    const r = await d.executeQuery('RETURN 1 AS one');
    ok(r.records[0].get('one').toNumber() === 1, `after ${name}: the server still serves`);
  } catch (e) {
    ok(false, `after ${name}: the server still serves`, e.message);
  } finally {
    await d.close();
  }
}

async function testCase(name, parts, check, waitMs) {
  const r = await exchange(parts, waitMs);
  try { ok(check(r), name, `closed=${r.closed} bytes=${r.data.toString('hex').slice(0, 120)}`); }
  catch (e) { ok(false, name, e.stack); }
  await stillServes(name);
}

// ---- Handshakes -------------------------------------------------------------------
await testCase('a wrong preamble is closed', [Buffer.from('GARBAGE!GARBAGE!GARBAGE!')], (r) => r.closed);
await testCase('no version in common gets zeros and a close',
  [MAGIC, Buffer.from([0, 0, 0, 9, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0])],
  (r) => r.closed && r.data.length === 4 && r.data.readUInt32BE(0) === 0);
await testCase('a handshake cut short is closed', [MAGIC, Buffer.from([0, 0, 4])], (r) => r.closed, 4000);
await testCase('a client that sends nothing is closed', [], (r) => r.closed, 4000);
await testCase('a range reaching below zero still agrees on 5.4',
  [MAGIC, Buffer.from([0, 255, 4, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])],
  (r) => r.data.length >= 4 && r.data[2] === 4 && r.data[3] === 5);

// ---- Bolt 4.4: authentication in HELLO, no LOGON ---------------------------------------
const V44 = Buffer.from([0, 0, 4, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
await testCase('a Bolt 4.4 client logs in with HELLO and runs a query',
  [MAGIC, V44, chunk(struct(0x01, map({ user_agent: 'old/4.4', scheme: 'none' }))),
   chunk(struct(0x10, str('RETURN 1 AS one'), map({}), map({}))), chunk(struct(0x3f, map({ n: 0x0f })))],
  (r) => r.data[2] === 4 && r.data[3] === 4 &&
         JSON.stringify(signatures(r.data)) === JSON.stringify([SUCCESS, SUCCESS, RECORD, SUCCESS]));
await testCase('LOGON is not a Bolt 4.4 message',
  [MAGIC, V44, chunk(struct(0x01, map({ user_agent: 'old/4.4', scheme: 'none' }))), LOGON],
  (r) => JSON.stringify(signatures(r.data)) === JSON.stringify([SUCCESS, FAILURE]));

// ---- Messages -----------------------------------------------------------------------
await testCase('RUN before HELLO fails and closes',
  [MAGIC, V54, chunk(struct(0x10, str('RETURN 1'), map({}), map({})))],
  (r) => signatures(r.data)[0] === FAILURE && r.closed);
await testCase('an unknown message fails', [MAGIC, V54, HELLO, LOGON, chunk(struct(0x55, map({})))],
  (r) => { const s = signatures(r.data); return s[0] === SUCCESS && s[1] === SUCCESS && s[2] === FAILURE; });
await testCase('after a failure, requests are IGNORED until RESET, then served',
  [MAGIC, V54, HELLO, LOGON, chunk(struct(0x55)), chunk(struct(0x10, str('RETURN 1'), map({}), map({}))),
   chunk(struct(0x0f)), chunk(struct(0x10, str('RETURN 1'), map({}), map({}))), chunk(struct(0x3f, map({ n: 0x0f })))],
  (r) => JSON.stringify(signatures(r.data)) === JSON.stringify([SUCCESS, SUCCESS, FAILURE, IGNORED, SUCCESS, SUCCESS, RECORD, SUCCESS]));
await testCase('PULL with nothing to pull fails', [MAGIC, V54, HELLO, LOGON, chunk(struct(0x3f, map({ n: 1 })))],
  (r) => signatures(r.data)[2] === FAILURE);
await testCase('COMMIT outside a transaction fails', [MAGIC, V54, HELLO, LOGON, chunk(struct(0x12))],
  (r) => signatures(r.data)[2] === FAILURE);
await testCase('a message that is not a structure is refused',
  [MAGIC, V54, chunk(Buffer.from([0x01, 0x02, 0x03]))], (r) => r.closed);
await testCase('a message with bytes after its fields fails',
  [MAGIC, V54, HELLO, LOGON, chunk(Buffer.concat([struct(0x0f), Buffer.from([0x01])]))],
  (r) => signatures(r.data)[2] === FAILURE);
await testCase('a wrong field type fails', [MAGIC, V54, HELLO, LOGON, chunk(struct(0x11, str('not a map')))],
  (r) => signatures(r.data)[2] === FAILURE);

// Time limits from the client that do not fit: no overflow, the server's own limit.
await testCase('a transaction timeout of 2^63-1 ms is taken as the server\'s limit',
  [MAGIC, V54, HELLO, LOGON, chunk(struct(0x11, map({ tx_timeout: 9223372036854775807n }))),
   chunk(struct(0x10, str('RETURN 1'), map({}), map({}))), chunk(struct(0x3f, map({ n: 0x0f }))), chunk(struct(0x12))],
  (r) => JSON.stringify(signatures(r.data)) === JSON.stringify([SUCCESS, SUCCESS, SUCCESS, SUCCESS, RECORD, SUCCESS, SUCCESS]));
// A user agent with a line break must not forge a log line.
await testCase('a user agent with line breaks is logged on one line',
  [MAGIC, V54, chunk(struct(0x01, map({ user_agent: 'evil\nFORGED tangle serve: stopped' }))), LOGON],
  (r) => signatures(r.data)[0] === SUCCESS);

// Deep nesting: 100,000 one-element lists as a parameter.
const deep = Buffer.concat([Buffer.alloc(100000, 0x91), Buffer.from([0x01])]);
await testCase('a parameter nested 100,000 deep fails (no recursion)',
  [MAGIC, V54, HELLO, LOGON, chunk(struct(0x10, str('RETURN $p'), map({ p: deep }), map({})))],
  (r) => signatures(r.data)[2] === FAILURE);
// A list that claims 4 billion items.
await testCase('a list claiming 4 billion items fails without allocating them',
  [MAGIC, V54, HELLO, LOGON, chunk(struct(0x10, str('RETURN $p'), map({ p: Buffer.from([0xd6, 0xff, 0xff, 0xff, 0xff, 1]) }), map({})))],
  (r) => signatures(r.data)[2] === FAILURE);

// Oversized: chunks adding up past --max-message.
const big = Buffer.alloc(65535, 0x41);
const hdr = Buffer.from([0xff, 0xff]);
const many = [];
for (let i = 0; i < 40; i++) many.push(Buffer.concat([hdr, big]));
await testCase('a message over --max-message fails and closes', [MAGIC, V54, HELLO, LOGON, ...many],
  (r) => signatures(r.data).includes(FAILURE) && r.closed, 4000);
await testCase('a 200 KB HELLO from a client not logged in fails and closes',
  [MAGIC, V54, chunk(struct(0x01, map({ user_agent: 'x'.repeat(200000) })))],
  (r) => signatures(r.data).includes(FAILURE) && r.closed, 4000);
// Truncated: a chunk header promising more than arrives, then silence.
await testCase('a truncated chunk is closed after the timeout',
  [MAGIC, V54, HELLO, LOGON, Buffer.from([0x00, 0x40, 0xb1, 0x10])], (r) => r.closed, 4000);
// Garbage after a good session.
const junk = Buffer.alloc(4096);
for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919 + 13) & 0xff;
await testCase('garbage bytes after login: a failure or a close', [MAGIC, V54, HELLO, LOGON, junk],
  (r) => r.closed || signatures(r.data).includes(FAILURE), 4000);
// NOOPs (empty chunks) between messages are allowed.
await testCase('keep-alive NOOPs between messages are ignored',
  [MAGIC, V54, Buffer.from([0, 0, 0, 0]), HELLO, Buffer.from([0, 0]), LOGON],
  (r) => { const s = signatures(r.data); return s[0] === SUCCESS && s[1] === SUCCESS; });

// Many connections that each send half a handshake, all at once.
const sockets = [];
for (let i = 0; i < 50; i++) {
  const s = net.connect(port, '127.0.0.1');
  s.on('error', () => {});
  s.on('connect', () => s.write(MAGIC));
  sockets.push(s);
}
await new Promise((r) => setTimeout(r, 300));
await stillServes('50 half-open handshakes');
for (const s of sockets) s.destroy();

console.log(`# hostile.mjs: ${n} tests, ${failed} failed`);
process.exit(failed ? 1 : 0);
