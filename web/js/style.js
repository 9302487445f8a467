// style.js — how the graph is drawn: RENDER's styles (GET /render/style),
// so the page looks like RENDER's pictures: a shape, fill and line colour
// per label, a palette picked by an FNV-1a hash of any other label's name
// (UTF-8 bytes, as engine/out/render_draw.c does), colours and widths per
// relationship type, contradicted claims, the caption keys and wrapping,
// font sizes and the font. FALLBACK is used when
// the server has no /render/style (an older server) and fills any part the
// server leaves out.

const FALLBACK = {
  font: '"Noto Sans", "Noto Naskh Arabic", "Noto Sans CJK JP", sans-serif',
  captionKeys: ['name', 'title', 'text', 'id'],
  labels: {
    Person: { shape: 'ellipse', style: 'filled', fill: '#dbeafe', line: '#1d4ed8' },
    Firm: { shape: 'box', style: 'rounded,filled', fill: '#dcfce7', line: '#15803d' },
    Chip: { shape: 'octagon', style: 'filled', fill: '#fef3c7', line: '#b45309' },
    System: { shape: 'box3d', style: 'filled', fill: '#ede9fe', line: '#6d28d9' },
    Place: { shape: 'house', style: 'filled', fill: '#ccfbf1', line: '#0f766e' },
    Document: { shape: 'note', style: 'filled', fill: '#f3f4f6', line: '#4b5563' },
    Claim: { shape: 'box', style: 'filled,dashed', fill: '#fce7f3', line: '#be185d' },
    Event: { shape: 'cds', style: 'filled', fill: '#ffedd5', line: '#c2410c' },
    Metric: { shape: 'parallelogram', style: 'filled', fill: '#e0f2fe', line: '#0369a1' },
    Product: { shape: 'component', style: 'filled', fill: '#fae8ff', line: '#a21caf' },
  },
  palette: [
    ['#f1f5f9', '#475569'], ['#fef9c3', '#a16207'], ['#e0e7ff', '#4338ca'], ['#ecfccb', '#4d7c0f'],
    ['#ffe4e6', '#be123c'], ['#cffafe', '#0e7490'], ['#f5f5f4', '#57534e'], ['#fdf4ff', '#86198f'],
  ].map(([fill, line]) => ({ shape: 'box', style: 'rounded,filled', fill, line })),
  noLabel: { shape: 'box', style: 'rounded,filled', fill: '#ffffff', line: '#9ca3af' },
  types: {
    CONTRADICTS: { color: '#dc2626', width: 2.5, style: 'bold' },
    SUPPORTS: { color: '#16a34a', width: 1.8, style: '' },
    DISAGREES_WITH: { color: '#ea580c', width: 1.5, style: 'dashed' },
  },
  defaultType: { color: '#6b7280', width: 1, style: '' },
  contradicted: { shape: 'box', style: 'filled', fill: '#fee2e2', line: '#dc2626', label: 'Claim', relType: 'CONTRADICTS',
    fontcolor: '#7f1d1d', penwidth: 2.5 },
  caption: { columns: 26, lines: 4, ellipsis: '…' },
  node: { fontsize: 11, fontcolor: '#111827', penwidth: 1.3 },
  edge: { fontsize: 9, fontcolor: '#374151' },
};

function str(x, d) { return typeof x === 'string' && x !== '' ? x : d; }
function num(x, d) { const n = Number(x); return Number.isFinite(n) && n > 0 ? n : d; }

function nodeStyleOf(o, d) {
  if (!o || typeof o !== 'object') return d;
  return {
    shape: str(o.shape, d.shape),
    style: str(o.style, d.style),
    fill: str(o.fill ?? o.fillcolor ?? o.fillColor, d.fill),
    line: str(o.line ?? o.color ?? o.lineColor ?? o.stroke, d.line),
  };
}

function typeStyleOf(o, d) {
  if (!o || typeof o !== 'object') return d;
  return {
    color: str(o.color ?? o.colour ?? o.line, d.color),
    width: Math.min(10, num(o.width ?? o.penwidth ?? o.penWidth, d.width)),
    style: str(o.style, d.style || ''),
  };
}

// Entries of an object keyed by name, or of an array of {name|label|type}.
function entries(x, key) {
  if (Array.isArray(x)) return x.filter(e => e && typeof e === 'object').map(e => [String(e[key] ?? e.name ?? ''), e]);
  if (x && typeof x === 'object') return Object.entries(x);
  return [];
}

// Merges the server's style JSON over FALLBACK, tolerating spellings.
export function normalizeStyle(json) {
  const s = structuredClone(FALLBACK);
  s.edgeRules = edgeRules(json);
  if (!json || typeof json !== 'object') return s;
  // Graphviz's font list ("Noto Sans,Noto Naskh Arabic,...") as a CSS one.
  const font = json.font ?? json.fontname ?? json.fontFamily;
  const fonts = Array.isArray(font) ? font : typeof font === 'string' ? font.split(',') : [];
  const names = fonts.map(f => String(f).trim().replace(/^["']|["']$/g, '')).filter(f => /^[\w .-]+$/.test(f));
  if (names.length) {
    if (!names.includes('sans-serif')) names.push('sans-serif');
    s.font = names.map(f => (/[\s.]/.test(f) ? `"${f}"` : f)).join(', ');
  }
  if (json.caption && typeof json.caption === 'object' && !Array.isArray(json.caption)) {
    s.caption.columns = Math.min(200, num(json.caption.columns, s.caption.columns));
    s.caption.lines = Math.min(20, num(json.caption.lines, s.caption.lines));
    s.caption.ellipsis = str(json.caption.ellipsis, s.caption.ellipsis);
  }
  for (const part of ['node', 'edge']) {
    const o = json[part];
    if (!o || typeof o !== 'object') continue;
    s[part].fontsize = Math.min(40, num(o.fontsize, s[part].fontsize));
    s[part].fontcolor = str(o.fontcolor, s[part].fontcolor);
    if (part === 'node') s.node.penwidth = Math.min(10, num(o.penwidth, s.node.penwidth));
  }
  const cap = json.captionKeys ?? json.captions;
  if (Array.isArray(cap) && cap.length) s.captionKeys = cap.map(String);
  for (const [name, o] of entries(json.labels ?? json.nodes, 'label')) {
    if (name) s.labels[name] = nodeStyleOf(o, s.labels[name] ?? s.noLabel);
  }
  if (Array.isArray(json.palette) && json.palette.length) {
    s.palette = json.palette.map(o => nodeStyleOf(o, FALLBACK.palette[0]));
  }
  s.noLabel = nodeStyleOf(json.noLabel ?? json.unlabelled ?? json.unlabeled, s.noLabel);
  s.defaultType = typeStyleOf(json.relDefault ?? json.defaultType, s.defaultType);
  for (const [name, o] of entries(json.relTypes ?? json.types ?? json.relationshipTypes, 'type')) {
    if (name) s.types[name] = typeStyleOf(o, s.types[name] ?? s.defaultType);
  }
  const c = json.contradicted;
  if (c && typeof c === 'object') {
    s.contradicted = { ...s.contradicted, ...nodeStyleOf(c, s.contradicted), label: str(c.label, s.contradicted.label),
      relType: str(c.relType, s.contradicted.relType), fontcolor: str(c.fontcolor, s.contradicted.fontcolor),
      penwidth: Math.min(10, num(c.penwidth, s.contradicted.penwidth)) };
  }
  return s;
}

// FNV-1a over the UTF-8 bytes of a name.
export function hashName(name) {
  let h = 2166136261;
  for (const b of new TextEncoder().encode(name)) h = Math.imul(h ^ b, 16777619) >>> 0;
  return h >>> 0;
}

// The style of a node with these labels, and the label shown in the
// legend: the first label with a style of its own, else the first label's
// palette entry.
export function nodeStyle(style, labels) {
  for (const l of labels) if (Object.prototype.hasOwnProperty.call(style.labels, l)) return { label: l, s: style.labels[l] };
  if (labels.length === 0) return { label: null, s: style.noLabel };
  return { label: labels[0], s: style.palette[hashName(labels[0]) % style.palette.length] };
}

export function typeStyle(style, type) {
  return Object.prototype.hasOwnProperty.call(style.types, type) ? style.types[type] : style.defaultType;
}

export function fallbackStyle() { return normalizeStyle(null); }

// ---- edge details ------------------------------------------------------------

const EDGE_FALLBACK = {
  detailColumns: 28, amountKeys: ['stake', 'units', 'price_usd', 'amount_usd', 'value_usd'], amountSuffix: '_usd',
  whenKeys: ['date', 'year'], wordsKeys: ['role', 'extent', 'mode', 'kind', 'quote'], qualifierKey: 'qualifier',
  statusKey: 'status', quoteKey: 'quote', usdUnits: [[1e12, 'T'], [1e9, 'B'], [1e6, 'M']],
};
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// The edge-label rules of the style (edgeLabel), with defaults.
export function edgeRules(json) {
  const e = json && typeof json.edgeLabel === 'object' && json.edgeLabel ? json.edgeLabel : {};
  const list = (x, d) => (Array.isArray(x) && x.every(v => typeof v === 'string') ? x : d);
  return {
    detailColumns: Math.min(200, num(e.detailColumns, EDGE_FALLBACK.detailColumns)),
    amountKeys: list(e.amountKeys, EDGE_FALLBACK.amountKeys),
    amountSuffix: str(e.amountSuffix, EDGE_FALLBACK.amountSuffix),
    whenKeys: list(e.whenKeys, EDGE_FALLBACK.whenKeys),
    wordsKeys: list(e.wordsKeys, EDGE_FALLBACK.wordsKeys),
    qualifierKey: str(e.qualifierKey, EDGE_FALLBACK.qualifierKey),
    statusKey: str(e.statusKey, EDGE_FALLBACK.statusKey),
    quoteKey: str(e.quoteKey, EDGE_FALLBACK.quoteKey),
    usdUnits: Array.isArray(e.usdUnits) && e.usdUnits.every(u => Array.isArray(u) && u.length === 2)
      ? e.usdUnits.map(([s, x]) => [Number(s), String(x)]).sort((a, b) => b[0] - a[0]) : EDGE_FALLBACK.usdUnits,
  };
}

const grouped = n => Math.round(n).toLocaleString('en-US');
const trimZeros = s => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);

function usd(rules, v) {
  for (const [scale, suffix] of rules.usdUnits) {
    if (Math.abs(v) >= scale) {
      const x = v / scale;
      return `$${trimZeros(x.toFixed(Math.abs(x) < 10 ? 2 : Math.abs(x) < 100 ? 1 : 0))}${suffix}`;
    }
  }
  return '$' + grouped(v);
}

// A value as the detail line writes it: dates as 28 Apr 2024.
function whenText(v) {
  const s = v && typeof v === 'object' && 'text' in v ? v.text : v;
  const m = typeof s === 'string' ? /^(-?\d{4})-(\d{2})-(\d{2})/.exec(s) : null;
  if (m) return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] || m[2]} ${m[1]}`;
  return typeof s === 'number' ? String(s) : typeof s === 'string' ? s : null;
}

function cut(s, cols) {
  const a = Array.from(s);
  return a.length > cols ? a.slice(0, cols - 1).join('') + '…' : s;
}

// The second line of a relationship's label, as RENDER writes it, or ''.
export function edgeDetail(rules, props) {
  const isNum = v => typeof v === 'number' && Number.isFinite(v);
  const when = (() => {
    for (const k of rules.whenKeys) if (props[k] !== undefined && props[k] !== null) { const w = whenText(props[k]); if (w) return w; }
    return null;
  })();
  let key = rules.amountKeys.find(k => isNum(props[k]));
  if (!key) key = Object.keys(props).find(k => k.endsWith(rules.amountSuffix) && isNum(props[k]));
  let text = null;
  if (key) {
    const v = props[key];
    let amount;
    if (key === 'stake') amount = trimZeros((v * 100).toFixed(2)) + '%';
    else if (key.endsWith(rules.amountSuffix)) amount = usd(rules, v);
    else amount = Number.isInteger(v) ? grouped(v) : String(v);
    const q = typeof props[rules.qualifierKey] === 'string' ? cut(props[rules.qualifierKey], rules.detailColumns) + ' ' : '';
    const st = typeof props[rules.statusKey] === 'string' ? ` (${cut(props[rules.statusKey], rules.detailColumns)})` : '';
    text = q + amount + st;
  } else {
    const wk = rules.wordsKeys.find(k => typeof props[k] === 'string');
    if (wk) text = wk === rules.quoteKey ? `“${cut(props[wk], rules.detailColumns)}”` : cut(props[wk], rules.detailColumns);
  }
  if (text && when) return `${text} · ${when}`;
  return text || when || '';
}
