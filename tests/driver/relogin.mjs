// tests/driver/relogin.mjs — a connection that logs in again (LOGOFF and
// LOGON, through the driver's per-session users) has the new user's rights,
// files included; then 30 wrong passwords at once. Prints one line each:
// the three LOAD CSV results (a count or an error code), then how many of
// the 30 were answered Unauthorized (the rest were rate-limited).
// Environment: BOLT_PORT (a server with --files holding people.csv).
import neo4j from 'neo4j-driver';

const url = `bolt://127.0.0.1:${process.env.BOLT_PORT}`;
const d = neo4j.driver(url, neo4j.auth.basic('eddie', 'pw'), { maxConnectionPoolSize: 1 });
const q = "LOAD CSV WITH HEADERS FROM 'people.csv' AS r RETURN count(r) AS n";
async function run(auth) {
  const s = d.session(auth ? { auth } : {});
  try { return String((await s.run(q)).records[0].get('n')); } catch (e) { return e.code; } finally { await s.close(); }
}
console.log(await run(null));
console.log(await run(neo4j.auth.basic('rita', 'reader-secret')));
console.log(await run(null));
await d.close();
const tries = await Promise.all(Array.from({ length: 30 }, async () => {
  const b = neo4j.driver(url, neo4j.auth.basic('eddie', 'wrong'));
  try { await b.verifyConnectivity(); return 'ok'; } catch (e) { return e.code; } finally { await b.close(); }
}));
console.log(tries.filter((c) => c === 'Neo.ClientError.Security.Unauthorized').length);
