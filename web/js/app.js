// app.js — the Tangle explorer page: login, the query editor (highlighting,
// history, parameters, Ctrl-Enter, errors at their line and column), the
// results as a table, JSON and a graph (graph.js), the side panel with
// properties and expansion by type and direction, the schema panel, search
// with tangle.find, exports and links. Talks to `tangle serve` over HTTP:
// /whoami, /login, /logout, Neo4j's Query API (/db/neo4j/query/v2, typed
// JSON) and RENDER (/render, /render/style).

import { highlight, offsetOf } from './cypher.js';
import { decodeResult, collectGraph, show, display, plain, toCsv, parseParams, GNode, GRel } from './values.js';
import { normalizeStyle, fallbackStyle, nodeStyle, typeStyle } from './style.js';
import { GraphView } from './graph.js';

const MAX_GRAPH_NODES = 2000;   // a bigger graph is cut here, and the page says so
const MAX_TABLE_ROWS = 2000;    // rows the table and the JSON view show (exports have all)
const CONNECT_MAX_NODES = 500;  // up to this many, relationships among a result's nodes are fetched
const HISTORY_KEY = 'tangle.explorer.history';
const HISTORY_MAX = 50;
const QUERY_PATH = '/db/neo4j/query/v2';
const TYPED_JSON = 'application/vnd.neo4j.query';

const $ = id => document.getElementById(id);
const el = (tag, attrs = {}, ...kids) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of kids) if (c !== null && c !== undefined) e.append(c);
  return e;
};
const fmt = n => n.toLocaleString('en-US');
const ident = s => '`' + String(s).replace(/`/g, '``') + '`';

const state = {
  who: null,
  style: fallbackStyle(),
  result: null,          // {fields, rows, statement, parameters}
  view: 'table',
  layout: 'force',
  busy: 0,
  expand: null,          // {id, options: [{type, out, count}]}
  lastExport: null,
};

// Wraps a user-level operation (running a statement, expanding, a
// layout, a search) so that the test hook counts the ones finished:
// tests wait for window.__explorer.ops to move on. Only the outermost
// operation counts (an expansion that lays out again counts once).
let opsDone = 0, opsDepth = 0;
function tracked(f) {
  return async function (...args) {
    opsDepth++;
    try {
      return await f.apply(this, args);
    } finally {
      if (--opsDepth === 0) {
        opsDone++;
        document.body.dataset.ops = String(opsDone);
      }
    }
  };
}

// ---- HTTP -----------------------------------------------------------------

class QueryError extends Error {
  constructor(status, code, message, position) {
    super(message);
    this.status = status; this.code = code; this.position = position;
  }
}

function setBusy(d) {
  state.busy += d;
  document.body.dataset.busy = state.busy > 0 ? 'true' : 'false';
}

async function http(path, { method = 'GET', body, accept = 'application/json', raw = false } = {}) {
  setBusy(1);
  try {
    const init = { method, credentials: 'same-origin', headers: { Accept: accept } };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let res;
    try {
      res = await fetch(path, init);
    } catch (e) {
      throw new QueryError(0, 'Network', `The server did not answer: ${e.message}`);
    }
    if (res.status === 401 && path !== '/login') showLogin('Your session has ended; log in again.');
    if (!res.ok) {
      let j = null;
      try { j = await res.json(); } catch { /* not JSON */ }
      const e = j && Array.isArray(j.errors) && j.errors[0] ? j.errors[0] : {};
      throw new QueryError(res.status, String(e.code || `HTTP ${res.status}`), String(e.message || res.statusText), e.position);
    }
    return raw ? res : res.json();
  } finally {
    setBusy(-1);
  }
}

// Runs a statement; returns {fields, rows, counters}.
async function query(statement, parameters = {}) {
  const reply = await http(QUERY_PATH, {
    method: 'POST', accept: TYPED_JSON, body: { statement, parameters, includeCounters: true },
  });
  if (reply && Array.isArray(reply.errors) && reply.errors.length) {
    const e = reply.errors[0];
    throw new QueryError(200, String(e.code), String(e.message), e.position);
  }
  const r = decodeResult(reply);
  r.counters = reply.counters || null;
  return r;
}

// ---- login ------------------------------------------------------------------

function showLogin(message = '') {
  $('login').hidden = false;
  $('login-error').textContent = message;
  $('login-user').focus();
}

async function whoami() {
  try {
    const w = await http('/whoami');
    state.who = w;
    $('login').hidden = true;
    $('who').textContent = w.auth === false ? 'no authentication' :
      `${w.user} (${w.role}${w.readOnly ? ', read-only server' : ''})`;
    $('logout-button').hidden = w.auth === false;
    return true;
  } catch (e) {
    if (e.status === 401) showLogin();
    else setStatus(`Cannot reach the server: ${e.message}`);
    return false;
  }
}

async function onLoggedIn() {
  await loadStyle();
  loadSchema();
  const h = readLink();
  if (h) run();
}

$('login-form').addEventListener('submit', async e => {
  e.preventDefault();
  $('login-error').textContent = '';
  try {
    await http('/login', { method: 'POST', body: { user: $('login-user').value, password: $('login-password').value } });
    $('login-password').value = '';
    if (await whoami()) onLoggedIn();
  } catch (err) {
    $('login-error').textContent = err.status === 401 ? 'Wrong user name or password.' : err.message;
  }
});

$('logout-button').addEventListener('click', async () => {
  try { await http('/logout', { method: 'POST', body: {} }); } catch { /* already out */ }
  state.who = null;
  $('who').textContent = '';
  showLogin();
});

// ---- styles -------------------------------------------------------------------

async function loadStyle() {
  try {
    state.style = normalizeStyle(await http('/render/style'));
  } catch {
    state.style = fallbackStyle();
  }
  scene.setStyle(state.style);
  updateLegend();
}

// ---- editor -------------------------------------------------------------------

const editor = $('editor-input');
const hl = $('editor-highlight');
let errorOffset = -1;

function paintEditor() {
  hl.innerHTML = highlight(editor.value, errorOffset);
  hl.scrollTop = editor.scrollTop;
  hl.scrollLeft = editor.scrollLeft;
}
editor.addEventListener('input', () => { errorOffset = -1; paintEditor(); });
editor.addEventListener('scroll', () => { hl.scrollTop = editor.scrollTop; hl.scrollLeft = editor.scrollLeft; });
editor.addEventListener('keydown', e => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(); }
});
$('params-input').addEventListener('keydown', e => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(); }
});
$('run-button').addEventListener('click', () => run());

function setEditor(text, params) {
  editor.value = text;
  if (params !== undefined) $('params-input').value = params;
  errorOffset = -1;
  paintEditor();
}

function setStatus(text) { $('status').textContent = text; }

function clearError() {
  $('error').hidden = true;
  $('error').textContent = '';
  errorOffset = -1;
  paintEditor();
}

// Shows an error; a position (1-based line and column in code points)
// marks the editor there and puts the caret on it.
function showError(err, prefix = '') {
  const box = $('error');
  box.textContent = '';
  const p = err.position;
  delete box.dataset.line; delete box.dataset.column;
  if (p && Number(p.line) > 0) {
    const line = Number(p.line), column = Math.max(1, Number(p.column) || 1);
    box.dataset.line = String(line);
    box.dataset.column = String(column);
    box.append(el('span', { class: 'where', 'data-testid': 'error-where', text: `line ${line}, column ${column}` }), ': ');
    errorOffset = offsetOf(editor.value, line, column);
    paintEditor();
    editor.focus();
    editor.setSelectionRange(errorOffset, errorOffset);
  } else if (p && Number.isInteger(p.offset)) {
    errorOffset = Math.min(editor.value.length, Array.from(editor.value).slice(0, p.offset).join('').length);
    paintEditor();
  }
  box.append(prefix + (err.code && err.code !== 'Network' ? `${err.code}\n` : '') + err.message);
  box.hidden = false;
}

// ---- history -------------------------------------------------------------------

function loadHistory() {
  try {
    const h = JSON.parse(localStorage.getItem(HISTORY_KEY) || '[]');
    return Array.isArray(h) ? h.filter(x => x && typeof x.q === 'string').slice(0, HISTORY_MAX) : [];
  } catch { return []; }
}

function pushHistory(q, p) {
  const h = loadHistory().filter(x => x.q !== q || x.p !== p);
  h.unshift({ q, p });
  try { localStorage.setItem(HISTORY_KEY, JSON.stringify(h.slice(0, HISTORY_MAX))); } catch { /* full or off */ }
  renderHistory();
}

function renderHistory() {
  const list = $('history-list');
  list.textContent = '';
  loadHistory().forEach((x, i) => {
    list.append(el('li', { title: x.q, 'data-testid': `history-${i}`, dir: 'auto', text: x.q.replace(/\s+/g, ' '),
      onclick: () => { setEditor(x.q, x.p ?? '{}'); editor.focus(); } }));
  });
}

$('history-clear').addEventListener('click', () => {
  try { localStorage.removeItem(HISTORY_KEY); } catch { /* off */ }
  renderHistory();
});

// ---- links --------------------------------------------------------------------

function linkFor(q, p) {
  const args = new URLSearchParams({ q });
  if (p.trim() && p.trim() !== '{}') args.set('p', p);
  return `${location.origin}${location.pathname}#${args.toString()}`;
}

// Fills the editor from the URL's hash; true when it held a statement.
function readLink() {
  const args = new URLSearchParams(location.hash.replace(/^#/, ''));
  const q = args.get('q');
  if (!q) return false;
  setEditor(q, args.get('p') || '{}');
  return true;
}

$('link-button').addEventListener('click', () => {
  const url = linkFor(editor.value, $('params-input').value);
  history.replaceState(null, '', url);
  const out = $('link-output');
  out.value = url;
  out.hidden = false;
  out.select();
  if (navigator.clipboard) navigator.clipboard.writeText(url).catch(() => {});
  setStatus('The link runs this statement when opened (copied if the browser allows).');
});

// ---- running ------------------------------------------------------------------

const run = tracked(async function run() {
  const statement = editor.value;
  if (!statement.trim()) return;
  clearError();
  $('link-output').hidden = true;
  let parameters;
  try {
    parameters = parseParams($('params-input').value);
  } catch (e) {
    showError({ code: '', message: `Parameters are not a JSON object: ${e.message}` });
    return;
  }
  pushHistory(statement, $('params-input').value);
  setStatus('Running…');
  const t0 = performance.now();
  let r;
  try {
    r = await query(statement, parameters);
  } catch (e) {
    setStatus('');
    showError(e);
    return;
  }
  const ms = Math.round(performance.now() - t0);
  state.result = { ...r, statement, parameters };
  let msg = `${fmt(r.rows.length)} row${r.rows.length === 1 ? '' : 's'} in ${fmt(ms)} ms`;
  const changes = counterText(r.counters);
  if (changes) msg += `; ${changes}`;
  setStatus(msg);
  renderTable();
  renderJson();
  await showGraphOf(r.rows);
});

function counterText(c) {
  if (!c) return '';
  const names = {
    nodesCreated: 'nodes created', nodesDeleted: 'nodes deleted', relationshipsCreated: 'relationships created',
    relationshipsDeleted: 'relationships deleted', propertiesSet: 'properties set', labelsAdded: 'labels added',
    labelsRemoved: 'labels removed', indexesAdded: 'indexes added', indexesRemoved: 'indexes removed',
    constraintsAdded: 'constraints added', constraintsRemoved: 'constraints removed',
  };
  return Object.entries(names).filter(([k]) => Number(c[k]) > 0).map(([k, v]) => `${fmt(Number(c[k]))} ${v}`).join(', ');
}

// ---- table and JSON -------------------------------------------------------------

function renderTable() {
  const r = state.result;
  const t = $('result-table');
  t.textContent = '';
  if (!r) return;
  const head = el('tr');
  r.fields.forEach(f => head.append(el('th', { dir: 'auto', text: f })));
  t.append(el('thead', {}, head));
  const body = el('tbody');
  const n = Math.min(r.rows.length, MAX_TABLE_ROWS);
  for (let i = 0; i < n; i++) {
    const tr = el('tr');
    for (const v of r.rows[i]) tr.append(el('td', { dir: 'auto', text: display(v) }));
    body.append(tr);
  }
  t.append(body);
  $('table-note').textContent = r.rows.length > n
    ? `Showing the first ${fmt(n)} of ${fmt(r.rows.length)} rows; CSV and JSON exports have them all.`
    : (r.fields.length === 0 ? 'No columns.' : '');
}

function resultObjects(limit = Infinity) {
  const r = state.result;
  if (!r) return [];
  return r.rows.slice(0, limit).map(row => Object.fromEntries(r.fields.map((f, i) => [f, plain(row[i])])));
}

function renderJson() {
  const r = state.result;
  let text = r ? JSON.stringify(resultObjects(MAX_TABLE_ROWS), null, 2) : '';
  if (text.length > 4e6) text = text.slice(0, 4e6) + '\n…';
  if (r && r.rows.length > MAX_TABLE_ROWS) text += `\n// the first ${fmt(MAX_TABLE_ROWS)} of ${fmt(r.rows.length)} rows`;
  $('result-json').textContent = text;
}

// ---- views ---------------------------------------------------------------------

function setView(v) {
  state.view = v;
  for (const b of document.querySelectorAll('.tab')) b.classList.toggle('active', b.dataset.view === v);
  for (const name of ['table', 'json', 'graph']) $(`view-${name}`).hidden = name !== v;
  for (const g of document.querySelectorAll('.export-group')) {
    g.hidden = g.dataset.for === 'graph' ? v !== 'graph' : v === 'graph';
  }
  if (v === 'graph') scene.resize();
}
for (const b of document.querySelectorAll('.tab')) b.addEventListener('click', () => setView(b.dataset.view));

// ---- graph ---------------------------------------------------------------------

const scene = new GraphView($('graph-canvas'), {
  onSelect: sel => showPanel(sel),
  onExpand: id => openExpand(id),
  onChange: () => updateLegend(),
});
scene.setStyle(state.style);
scene.padBottom = () => ($('legend').offsetHeight ? $('legend').offsetHeight + 6 : 0);

function graphNote(text) {
  const n = $('graph-note');
  n.textContent = text;
  n.hidden = !text;
}

// The number in an element id ("n12" -> 12): statements look nodes up by
// id(n) = i, which seeks, where elementId(n) IN [...] would scan.
const idNumber = id => Number(id.slice(1));

// Fetches nodes by element id (the ends of relationships a result left out).
async function fetchNodes(ids) {
  if (!ids.length) return [];
  const r = await query('UNWIND $ids AS i MATCH (n) WHERE id(n) = i RETURN n', { ids: ids.map(idNumber) });
  return r.rows.map(row => row[0]).filter(v => v instanceof GNode);
}

// Relationships between the nodes `fromIds` and the nodes `toIds` (both
// directions), to draw what ties the view together.
async function fetchConnections(fromIds, toIds) {
  if (!fromIds.length || !toIds.length) return [];
  const r = await query('UNWIND $from AS i MATCH (a) WHERE id(a) = i MATCH (a)-[r]-(b) WHERE elementId(b) IN $to ' +
    'RETURN r LIMIT 20000', { from: fromIds.map(idNumber), to: toIds });
  return r.rows.map(row => row[0]).filter(v => v instanceof GRel);
}

// Finds which of these nodes are claims some relationship contradicts
// (anywhere in the graph) and draws them so, as RENDER does.
async function markContradicted(ids) {
  const c = state.style.contradicted;
  const claims = ids.filter(id => { const n = scene.nodes.get(id); return n && n.labels.includes(c.label); });
  if (!claims.length) return;
  try {
    const r = await query(`UNWIND $ids AS i MATCH (c:${ident(c.label)})<-[:${ident(c.relType)}]-() WHERE id(c) = i ` +
      'RETURN DISTINCT elementId(c) AS id', { ids: claims.map(idNumber) });
    scene.markContradicted(r.rows.map(row => String(row[0])));
  } catch { /* drawn as plain claims */ }
}

// Replaces the graph with the graph values of a result.
async function showGraphOf(rows) {
  const { nodes, rels } = collectGraph(rows);
  scene.clear();
  graphNote('');
  showPanel(null);
  let nodeList = [...nodes.values()];
  // Ends of relationships that the result did not return as nodes.
  const missing = [];
  for (const r of rels.values()) for (const id of [r.start, r.end]) if (!nodes.has(id) && !missing.includes(id)) missing.push(id);
  const total = nodeList.length + missing.length;
  if (missing.length && nodeList.length < MAX_GRAPH_NODES) {
    try {
      nodeList = nodeList.concat(await fetchNodes(missing.slice(0, MAX_GRAPH_NODES - nodeList.length)));
    } catch (e) { graphNote(`Could not fetch the ends of some relationships: ${e.message}`); }
  }
  let note = '';
  if (nodeList.length > MAX_GRAPH_NODES) {
    note = `Showing ${fmt(MAX_GRAPH_NODES)} of ${fmt(total)} nodes: the graph is capped at ${fmt(MAX_GRAPH_NODES)} ` +
      `so the page stays responsive (the table has every row).`;
    nodeList = nodeList.slice(0, MAX_GRAPH_NODES);
  }
  scene.addNodes(nodeList);
  scene.addRels([...rels.values()]);
  if (scene.nodes.size > 0 && scene.nodes.size <= CONNECT_MAX_NODES) {
    const ids = [...scene.nodes.keys()];
    try { scene.addRels(await fetchConnections(ids, ids)); } catch { /* drawn without them */ }
  }
  await markContradicted([...scene.nodes.keys()]);
  graphNote(note);
  $('graph-canvas').dataset.capped = note ? 'true' : 'false';
  updateLegend();
  await relayout(true);
}

// Lays the graph out again with the chosen layout.
async function relayout(fresh = false) {
  if (scene.nodes.size === 0) { scene.requestDraw(); return; }
  if (state.layout === 'force') {
    for (const n of scene.nodes.values()) if (fresh) n.pinned = false;
    scene.autoFitPending = true;
    scene.startForce(fresh ? 1 : 0.6);
    if (fresh) scene.fit();
    return;
  }
  await serverLayout();
}

function viewRequest(format) {
  return {
    // Each node by its id (a seek, whatever the graph's size), then the
    // view's relationships among those leaving it.
    statement: 'UNWIND $nodes AS i MATCH (n) WHERE id(n) = i ' +
      'OPTIONAL MATCH (n)-[r]->() WHERE elementId(r) IN $rels RETURN n, r',
    parameters: { nodes: [...scene.nodes.keys()].map(idNumber), rels: [...scene.rels.keys()] },
    format,
    layout: state.layout === 'force' ? undefined : state.layout === 'cluster' ? 'dot' : state.layout,
    direction: state.layout === 'dot' || state.layout === 'cluster' ? $('direction-select').value : undefined,
    cluster: state.layout === 'cluster' ? true : undefined,
  };
}

// A layout from Graphviz's JSON output (-Tjson): node positions from the
// objects named by element id ("pos": "x,y" in points, y growing
// upwards), and each relationship's spline ("pos": "[s,x,y ][e,x,y ]x,y
// x,y ...", cubic Bézier control points) and label position ("lp"), and
// the boxes of a clustered layout (subgraphs named cluster_*, their "bb"
// and member nodes by _gvid).
export function graphvizLayout(gv) {
  const nodes = new Map(), splines = new Map(), clusters = [], byGvid = new Map();
  const pt = t => { const m = /^(-?[\d.]+(?:e[+-]?\d+)?),(-?[\d.]+(?:e[+-]?\d+)?)$/.exec(t); return m ? [Number(m[1]), -Number(m[2])] : null; };
  const objects = gv && Array.isArray(gv.objects) ? gv.objects : [];
  for (const o of objects) {
    if (!o || typeof o.pos !== 'string') continue;
    const id = [o.id, o.name].find(x => typeof x === 'string' && scene.nodes.has(x));
    const p = pt(o.pos.trim());
    if (id && p) nodes.set(id, { x: p[0], y: p[1] });
    if (id && Number.isInteger(o._gvid)) byGvid.set(o._gvid, id);
  }
  for (const o of objects) {
    if (!o || typeof o.name !== 'string' || !o.name.startsWith('cluster') || typeof o.bb !== 'string') continue;
    const b = o.bb.split(',').map(Number);
    if (b.length !== 4 || b.some(v => !Number.isFinite(v))) continue;
    const members = (Array.isArray(o.nodes) ? o.nodes : []).map(g => byGvid.get(g)).filter(Boolean);
    clusters.push({ label: typeof o.label === 'string' ? o.label : '', color: typeof o.color === 'string' ? o.color : '#6b7280',
      box: [b[0], -b[3], b[2], -b[1]], members });
  }
  for (const e of (gv && Array.isArray(gv.edges) ? gv.edges : [])) {
    if (!e || typeof e.id !== 'string' || typeof e.pos !== 'string' || !scene.rels.has(e.id)) continue;
    let end = null, start = null;
    const pts = [];
    for (const tok of e.pos.trim().split(/\s+/)) {
      if (tok.startsWith('e,')) end = pt(tok.slice(2));
      else if (tok.startsWith('s,')) start = pt(tok.slice(2));
      else { const p = pt(tok); if (p) pts.push(p); }
    }
    if (pts.length < 4 || (pts.length - 1) % 3 !== 0) continue;
    splines.set(e.id, { pts, end, start, lp: typeof e.lp === 'string' ? pt(e.lp.trim()) : null });
  }
  return { nodes, splines, clusters };
}

const serverLayout = tracked(async function serverLayout() {
  setStatus(`Laying out with Graphviz ${state.layout}…`);
  try {
    const gv = await http('/render', { method: 'POST', body: viewRequest('json') });
    const layout = graphvizLayout(gv);
    if (layout.nodes.size === 0) throw new Error('the server gave no positions');
    for (const n of scene.nodes.values()) n.pinned = false;
    scene.applyPositions(layout.nodes, layout.splines, layout.clusters);
    setStatus(`Graphviz ${state.layout} layout of ${fmt(layout.nodes.size)} nodes.`);
  } catch (e) {
    graphNote(`The ${state.layout} layout failed (${e.message}); using the force-directed layout.`);
    scene.autoFitPending = true;
    scene.startForce(1);
  }
});

$('layout-select').addEventListener('change', () => {
  state.layout = $('layout-select').value;
  $('direction-select').disabled = state.layout !== 'dot' && state.layout !== 'cluster';
  relayout(true);
});
$('direction-select').addEventListener('change', () => { if (state.layout === 'dot' || state.layout === 'cluster') relayout(true); });
$('fit-button').addEventListener('click', () => scene.fit());
$('clear-graph').addEventListener('click', () => { scene.clear(); graphNote(''); updateLegend(); });
$('graph-canvas').addEventListener('keydown', e => {
  if ((e.key === 'Delete' || e.key === 'Backspace') && scene.sel && scene.sel.kind === 'node') scene.removeNode(scene.sel.id);
});

function updateLegend() {
  const box = $('legend');
  box.textContent = '';
  const { labels, types } = scene.legend();
  for (const l of labels) {
    const sw = el('span', { class: 'swatch' });
    sw.style.background = l.s.fill; sw.style.borderColor = l.s.line;
    box.append(el('span', { class: 'item', 'data-label': l.name, dir: 'auto' }, sw, l.name, ' ',
      el('span', { class: 'count', text: `(${fmt(l.count)})` })));
  }
  for (const t of types) {
    const ln = el('span', { class: 'line' });
    ln.style.borderColor = t.ts.color;
    box.append(el('span', { class: 'item', 'data-type': t.name, dir: 'auto' }, ln, t.name, ' ',
      el('span', { class: 'count', text: `(${fmt(t.count)})` })));
  }
}

// ---- side panel -----------------------------------------------------------------

function captionOf(n) {
  for (const k of state.style.captionKeys) {
    const v = n.props[k];
    if (v !== undefined && v !== null) return typeof v === 'string' ? v : show(v, 0, true);
  }
  return `${n.labels.length ? n.labels[0] : 'node'} #${n.id.replace(/^n/, '')}`;
}

function showPanel(sel) {
  $('expand-box').hidden = true;
  $('expand-note').textContent = '';
  state.expand = null;
  const item = sel && (sel.kind === 'node' ? scene.nodes.get(sel.id) : scene.rels.get(sel.id));
  $('panel-empty').hidden = !!item;
  $('panel-body').hidden = !item;
  $('panel').dataset.kind = item ? sel.kind : '';
  $('panel').dataset.id = item ? sel.id : '';
  if (!item) return;
  const props = $('panel-props');
  props.textContent = '';
  if (sel.kind === 'node') {
    $('panel-title').textContent = captionOf(item);
    $('panel-kind').textContent = `${item.labels.map(l => ':' + l).join('') || '(no label)'} · ${item.id}`;
    $('node-actions').hidden = false;
    $('pin-button').textContent = item.pinned ? 'Unpin' : 'Pin';
  } else {
    const s = scene.nodes.get(item.start), t = scene.nodes.get(item.end);
    $('panel-title').textContent = item.type;
    $('panel-kind').textContent = `${captionOf(s)} → ${captionOf(t)} · ${item.id}`;
    $('node-actions').hidden = true;
  }
  const keys = Object.keys(item.props).sort();
  if (keys.length === 0) props.append(el('tr', {}, el('td', { class: 'note', text: 'No properties.' })));
  for (const k of keys) {
    props.append(el('tr', { 'data-key': k }, el('th', { dir: 'auto', text: k }),
      el('td', { dir: 'auto', 'data-testid': `prop-${k}`, text: display(item.props[k]) })));
  }
}

$('pin-button').addEventListener('click', () => {
  if (!scene.sel || scene.sel.kind !== 'node') return;
  $('pin-button').textContent = scene.togglePin(scene.sel.id) ? 'Unpin' : 'Pin';
});
$('remove-button').addEventListener('click', () => {
  if (scene.sel && scene.sel.kind === 'node') scene.removeNode(scene.sel.id);
});
$('expand-button').addEventListener('click', () => { if (scene.sel && scene.sel.kind === 'node') openExpand(scene.sel.id); });

// Relationships of a node already in view, by type and direction.
function shownCounts(id) {
  const c = new Map();
  for (const r of scene.rels.values()) {
    if (r.start === id) c.set(`${r.type}\u0000out`, (c.get(`${r.type}\u0000out`) || 0) + 1);
    if (r.end === id && r.start !== id) c.set(`${r.type}\u0000in`, (c.get(`${r.type}\u0000in`) || 0) + 1);
  }
  return c;
}

// First step of an expansion: how many relationships of each type and
// direction the node has; the user then picks.
const openExpand = tracked(async function openExpand(id) {
  const n = scene.nodes.get(id);
  if (!n) return;
  if (!scene.sel || scene.sel.id !== id) scene.select({ kind: 'node', id });
  const box = $('expand-box'), list = $('expand-list');
  list.textContent = 'Counting…';
  box.hidden = false;
  let r;
  try {
    r = await query('MATCH (n)-[r]-(m) WHERE id(n) = $nid ' +
      'RETURN type(r) AS type, elementId(startNode(r)) = $id AS out, count(*) AS count ORDER BY type, out DESC',
      { id, nid: idNumber(id) });
  } catch (e) {
    list.textContent = `Cannot count the neighbours: ${e.message}`;
    return;
  }
  const shown = shownCounts(id);
  const options = r.rows.map(([type, out, count]) => ({ type: String(type), out: !!out, count: Number(count) }));
  state.expand = { id, options };
  list.textContent = '';
  if (options.length === 0) { list.textContent = 'No relationships.'; return; }
  for (const o of options) {
    const key = `${o.type}\u0000${o.out ? 'out' : 'in'}`;
    const inView = shown.get(key) || 0;
    const cb = el('input', { type: 'checkbox', 'data-testid': `expand-option-${o.type}-${o.out ? 'out' : 'in'}`,
      'data-type': o.type, 'data-dir': o.out ? 'out' : 'in' });
    const sw = el('span', { class: 'line' });
    sw.style.borderColor = typeStyle(state.style, o.type).color;
    list.append(el('label', { class: 'expand-row' }, cb, o.out ? '→ ' : '← ', el('span', { dir: 'auto', text: o.type }),
      el('span', { class: 'count', text: inView ? `${fmt(o.count)} (${fmt(inView)} shown)` : fmt(o.count) })));
  }
});

$('expand-go').addEventListener('click', () => {
  const picked = [...$('expand-list').querySelectorAll('input[type=checkbox]:checked')]
    .map(cb => ({ type: cb.dataset.type, out: cb.dataset.dir === 'out' }));
  expand(picked);
});
$('expand-all').addEventListener('click', () => {
  if (state.expand) expand(state.expand.options.map(o => ({ type: o.type, out: o.out })));
});

// Second step: adds up to `limit` new neighbours per picked type and
// direction, draws what ties them to the rest, and says what was left out.
const expand = tracked(async function expand(picked) {
  const ex = state.expand;
  if (!ex || !picked.length) return;
  const limit = Math.max(1, Math.min(2000, Number($('expand-limit').value) || 25));
  const id = ex.id;
  const notes = [];
  let nAdded = 0, nNotShown = 0;
  const newIds = [];
  for (const p of picked) {
    const pattern = p.out ? `(n)-[r:${ident(p.type)}]->(m)` : `(n)<-[r:${ident(p.type)}]-(m)`;
    let r;
    try {
      r = await query(`MATCH ${pattern} WHERE id(n) = $nid AND NOT elementId(r) IN $have RETURN r, m LIMIT $limit`,
        { nid: idNumber(id), have: [...scene.rels.keys()], limit });
    } catch (e) {
      notes.push(`${p.type}: ${e.message}`);
      continue;
    }
    const opt = ex.options.find(o => o.type === p.type && o.out === p.out);
    const before = shownCounts(id).get(`${p.type}\u0000${p.out ? 'out' : 'in'}`) || 0;
    let room = MAX_GRAPH_NODES - scene.nodes.size;
    const nodes = [], rels = [];
    for (const [rel, m] of r.rows) {
      if (!(rel instanceof GRel) || !(m instanceof GNode)) continue;
      if (!scene.nodes.has(m.id)) {
        if (room <= 0) continue;
        room--;
      }
      nodes.push(m); rels.push(rel);
    }
    const added = scene.addNodes(nodes, id);
    newIds.push(...added);
    scene.addRels(rels);
    const after = shownCounts(id).get(`${p.type}\u0000${p.out ? 'out' : 'in'}`) || 0;
    const left = Math.max(0, (opt ? opt.count : after) - after);
    nAdded += after - before;
    nNotShown += left;
    notes.push(`${p.out ? '→' : '←'} ${p.type}: ${fmt(after - before)} added` + (left ? `, ${fmt(left)} not shown` : ''));
  }
  if (newIds.length) {
    try { scene.addRels(await fetchConnections(newIds, [...scene.nodes.keys()])); } catch { /* drawn without them */ }
    await markContradicted(newIds);
  }
  const capped = scene.nodes.size >= MAX_GRAPH_NODES ? ` The graph is capped at ${fmt(MAX_GRAPH_NODES)} nodes.` : '';
  const note = $('expand-note');
  note.textContent = `${fmt(nAdded)} relationship${nAdded === 1 ? '' : 's'} added, ${fmt(nNotShown)} not shown` +
    (nNotShown ? ` (limit ${fmt(limit)} per type)` : '') + `. ${notes.join('; ')}.${capped}`;
  note.dataset.added = String(nAdded);
  note.dataset.notShown = String(nNotShown);
  $('expand-box').hidden = true;
  updateLegend();
  if (state.layout === 'force') { scene.autoFitPending = true; scene.startForce(0.5); }
  else await serverLayout();
  scene.requestDraw();
});

// ---- schema ------------------------------------------------------------------------

async function loadSchema() {
  const fill = (listId, items, kind, onPick) => {
    const ul = $(listId);
    ul.textContent = '';
    for (const [name, count] of items) {
      const b = el('button', { type: 'button', dir: 'auto', 'data-testid': `schema-${kind}-${name}`, title: 'Run a sample query',
        onclick: () => onPick(name) });
      if (kind === 'label') {
        const s = nodeStyle(state.style, [name]).s;
        const sw = el('span', { class: 'swatch' });
        sw.style.background = s.fill; sw.style.borderColor = s.line;
        b.append(sw);
      }
      b.append(name, el('span', { class: 'count', text: fmt(count) }));
      ul.append(el('li', {}, b));
    }
    if (!items.length) ul.append(el('li', { class: 'note', text: 'none' }));
  };
  const pick = q => { setEditor(q, '{}'); run(); };
  try {
    const [labels, types, nodeKeys, relKeys] = await Promise.all([
      query('MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS count ORDER BY label'),
      query('MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS count ORDER BY type'),
      query('MATCH (n) UNWIND keys(n) AS key RETURN key, count(*) AS count'),
      query('MATCH ()-[r]->() UNWIND keys(r) AS key RETURN key, count(*) AS count'),
    ]);
    fill('schema-labels', labels.rows.map(r => [String(r[0]), Number(r[1])]), 'label',
      l => pick(`MATCH (n:${ident(l)}) RETURN n LIMIT 25`));
    fill('schema-types', types.rows.map(r => [String(r[0]), Number(r[1])]), 'type',
      t => pick(`MATCH p = ()-[r:${ident(t)}]->() RETURN p LIMIT 25`));
    const keys = new Map();
    for (const r of nodeKeys.rows.concat(relKeys.rows)) keys.set(String(r[0]), (keys.get(String(r[0])) || 0) + Number(r[1]));
    fill('schema-keys', [...keys.entries()].sort((a, b) => a[0].localeCompare(b[0])), 'key',
      k => pick(`MATCH (n) WHERE n.${ident(k)} IS NOT NULL RETURN n LIMIT 25\n` +
        `UNION ALL\nMATCH ()-[r]->() WHERE r.${ident(k)} IS NOT NULL RETURN r AS n LIMIT 25`));
  } catch (e) {
    $('schema-labels').textContent = `Cannot read the schema: ${e.message}`;
  }
}
$('schema-refresh').addEventListener('click', () => loadSchema());

// ---- search ---------------------------------------------------------------------------

$('search-form').addEventListener('submit', tracked(async e => {
  e.preventDefault();
  const text = $('search-input').value.trim();
  const box = $('search-results');
  if (!text) { box.hidden = true; return; }
  box.textContent = 'Searching…';
  box.hidden = false;
  let r;
  try {
    r = await query('CALL tangle.find($text) YIELD node, score RETURN node, score LIMIT 25', { text });
  } catch (err) {
    box.textContent = err.message;
    return;
  }
  box.textContent = '';
  const hits = r.rows.filter(row => row[0] instanceof GNode);
  if (!hits.length) box.append(el('div', { class: 'note', text: `Nothing found for “${text}”.`, dir: 'auto' }));
  hits.forEach(([node, score], i) => {
    const name = captionOf(node);
    box.append(el('button', { type: 'button', 'data-testid': `search-result-${i}`, 'data-id': node.id,
      onclick: () => openHit(node) },
    el('span', { class: 'score', text: typeof score === 'number' ? score.toFixed(2) : '' }),
    el('span', { dir: 'auto', text: name }), ' ',
    el('span', { class: 'labels', text: node.labels.map(l => ':' + l).join('') })));
  });
  box.dataset.count = String(hits.length);
}));

document.addEventListener('click', e => {
  if (!$('search-form').contains(e.target)) $('search-results').hidden = true;
});

// Adds a search hit to the graph (keeping what is there) and selects it.
const openHit = tracked(async function openHit(node) {
  $('search-results').hidden = true;
  setView('graph');
  const fresh = scene.nodes.size === 0;
  const added = scene.addNodes([node]);
  if (added.length && scene.nodes.size > 1) {
    try { scene.addRels(await fetchConnections(added, [...scene.nodes.keys()])); } catch { /* drawn without them */ }
  }
  await markContradicted(added);
  updateLegend();
  const n = scene.nodes.get(node.id);
  if (fresh) { n.x = 0; n.y = 0; scene.k = 1.2; }
  scene.tx = scene.cssWidth() / 2 - n.x * scene.k;
  scene.ty = scene.cssHeight() / 2 - n.y * scene.k;
  scene.select({ kind: 'node', id: node.id });
  if (added.length && scene.nodes.size > 1 && state.layout === 'force') scene.startForce(0.3);
  scene.requestDraw();
});

// ---- exports ---------------------------------------------------------------------------

function download(name, type, data) {
  const blob = data instanceof Blob ? data : new Blob([data], { type });
  state.lastExport = { name, type, size: blob.size, text: typeof data === 'string' ? data : null };
  window.__explorer.lastExport = state.lastExport;
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

$('export-csv').addEventListener('click', () => {
  if (state.result) download('result.csv', 'text/csv;charset=utf-8', toCsv(state.result.fields, state.result.rows));
});
$('export-json').addEventListener('click', () => {
  if (state.result) download('result.json', 'application/json', JSON.stringify(resultObjects(), null, 2) + '\n');
});
$('export-svg').addEventListener('click', () => download('graph.svg', 'image/svg+xml', scene.toSvg()));
$('export-png').addEventListener('click', async () => download('graph.png', 'image/png', await scene.toPngBlob()));
$('export-dot').addEventListener('click', async () => {
  try {
    const res = await http('/render', { method: 'POST', body: viewRequest('dot'), accept: 'text/vnd.graphviz, */*', raw: true });
    download('graph.dot', 'text/vnd.graphviz', await res.text());
  } catch (e) {
    graphNote(`DOT export failed: ${e.message}`);
  }
});

// ---- help -------------------------------------------------------------------------------

$('help-button').addEventListener('click', () => { $('help').hidden = false; });
$('help-close').addEventListener('click', () => { $('help').hidden = true; });
$('help').addEventListener('click', e => { if (e.target === $('help')) $('help').hidden = true; });

// ---- start ---------------------------------------------------------------------------------

// The test hook: the scene and a few handles, for tests/driver/explorer.mjs.
window.__explorer = {
  scene, state, run, setView, setEditor, openExpand, graphvizLayout,
  get busy() { return state.busy; },
  get ops() { return opsDone; },
  counts: () => ({ nodes: scene.nodes.size, rels: scene.rels.size }),
  lastExport: null,
  ready: false,
};

setView('table');
$('direction-select').disabled = true;
renderHistory();
paintEditor();
if (!editor.value) setEditor('MATCH (n) RETURN n LIMIT 25');
window.addEventListener('hashchange', () => { if (readLink() && state.who) run(); });
(async () => {
  if (await whoami()) await onLoggedIn();
  window.__explorer.ready = true;
  document.body.dataset.ready = 'true';
})();
