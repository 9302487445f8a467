// values.js — the values of a query result: Neo4j's typed JSON (and plain
// JSON, tolerated) decoded into JavaScript, written for people (table,
// panel), written back as plain JSON (JSON view and export) and as CSV,
// and searched for the nodes, relationships and paths a graph draws.

// A graph node and a relationship, as decoded.
export class GNode {
  constructor(id, labels, props) { this.id = id; this.labels = labels; this.props = props; }
}
export class GRel {
  constructor(id, type, start, end, props) {
    this.id = id; this.type = type; this.start = start; this.end = end; this.props = props;
  }
}
export class GPath {
  constructor(items) { this.items = items; }
}
// A value JavaScript has no type for (a big integer, a date, a point,
// bytes): its Cypher type and its text.
export class Typed {
  constructor(type, text) { this.type = type; this.text = text; }
}

const MAX_DEPTH = 200;

function decodeProps(o, depth) {
  const out = {};
  if (o && typeof o === 'object') for (const k of Object.keys(o)) out[k] = decode(o[k], depth + 1);
  return out;
}

// Decodes one typed (or plain) JSON value.
export function decode(v, depth = 0) {
  if (depth > MAX_DEPTH) return new Typed('Unknown', '…');
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(x => decode(x, depth + 1));
  if (typeof v.$type === 'string' && '_value' in v) {
    const x = v._value;
    switch (v.$type) {
      case 'Null': return null;
      case 'Boolean': return !!x;
      case 'String': return String(x);
      case 'Integer': {
        const n = Number(x);
        return Number.isSafeInteger(n) ? n : new Typed('Integer', String(x));
      }
      case 'Float': {
        if (typeof x === 'number') return x;
        const n = Number(x);
        return Number.isFinite(n) || /^(NaN|-?Infinity)$/.test(x) ? n : new Typed('Float', String(x));
      }
      case 'List': return Array.isArray(x) ? x.map(e => decode(e, depth + 1)) : [];
      case 'Map': return decodeProps(x, depth);
      case 'Node':
        return new GNode(String(x._element_id ?? x.elementId ?? ''), Array.isArray(x._labels) ? x._labels.map(String) : [],
          decodeProps(x._properties, depth));
      case 'Relationship':
        return new GRel(String(x._element_id ?? ''), String(x._type ?? ''), String(x._start_node_element_id ?? ''),
          String(x._end_node_element_id ?? ''), decodeProps(x._properties, depth));
      case 'Path': return new GPath(Array.isArray(x) ? x.map(e => decode(e, depth + 1)) : []);
      default: return new Typed(v.$type, typeof x === 'string' ? x : JSON.stringify(x));
    }
  }
  // Plain JSON: nodes and relationships as the Query API writes them.
  if (typeof v.elementId === 'string' && Array.isArray(v.labels)) {
    return new GNode(v.elementId, v.labels.map(String), decodeProps(v.properties, depth));
  }
  if (typeof v.elementId === 'string' && typeof v.type === 'string' && 'startNodeElementId' in v) {
    return new GRel(v.elementId, v.type, String(v.startNodeElementId), String(v.endNodeElementId),
      decodeProps(v.properties, depth));
  }
  return decodeProps(v, depth);
}

// Decodes a whole reply: {fields, rows}.
export function decodeResult(reply) {
  const data = reply && reply.data ? reply.data : {};
  const fields = Array.isArray(data.fields) ? data.fields.map(String) : [];
  const rows = Array.isArray(data.values) ? data.values.map(r => (Array.isArray(r) ? r.map(x => decode(x)) : [])) : [];
  return { fields, rows };
}

// In a list or map, a string is quoted; for display (iso) it is also
// wrapped in Unicode isolates (FSI...PDI), so a list of Arabic names keeps
// its order and its commas in a left-to-right line.
let isolate = false;
function quoteString(s) {
  const q = "'" + s.replace(/\\/g, '\\\\').replace(/'/g, "\\'") + "'";
  return isolate ? '\u2068' + q + '\u2069' : q;
}

// show() for the screen: strings inside lists and maps are isolated.
export function display(v) {
  isolate = true;
  try { return show(v); } finally { isolate = false; }
}

function propsText(props, depth) {
  const keys = Object.keys(props);
  if (keys.length === 0) return '';
  return ' {' + keys.map(k => `${k}: ${show(props[k], depth + 1, true)}`).join(', ') + '}';
}

// Writes a value for people. A string at the top is written as it is,
// inside a list or map in quotes (as Cypher writes it).
export function show(v, depth = 0, nested = false) {
  if (depth > 50) return '…';
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return nested ? quoteString(v) : v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Typed) return v.text;
  if (v instanceof GNode) return '(' + v.labels.map(l => ':' + l).join('') + propsText(v.props, depth) + ')';
  if (v instanceof GRel) return '[:' + v.type + propsText(v.props, depth) + ']';
  if (v instanceof GPath) {
    return v.items.map((e, i) => {
      if (e instanceof GRel) {
        const prev = v.items[i - 1];
        const fwd = !prev || prev.id === e.start;
        return (fwd ? '-' : '<-') + show(e, depth + 1, true) + (fwd ? '->' : '-');
      }
      return show(e, depth + 1, true);
    }).join('');
  }
  if (Array.isArray(v)) return '[' + v.map(x => show(x, depth + 1, true)).join(', ') + ']';
  if (typeof v === 'object') {
    return '{' + Object.keys(v).map(k => `${k}: ${show(v[k], depth + 1, true)}`).join(', ') + '}';
  }
  return String(v);
}

// The plain JSON of a value (as Neo4j's plain Query API format writes it).
export function plain(v, depth = 0) {
  if (depth > MAX_DEPTH) return null;
  if (v === null || v === undefined || typeof v !== 'object') return v ?? null;
  if (v instanceof Typed) return v.text;
  if (v instanceof GNode) return { elementId: v.id, labels: v.labels, properties: plain(v.props, depth + 1) };
  if (v instanceof GRel) {
    return { elementId: v.id, startNodeElementId: v.start, endNodeElementId: v.end, type: v.type,
      properties: plain(v.props, depth + 1) };
  }
  if (v instanceof GPath) return v.items.map(x => plain(x, depth + 1));
  if (Array.isArray(v)) return v.map(x => plain(x, depth + 1));
  const o = {};
  for (const k of Object.keys(v)) o[k] = plain(v[k], depth + 1);
  return o;
}

// CSV (RFC 4180) of a result: one header line, one line a row.
export function toCsv(fields, rows) {
  const cell = v => {
    const s = v === null || v === undefined ? '' : show(v);
    return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  };
  return [fields.map(cell), ...rows.map(r => r.map(cell))].map(l => l.join(',')).join('\r\n') + '\r\n';
}

// Collects the graph values anywhere in the rows (in lists, maps, paths),
// in order of first appearance: {nodes: Map id->GNode, rels: Map id->GRel}.
export function collectGraph(rows) {
  const nodes = new Map();
  const rels = new Map();
  const visit = (v, depth) => {
    if (v === null || typeof v !== 'object' || depth > MAX_DEPTH) return;
    if (v instanceof GNode) { if (!nodes.has(v.id)) nodes.set(v.id, v); return; }
    if (v instanceof GRel) { if (!rels.has(v.id)) rels.set(v.id, v); return; }
    if (v instanceof GPath) { v.items.forEach(x => visit(x, depth + 1)); return; }
    if (v instanceof Typed) return;
    if (Array.isArray(v)) { v.forEach(x => visit(x, depth + 1)); return; }
    for (const k of Object.keys(v)) visit(v[k], depth + 1);
  };
  for (const r of rows) r.forEach(x => visit(x, 0));
  return { nodes, rels };
}

// The parameters of the JSON box, with numbers that are whole kept as
// integers (the Query API's plain JSON reads them so).
export function parseParams(text) {
  const t = text.trim();
  if (t === '') return {};
  const p = JSON.parse(t);
  if (p === null || typeof p !== 'object' || Array.isArray(p)) throw new Error('parameters must be a JSON object');
  return p;
}

// True when the text's first strong character is right-to-left.
export function isRtl(s) {
  const m = /[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF\u3040-\u30FF\u4E00-\u9FFF\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/.exec(s);
  return !!m && /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/.test(m[0]);
}
