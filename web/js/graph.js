// graph.js — the explorer's graph view: a scene of nodes and relationships
// drawn on a canvas in RENDER's styles (style.js), laid out by a
// force-directed simulation that runs in the page (Barnes–Hut repulsion,
// springs along relationships, a weak pull to the centre, stepped a few
// milliseconds a frame so the page never freezes) or by positions the
// server computed with Graphviz (dot, sfdp). Pan (drag), zoom (wheel), drag
// a node to move and pin it, click to select, double-click to expand.
// The same scene is written as SVG for export.

import { nodeStyle, typeStyle, edgeDetail } from './style.js';
import { show, isRtl } from './values.js';

// Sizes are in world units (a zoom of 1 draws them in CSS pixels); font
// sizes, caption wrapping and line widths come from the style.
const CHARGE = -750;         // repulsion between nodes
const LINK_DISTANCE = 130;   // spring rest length (plus the nodes' sizes)
const THETA2 = 0.81;         // Barnes–Hut accuracy (theta 0.9)
const TREE_DEPTH_MAX = 24;   // quadtree depth; coincident points share a leaf
const TICK_BUDGET_MS = 12;   // simulation time a frame
const ALPHA_MIN = 0.002;
const ALPHA_DECAY = 0.0228;
const VELOCITY_KEEP = 0.6;
const PARALLEL_GAP = 26;     // distance between parallel relationships

// A small deterministic generator, so the same result lays out the same.
function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Columns a character takes in a terminal: 2 for East Asian wide ones.
function columns(ch) {
  const c = ch.codePointAt(0);
  return (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x20000 && c <= 0x3fffd) ? 2 : 1;
}

// Wraps a caption as RENDER does: at spaces into lines of at most `cols`
// columns (wide characters count 2; a longer word, or text without spaces
// such as Japanese, is split anywhere), at most `maxLines` lines, the last
// ending in the ellipsis when text is left over.
export function wrapCaption(text, cols = 26, maxLines = 4, ellipsis = '…') {
  const width = s => { let w = 0; for (const ch of s) w += columns(ch); return w; };
  const lines = [];
  let cur = '';
  for (const word of text.replace(/\s+/g, ' ').trim().split(' ')) {
    let w = word;
    while (width(w) > cols) {
      if (cur) { lines.push(cur); cur = ''; }
      let head = '', hw = 0;
      for (const ch of w) { if (hw + columns(ch) > cols) break; head += ch; hw += columns(ch); }
      lines.push(head);
      w = w.slice(head.length);
    }
    if (!cur) cur = w;
    else if (width(cur) + 1 + width(w) <= cols) cur += ' ' + w;
    else { lines.push(cur); cur = w; }
    if (lines.length > maxLines) break;
  }
  if (cur) lines.push(cur);
  if (lines.length > maxLines) {
    lines.length = maxLines;
    let last = lines[maxLines - 1];
    while (last && width(last) + width(ellipsis) > cols) last = Array.from(last).slice(0, -1).join('');
    lines[maxLines - 1] = last + ellipsis;
  }
  return lines.length ? lines : [''];
}

// A shape's outline as path operations, for the canvas and for SVG alike:
// ['M',x,y] ['L',x,y] ['Q',cx,cy,x,y] ['E',cx,cy,rx,ry] ['Z']. deco: lines
// stroked over the fill (box3d's edges, a note's fold, component tabs).
function shapeOps(shape, rounded, x, y, w, h) {
  const l = x - w / 2, r = x + w / 2, t = y - h / 2, b = y + h / 2;
  const ops = [];
  const deco = [];
  const poly = pts => { pts.forEach(([px, py], i) => ops.push([i ? 'L' : 'M', px, py])); ops.push(['Z']); };
  switch (shape) {
    case 'ellipse': case 'oval': case 'circle':
      ops.push(['E', x, y, w / 2, h / 2]);
      break;
    case 'octagon': {
      const c = Math.min(w, h) * 0.28;
      poly([[l + c, t], [r - c, t], [r, t + c], [r, b - c], [r - c, b], [l + c, b], [l, b - c], [l, t + c]]);
      break;
    }
    case 'house': {
      const roof = h * 0.35;
      poly([[x, t], [r, t + roof], [r, b], [l, b], [l, t + roof]]);
      break;
    }
    case 'cds': {
      const tip = Math.min(h / 2, w * 0.2);
      poly([[l, t], [r - tip, t], [r, y], [r - tip, b], [l, b]]);
      break;
    }
    case 'parallelogram': {
      const s = h * 0.35;
      poly([[l + s, t], [r, t], [r - s, b], [l, b]]);
      break;
    }
    case 'note': {
      const f = Math.min(10, h / 3);
      poly([[l, t], [r - f, t], [r, t + f], [r, b], [l, b]]);
      deco.push(['M', r - f, t], ['L', r - f, t + f], ['L', r, t + f]);
      break;
    }
    case 'box3d': {
      const d = 4;
      poly([[l, t + d], [r - d, t + d], [r - d, b], [l, b]]);
      ops.push(['M', l, t + d], ['L', l + d, t], ['L', r, t], ['L', r, b - d], ['L', r - d, b], ['L', r - d, t + d], ['Z']);
      deco.push(['M', r - d, t + d], ['L', r, t]);
      break;
    }
    case 'component': {
      poly([[l, t], [r, t], [r, b], [l, b]]);
      for (const ty of [t + h * 0.22, b - h * 0.22 - 5]) {
        deco.push(['M', l - 4, ty], ['L', l + 4, ty], ['L', l + 4, ty + 5], ['L', l - 4, ty + 5], ['Z']);
      }
      break;
    }
    default: {
      if (!rounded) { poly([[l, t], [r, t], [r, b], [l, b]]); break; }
      const rr = Math.min(8, h / 2, w / 2);
      ops.push(['M', l + rr, t], ['L', r - rr, t], ['Q', r, t, r, t + rr], ['L', r, b - rr], ['Q', r, b, r - rr, b],
        ['L', l + rr, b], ['Q', l, b, l, b - rr], ['L', l, t + rr], ['Q', l, t, l + rr, t], ['Z']);
    }
  }
  return { ops, deco };
}

function opsToCanvas(ctx, ops) {
  for (const o of ops) {
    switch (o[0]) {
      case 'M': ctx.moveTo(o[1], o[2]); break;
      case 'L': ctx.lineTo(o[1], o[2]); break;
      case 'Q': ctx.quadraticCurveTo(o[1], o[2], o[3], o[4]); break;
      case 'E': ctx.moveTo(o[1] + o[3], o[2]); ctx.ellipse(o[1], o[2], o[3], o[4], 0, 0, Math.PI * 2); break;
      case 'Z': ctx.closePath(); break;
    }
  }
}

const f1 = v => (Math.round(v * 10) / 10).toString();

function opsToSvg(ops) {
  return ops.map(o => {
    switch (o[0]) {
      case 'M': case 'L': return `${o[0]}${f1(o[1])} ${f1(o[2])}`;
      case 'Q': return `Q${f1(o[1])} ${f1(o[2])} ${f1(o[3])} ${f1(o[4])}`;
      case 'E': return `M${f1(o[1] - o[3])} ${f1(o[2])}A${f1(o[3])} ${f1(o[4])} 0 1 0 ${f1(o[1] + o[3])} ${f1(o[2])}` +
        `A${f1(o[3])} ${f1(o[4])} 0 1 0 ${f1(o[1] - o[3])} ${f1(o[2])}Z`;
      default: return 'Z';
    }
  }).join('');
}

function xml(s) {
  return String(s).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c])
    // Characters XML 1.0 cannot hold.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ' ');
}

// The point where a ray from the node's centre towards (px, py) leaves its
// outline (an ellipse, or its box for the other shapes).
function boundary(n, px, py) {
  const dx = px - n.x, dy = py - n.y;
  if (dx === 0 && dy === 0) return [n.x, n.y];
  const hw = n.w / 2, hh = n.h / 2;
  let t;
  if (n.ellipse) t = 1 / Math.sqrt((dx * dx) / (hw * hw) + (dy * dy) / (hh * hh));
  else t = Math.min(dx ? hw / Math.abs(dx) : Infinity, dy ? hh / Math.abs(dy) : Infinity);
  t = Math.min(t, 1);
  return [n.x + dx * t, n.y + dy * t];
}

function distToSegment(px, py, ax, ay, bx, by) {
  const dx = bx - ax, dy = by - ay;
  const l2 = dx * dx + dy * dy;
  let t = l2 ? ((px - ax) * dx + (py - ay) * dy) / l2 : 0;
  t = Math.max(0, Math.min(1, t));
  const x = ax + t * dx - px, y = ay + t * dy - py;
  return Math.sqrt(x * x + y * y);
}

export class GraphView {
  constructor(canvas, { onSelect, onExpand, onChange } = {}) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.onSelect = onSelect || (() => {});
    this.onExpand = onExpand || (() => {});
    this.onChange = onChange || (() => {});
    this.nodes = new Map();
    this.rels = new Map();
    this.style = null;
    this.k = 1; this.tx = 0; this.ty = 0;
    this.sel = null;
    this.alpha = 0;
    this.rand = prng(16);
    this.framePending = false;
    this.geometryDirty = true;
    this.stats = { drawMs: 0, frames: 0, nodes: 0, rels: 0, ticks: 0 };
    this.measureCache = new Map();
    this.dpr = window.devicePixelRatio || 1;
    this.bindEvents();
    new ResizeObserver(() => this.resize()).observe(canvas);
  }

  setStyle(style) {
    this.style = style;
    this.measureCache.clear();
    for (const n of this.nodes.values()) this.prepareNode(n);
    for (const r of this.rels.values()) { r.ts = typeStyle(style, r.type); r.detail = edgeDetail(style.edgeRules, r.props); }
    this.requestDraw();
  }

  font(px) { return `${px}px ${this.style.font}`; }
  get fontPx() { return this.style.node.fontsize; }
  get linePx() { return Math.round(this.style.node.fontsize * 1.2); }
  get edgeFontPx() { return this.style.edge.fontsize; }

  measure(text) {
    let w = this.measureCache.get(text);
    if (w === undefined) {
      this.ctx.font = this.font(this.fontPx);
      w = this.ctx.measureText(text).width;
      if (this.measureCache.size > 20000) this.measureCache.clear();
      this.measureCache.set(text, w);
    }
    return w;
  }

  // Caption, style and size of a node: the first caption key it has (a
  // string as it is, another value as Cypher writes it), else "<label> #<id>".
  prepareNode(n) {
    const st = this.style;
    let cap = null;
    for (const k of st.captionKeys) {
      const v = n.props[k];
      if (v !== undefined && v !== null) { cap = typeof v === 'string' ? v : show(v, 0, true); break; }
    }
    if (cap === null) cap = `${n.labels.length ? n.labels[0] : 'node'} #${n.id.replace(/^n/, '')}`;
    const ns = nodeStyle(st, n.labels);
    n.legend = ns.label;
    n.s = n.contradicted && n.labels.includes(st.contradicted.label) ? st.contradicted : ns.s;
    n.ellipse = /^(ellipse|oval|circle)$/.test(n.s.shape);
    n.lines = wrapCaption(cap, st.caption.columns, st.caption.lines, st.caption.ellipsis);
    n.rtl = n.lines.map(isRtl);
    const tw = Math.max(...n.lines.map(l => this.measure(l)));
    n.w = Math.max(44, tw + 18);
    n.h = n.lines.length * this.linePx + 12;
    if (n.ellipse) { n.w *= 1.22; n.h *= 1.3; }
    if (n.s.shape === 'parallelogram') n.w += n.h * 0.35;
    if (n.s.shape === 'cds') n.w += 8;
    if (n.s.shape === 'house') n.h += 8;
  }

  // Marks nodes as contradicted claims (drawn in the contradicted style).
  markContradicted(ids) {
    for (const id of ids) {
      const n = this.nodes.get(id);
      if (n && !n.contradicted) { n.contradicted = true; this.prepareNode(n); }
    }
    this.requestDraw();
  }

  // Adds nodes (GNode) not yet in the scene; new ones start around `near`
  // (a node id) or on a spiral around the view's centre. Returns the ids added.
  addNodes(list, near = null) {
    const added = [];
    const c = near && this.nodes.get(near);
    const [cx, cy] = c ? [c.x, c.y] : this.toWorld(this.cssWidth() / 2, this.cssHeight() / 2);
    const base = this.nodes.size;
    let i = 0;
    for (const g of list) {
      if (this.nodes.has(g.id)) {
        const n = this.nodes.get(g.id);
        n.labels = g.labels; n.props = g.props;
        this.prepareNode(n);
        continue;
      }
      let x, y;
      if (c) {
        const a = (i / Math.max(1, list.length)) * Math.PI * 2 + this.rand() * 0.3;
        const r = 140 + this.rand() * 40;
        x = cx + Math.cos(a) * r; y = cy + Math.sin(a) * r;
      } else {
        const j = base + i;
        const r = 30 * Math.sqrt(j + 0.5), a = j * Math.PI * (3 - Math.sqrt(5));
        x = cx + r * Math.cos(a); y = cy + r * Math.sin(a);
      }
      const n = { id: g.id, labels: g.labels, props: g.props, x, y, vx: 0, vy: 0, pinned: false, degree: 0 };
      this.prepareNode(n);
      this.nodes.set(g.id, n);
      added.push(g.id);
      i++;
    }
    if (added.length) this.geometryDirty = true;
    return added;
  }

  // Adds relationships whose two ends are in the scene; returns the ids added.
  addRels(list) {
    const added = [];
    for (const g of list) {
      if (this.rels.has(g.id)) { this.rels.get(g.id).props = g.props; continue; }
      if (!this.nodes.has(g.start) || !this.nodes.has(g.end)) continue;
      this.rels.set(g.id, { id: g.id, type: g.type, start: g.start, end: g.end, props: g.props,
        ts: typeStyle(this.style, g.type), detail: edgeDetail(this.style.edgeRules, g.props), offset: 0, loop: 0 });
      added.push(g.id);
    }
    if (added.length) this.geometryDirty = true;
    return added;
  }

  removeNode(id) {
    if (!this.nodes.delete(id)) return;
    for (const [rid, r] of this.rels) if (r.start === id || r.end === id) this.rels.delete(rid);
    if (this.sel && (this.sel.id === id || (this.sel.kind === 'rel' && !this.rels.has(this.sel.id)))) this.select(null);
    this.geometryDirty = true;
    this.onChange();
    this.requestDraw();
  }

  clear() {
    this.nodes.clear(); this.rels.clear();
    this.sel = null; this.alpha = 0;
    this.k = 1; this.tx = this.cssWidth() / 2; this.ty = this.cssHeight() / 2;
    this.geometryDirty = true;
    this.onChange();
    this.requestDraw();
  }

  togglePin(id) {
    const n = this.nodes.get(id);
    if (!n) return false;
    n.pinned = !n.pinned;
    n.vx = n.vy = 0;
    this.requestDraw();
    return n.pinned;
  }

  select(sel) {
    this.sel = sel;
    this.onSelect(sel);
    this.requestDraw();
  }

  // Offsets of parallel relationships and loops, and node degrees.
  updateGeometry() {
    if (!this.geometryDirty) return;
    this.geometryDirty = false;
    const groups = new Map();
    for (const n of this.nodes.values()) n.degree = 0;
    for (const r of this.rels.values()) {
      const a = r.start < r.end ? r.start : r.end, b = r.start < r.end ? r.end : r.start;
      const key = a + '\u0000' + b;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = []));
      g.push(r);
      this.nodes.get(r.start).degree++;
      this.nodes.get(r.end).degree++;
    }
    for (const g of groups.values()) {
      g.forEach((r, i) => {
        if (r.start === r.end) { r.loop = i + 1; r.offset = 0; return; }
        r.loop = 0;
        const o = (i - (g.length - 1) / 2) * PARALLEL_GAP;
        // The normal flips with the direction, so keep one side per pair.
        r.offset = r.start < r.end ? o : -o;
      });
    }
  }

  // ---- layout ------------------------------------------------------------

  startForce(alpha = 1) {
    this.alpha = Math.max(this.alpha, alpha);
    this.requestDraw();
  }

  stopForce() { this.alpha = 0; }

  get layoutRunning() { return this.alpha >= ALPHA_MIN; }

  // Places nodes at positions from elsewhere (Graphviz) and stops the
  // simulation; positions: Map id -> {x, y}; splines: Map relationship id
  // -> {pts, end, lp}, drawn while both ends stay where they were put.
  applyPositions(positions, splines = new Map(), clusters = []) {
    this.alpha = 0;
    for (const [id, p] of positions) {
      const n = this.nodes.get(id);
      if (n) { n.x = p.x; n.y = p.y; n.vx = n.vy = 0; }
    }
    // A clustered layout's boxes, drawn while their nodes stay put.
    this.clusters = clusters.map(c => ({ ...c,
      at: c.members.map(id => { const n = this.nodes.get(id); return n ? [id, n.x, n.y] : [id, NaN, NaN]; }) }));
    for (const r of this.rels.values()) {
      const sp = splines.get(r.id);
      const s = this.nodes.get(r.start), t = this.nodes.get(r.end);
      r.spline = sp ? { ...sp, at: [s.x, s.y, t.x, t.y] } : null;
    }
    this.fit();
  }

  buildTree(list) {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const n of list) {
      if (n.x < x0) x0 = n.x; if (n.x > x1) x1 = n.x;
      if (n.y < y0) y0 = n.y; if (n.y > y1) y1 = n.y;
    }
    const size = Math.max(x1 - x0, y1 - y0, 1) * 1.01;
    const root = { x0, y0, size, kids: null, pts: [], q: 0, cx: 0, cy: 0 };
    const insert = n => {
      let cell = root, depth = 0;
      for (;;) {
        if (!cell.kids) {
          if (cell.pts.length === 0 || depth >= TREE_DEPTH_MAX) { cell.pts.push(n); return; }
          // Split the leaf: its point moves one level down.
          const old = cell.pts;
          cell.pts = [];
          cell.kids = [null, null, null, null];
          for (const o of old) this.descend(cell, o).pts.push(o);
        }
        cell = this.descend(cell, n);
        depth++;
      }
    };
    for (const n of list) insert(n);
    // Charges and centres of mass, children before parents (no recursion
    // on the input: the tree is at most TREE_DEPTH_MAX deep).
    const order = [];
    const stack = [root];
    while (stack.length) {
      const c = stack.pop();
      order.push(c);
      if (c.kids) for (const k of c.kids) if (k) stack.push(k);
    }
    for (let i = order.length - 1; i >= 0; i--) {
      const c = order[i];
      let q = 0, sx = 0, sy = 0;
      if (c.kids) {
        for (const k of c.kids) if (k) { q += k.q; sx += k.cx * k.q; sy += k.cy * k.q; }
      } else {
        for (const p of c.pts) { q += 1; sx += p.x; sy += p.y; }
      }
      c.q = q; c.cx = q ? sx / q : 0; c.cy = q ? sy / q : 0;
    }
    return root;
  }

  descend(cell, n) {
    const h = cell.size / 2;
    const i = (n.x >= cell.x0 + h ? 1 : 0) + (n.y >= cell.y0 + h ? 2 : 0);
    if (!cell.kids[i]) {
      cell.kids[i] = { x0: cell.x0 + (i & 1 ? h : 0), y0: cell.y0 + (i & 2 ? h : 0), size: h, kids: null, pts: [], q: 0, cx: 0, cy: 0 };
    }
    return cell.kids[i];
  }

  tick() {
    const list = [...this.nodes.values()];
    const alpha = this.alpha;
    if (list.length === 0) { this.alpha = 0; return; }
    // Repulsion, Barnes–Hut.
    const root = this.buildTree(list);
    const stack = [];
    for (const n of list) {
      stack.length = 0;
      stack.push(root);
      while (stack.length) {
        const c = stack.pop();
        if (c.q === 0) continue;
        let dx = c.cx - n.x, dy = c.cy - n.y;
        let l = dx * dx + dy * dy;
        if (c.kids && (c.size * c.size) / (l || 1e-9) >= THETA2) {
          for (const k of c.kids) if (k) stack.push(k);
          continue;
        }
        if (!c.kids) {
          for (const p of c.pts) {
            if (p === n) continue;
            dx = p.x - n.x; dy = p.y - n.y;
            if (dx === 0 && dy === 0) { dx = (this.rand() - 0.5) * 1e-3; dy = (this.rand() - 0.5) * 1e-3; }
            l = dx * dx + dy * dy;
            if (l < 900) l = Math.sqrt(900 * l);
            const f = (CHARGE * alpha) / l;
            n.vx += dx * f; n.vy += dy * f;
          }
          continue;
        }
        if (l < 900) l = Math.sqrt(900 * l);
        const f = (CHARGE * c.q * alpha) / l;
        n.vx += dx * f; n.vy += dy * f;
      }
    }
    // Springs.
    for (const r of this.rels.values()) {
      if (r.start === r.end) continue;
      const s = this.nodes.get(r.start), t = this.nodes.get(r.end);
      let dx = t.x + t.vx - s.x - s.vx, dy = t.y + t.vy - s.y - s.vy;
      let l = Math.sqrt(dx * dx + dy * dy) || 1e-6;
      const rest = LINK_DISTANCE + (s.w + t.w) / 4;
      const strength = 1 / Math.max(1, Math.min(s.degree, t.degree));
      const bias = s.degree / (s.degree + t.degree || 1);
      l = ((l - rest) / l) * alpha * strength;
      dx *= l; dy *= l;
      t.vx -= dx * bias; t.vy -= dy * bias;
      s.vx += dx * (1 - bias); s.vy += dy * (1 - bias);
    }
    this.collide(list);
    // A weak pull to the centre keeps components together; then move.
    for (const n of list) {
      if (n.pinned || n === this.dragNode) { n.vx = n.vy = 0; continue; }
      n.vx -= n.x * 0.02 * alpha; n.vy -= n.y * 0.02 * alpha;
      n.vx *= VELOCITY_KEEP; n.vy *= VELOCITY_KEEP;
      n.x += n.vx; n.y += n.vy;
    }
    this.alpha += (0 - this.alpha) * ALPHA_DECAY;
    if (this.alpha < ALPHA_MIN) this.alpha = 0;
    this.stats.ticks++;
  }

  // Keeps nodes' boxes from overlapping: overlapping pairs (found through
  // a grid of cells as big as the biggest node) move apart along the axis
  // where they overlap least.
  collide(list) {
    const gap = 14;
    let cell = 1;
    for (const n of list) cell = Math.max(cell, n.w, n.h);
    cell += gap;
    const grid = new Map();
    const key = (ix, iy) => ix * 1048576 + iy;
    list.forEach((n, i) => {
      n.idx = i;
      n.cx = Math.floor(n.x / cell); n.cy = Math.floor(n.y / cell);
      const k = key(n.cx, n.cy);
      const b = grid.get(k);
      if (b) b.push(n); else grid.set(k, [n]);
    });
    for (const n of list) {
      for (let gx = n.cx - 1; gx <= n.cx + 1; gx++) {
        for (let gy = n.cy - 1; gy <= n.cy + 1; gy++) {
          const b = grid.get(key(gx, gy));
          if (!b) continue;
          for (const m of b) {
            if (m.idx <= n.idx) continue;
            const dx = m.x - n.x, dy = m.y - n.y;
            const ox = (n.w + m.w) / 2 + gap - Math.abs(dx), oy = (n.h + m.h) / 2 + gap - Math.abs(dy);
            if (ox <= 0 || oy <= 0) continue;
            const fixedN = n.pinned || n === this.dragNode, fixedM = m.pinned || m === this.dragNode;
            if (fixedN && fixedM) continue;
            const wn = fixedN ? 0 : fixedM ? 1 : 0.5, wm = 1 - wn;
            if (ox < oy) {
              const sx = (dx < 0 ? -1 : 1) * ox * 0.5;
              n.x -= sx * wn; m.x += sx * wm;
            } else {
              const sy = (dy < 0 ? -1 : 1) * oy * 0.5;
              n.y -= sy * wn; m.y += sy * wm;
            }
          }
        }
      }
    }
  }

  // ---- view ---------------------------------------------------------------

  cssWidth() { return this.canvas.clientWidth || 800; }
  cssHeight() { return this.canvas.clientHeight || 600; }

  resize() {
    const w = this.cssWidth(), h = this.cssHeight();
    this.dpr = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(w * this.dpr);
    this.canvas.height = Math.round(h * this.dpr);
    if (!this.placed) { this.tx = w / 2; this.ty = h / 2; this.placed = w > 0; }
    if (this.needFit && w > 0) this.fit();
    this.requestDraw();
  }

  toWorld(sx, sy) { return [(sx - this.tx) / this.k, (sy - this.ty) / this.k]; }

  // The box around every node and every relationship's curve.
  bounds() {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const n of this.nodes.values()) {
      x0 = Math.min(x0, n.x - n.w / 2); x1 = Math.max(x1, n.x + n.w / 2);
      y0 = Math.min(y0, n.y - n.h / 2); y1 = Math.max(y1, n.y + n.h / 2);
    }
    if (x0 === Infinity) return null;
    this.updateGeometry();
    for (const r of this.rels.values()) {
      if (!r.offset && !r.loop && !r.spline) continue;
      const g = this.relGeometry(r);
      x0 = Math.min(x0, g.lx - 30); x1 = Math.max(x1, g.lx + 30);
      y0 = Math.min(y0, g.ly - 8); y1 = Math.max(y1, g.ly + 8);
    }
    return { x0, y0, x1, y1 };
  }

  fit() {
    const b = this.bounds();
    if (!b) return;
    // Hidden (another tab is showing): fit when shown.
    if (!this.canvas.clientWidth) { this.needFit = true; return; }
    this.needFit = false;
    // The legend covers the bottom of the view (padBottom, from the page).
    const w = this.cssWidth(), pad = 30, h = this.cssHeight() - (this.padBottom ? this.padBottom() : 0);
    this.k = Math.max(0.03, Math.min(2, (w - 2 * pad) / (b.x1 - b.x0 || 1), (h - 2 * pad) / (b.y1 - b.y0 || 1)));
    this.tx = w / 2 - ((b.x0 + b.x1) / 2) * this.k;
    this.ty = h / 2 - ((b.y0 + b.y1) / 2) * this.k;
    this.requestDraw();
  }

  zoomAt(sx, sy, factor) {
    const k = Math.max(0.03, Math.min(8, this.k * factor));
    const [wx, wy] = this.toWorld(sx, sy);
    this.k = k;
    this.tx = sx - wx * k; this.ty = sy - wy * k;
    this.requestDraw();
  }

  panBy(dx, dy) { this.tx += dx; this.ty += dy; this.requestDraw(); }

  requestDraw() {
    if (this.framePending) return;
    this.framePending = true;
    requestAnimationFrame(() => this.frame());
  }

  frame() {
    this.framePending = false;
    const t0 = performance.now();
    if (this.alpha > 0) {
      this.updateGeometry();
      do this.tick(); while (this.alpha > 0 && performance.now() - t0 < TICK_BUDGET_MS);
    }
    this.draw();
    if (this.alpha > 0) this.requestDraw();
    else if (this.autoFitPending) { this.autoFitPending = false; this.fit(); }
  }

  // Geometry of a relationship: its ends on the outlines, the control
  // point of its curve (null when straight), the label's place.
  relGeometry(r) {
    const s = this.nodes.get(r.start), t = this.nodes.get(r.end);
    const sp = r.spline;
    if (sp && sp.at[0] === s.x && sp.at[1] === s.y && sp.at[2] === t.x && sp.at[3] === t.y) {
      const p = sp.pts, m = p[Math.floor(p.length / 2)];
      const [lx, ly] = sp.lp || m;
      return { spline: p, end: sp.end, lx, ly, s, t, ax: p[0][0], ay: p[0][1] };
    }
    if (r.loop) {
      const rad = 14 + r.loop * 8;
      const ax = s.x + s.w / 4, ay = s.y - s.h / 2;
      return { loop: true, cx: ax, cy: ay - rad * 0.6, rad, lx: ax, ly: ay - rad * 1.7, s, t };
    }
    const dx = t.x - s.x, dy = t.y - s.y;
    const len = Math.sqrt(dx * dx + dy * dy) || 1;
    const mx = (s.x + t.x) / 2, my = (s.y + t.y) / 2;
    let c = null;
    if (r.offset) c = [mx - (dy / len) * r.offset * 2, my + (dx / len) * r.offset * 2];
    const [ax, ay] = boundary(s, c ? c[0] : t.x, c ? c[1] : t.y);
    const [bx, by] = boundary(t, c ? c[0] : s.x, c ? c[1] : s.y);
    let lx, ly;
    if (c) { lx = 0.25 * ax + 0.5 * c[0] + 0.25 * bx; ly = 0.25 * ay + 0.5 * c[1] + 0.25 * by; }
    else { lx = (ax + bx) / 2; ly = (ay + by) / 2; }
    return { ax, ay, bx, by, c, lx, ly, s, t };
  }

  // The arrowhead of a Graphviz spline: from its last point to its end
  // point, or along its last control points when it has none.
  splineHead(g, r) {
    const p = g.spline, last = p[p.length - 1];
    if (g.end) return this.arrow(last[0], last[1], g.end[0], g.end[1], Math.max(4, Math.hypot(g.end[0] - last[0], g.end[1] - last[1])));
    const prev = p[p.length - 2];
    return this.arrow(prev[0], prev[1], last[0], last[1], 7 + r.ts.width);
  }

  // Points along a Graphviz spline, for hit tests.
  splinePoints(p) {
    const out = [p[0]];
    for (let i = 1; i + 2 < p.length; i += 3) {
      const [a, b, c, d] = [p[i - 1], p[i], p[i + 1], p[i + 2]];
      for (let k = 1; k <= 8; k++) {
        const t = k / 8, u = 1 - t;
        out.push([u * u * u * a[0] + 3 * u * u * t * b[0] + 3 * u * t * t * c[0] + t * t * t * d[0],
          u * u * u * a[1] + 3 * u * u * t * b[1] + 3 * u * t * t * c[1] + t * t * t * d[1]]);
      }
    }
    return out;
  }

  // Arrowhead points at (bx, by) coming from (fx, fy).
  arrow(fx, fy, bx, by, size) {
    const dx = bx - fx, dy = by - fy;
    const l = Math.sqrt(dx * dx + dy * dy) || 1;
    const ux = dx / l, uy = dy / l;
    return [[bx, by], [bx - ux * size - uy * size * 0.45, by - uy * size + ux * size * 0.45],
      [bx - ux * size + uy * size * 0.45, by - uy * size - ux * size * 0.45]];
  }

  draw() {
    const t0 = performance.now();
    this.updateGeometry();
    const ctx = this.ctx, k = this.k, dpr = this.dpr;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    if (!this.style) return;
    ctx.setTransform(dpr * k, 0, 0, dpr * k, dpr * this.tx, dpr * this.ty);
    const [vx0, vy0] = this.toWorld(0, 0);
    const [vx1, vy1] = this.toWorld(this.cssWidth(), this.cssHeight());
    const visible = n => n.x + n.w / 2 >= vx0 && n.x - n.w / 2 <= vx1 && n.y + n.h / 2 >= vy0 - 60 && n.y - n.h / 2 <= vy1;
    const many = this.nodes.size > 300;
    const showEdgeLabels = k * this.edgeFontPx >= (many ? 7 : 5);
    const showCaptions = k * this.fontPx >= 4;
    const selId = this.sel && this.sel.id;

    // The boxes of a clustered layout, behind everything.
    for (const c of this.clusters || []) {
      const still = c.at.length > 0 && c.at.every(([id, x, y]) => { const n = this.nodes.get(id); return n && n.x === x && n.y === y; });
      if (!still) continue;
      const [x0, y0, x1, y1] = c.box;
      ctx.setLineDash([6, 4]);
      ctx.strokeStyle = c.color;
      ctx.lineWidth = 1;
      ctx.beginPath();
      if (ctx.roundRect) ctx.roundRect(x0, y0, x1 - x0, y1 - y0, 8); else ctx.rect(x0, y0, x1 - x0, y1 - y0);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = c.color;
      ctx.font = this.font(this.fontPx);
      ctx.textAlign = 'left';
      ctx.textBaseline = 'top';
      ctx.fillText(c.label, x0 + 6, y0 + 4);
    }

    // Relationships.
    ctx.lineJoin = 'round';
    const labels = [];
    for (const r of this.rels.values()) {
      const s = this.nodes.get(r.start), t = this.nodes.get(r.end);
      if (!visible(s) && !visible(t)) {
        // Both ends off screen: draw only if the line may cross the view.
        const xmin = Math.min(s.x, t.x), xmax = Math.max(s.x, t.x), ymin = Math.min(s.y, t.y), ymax = Math.max(s.y, t.y);
        if (xmax < vx0 || xmin > vx1 || ymax < vy0 || ymin > vy1) continue;
      }
      const g = this.relGeometry(r);
      const selected = r.id === selId;
      const color = selected ? '#2563eb' : r.ts.color;
      ctx.strokeStyle = color;
      ctx.fillStyle = color;
      ctx.lineWidth = (selected ? 2 : 1) * r.ts.width + (selected ? 1 : 0);
      ctx.setLineDash(r.ts.style === 'dashed' ? [6, 4] : []);
      ctx.beginPath();
      let head;
      if (g.spline) {
        const p = g.spline;
        ctx.moveTo(p[0][0], p[0][1]);
        for (let i = 1; i + 2 < p.length; i += 3) ctx.bezierCurveTo(p[i][0], p[i][1], p[i + 1][0], p[i + 1][1], p[i + 2][0], p[i + 2][1]);
        head = this.splineHead(g, r);
      } else if (g.loop) {
        ctx.arc(g.cx, g.cy, g.rad * 0.6, Math.PI * 0.75, Math.PI * 2.25);
        head = this.arrow(g.cx + g.rad * 0.1, g.cy, g.cx + g.rad * 0.42, g.cy + g.rad * 0.42, 7);
      } else {
        ctx.moveTo(g.ax, g.ay);
        if (g.c) ctx.quadraticCurveTo(g.c[0], g.c[1], g.bx, g.by);
        else ctx.lineTo(g.bx, g.by);
        head = this.arrow(g.c ? g.c[0] : g.ax, g.c ? g.c[1] : g.ay, g.bx, g.by, 7 + r.ts.width);
      }
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.beginPath();
      ctx.moveTo(head[0][0], head[0][1]); ctx.lineTo(head[1][0], head[1][1]); ctx.lineTo(head[2][0], head[2][1]);
      ctx.closePath();
      ctx.fill();
      if (showEdgeLabels || selected) labels.push([r, g.lx, g.ly, color]);
    }
    ctx.font = this.font(this.edgeFontPx);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.lineWidth = 3;
    ctx.strokeStyle = '#ffffff';
    const half = this.edgeFontPx * 0.6;
    for (const [r, x, y, color] of labels) {
      // The type, and under it the detail (RENDER's second line).
      const y0 = r.detail ? y - half : y;
      ctx.strokeText(r.type, x, y0);
      ctx.fillStyle = color;
      ctx.fillText(r.type, x, y0);
      if (r.detail) {
        ctx.direction = isRtl(r.detail) ? 'rtl' : 'ltr';
        ctx.strokeText(r.detail, x, y + half);
        ctx.fillText(r.detail, x, y + half);
        ctx.direction = 'ltr';
      }
    }

    // Nodes.
    let nDrawn = 0;
    ctx.font = this.font(this.fontPx);
    for (const n of this.nodes.values()) {
      if (!visible(n)) continue;
      nDrawn++;
      const { ops, deco } = shapeOps(n.s.shape, /rounded/.test(n.s.style), n.x, n.y, n.w, n.h);
      const selected = n.id === selId;
      ctx.beginPath();
      opsToCanvas(ctx, ops);
      ctx.fillStyle = n.s.fill;
      ctx.fill();
      ctx.setLineDash(/dashed/.test(n.s.style) ? [5, 3] : []);
      ctx.lineWidth = selected ? 3 : (n.s.penwidth || this.style.node.penwidth);
      ctx.strokeStyle = selected ? '#2563eb' : n.s.line;
      ctx.stroke();
      ctx.setLineDash([]);
      if (deco.length) { ctx.beginPath(); opsToCanvas(ctx, deco); ctx.lineWidth = 1; ctx.stroke(); }
      if (n.pinned) {
        ctx.beginPath();
        ctx.arc(n.x + n.w / 2 - 3, n.y - n.h / 2 + 3, 3.5, 0, Math.PI * 2);
        ctx.fillStyle = '#dc2626';
        ctx.fill();
      }
      if (showCaptions) {
        ctx.fillStyle = n.s.fontcolor || this.style.node.fontcolor;
        const y0 = n.y - ((n.lines.length - 1) * this.linePx) / 2;
        n.lines.forEach((line, i) => {
          ctx.direction = n.rtl[i] ? 'rtl' : 'ltr';
          ctx.fillText(line, n.x, y0 + i * this.linePx);
        });
        ctx.direction = 'ltr';
      }
    }
    this.stats.nodes = this.nodes.size;
    this.stats.rels = this.rels.size;
    this.stats.visibleNodes = nDrawn;
    this.stats.frames++;
    this.stats.drawMs = performance.now() - t0;
    this.canvas.dataset.nodes = String(this.nodes.size);
    this.canvas.dataset.rels = String(this.rels.size);
    this.canvas.dataset.layoutRunning = this.alpha > 0 ? 'true' : 'false';
  }

  // The node or relationship at a point of the canvas (CSS pixels).
  hit(sx, sy) {
    const [x, y] = this.toWorld(sx, sy);
    const nodes = [...this.nodes.values()];
    for (let i = nodes.length - 1; i >= 0; i--) {
      const n = nodes[i];
      if (Math.abs(x - n.x) <= n.w / 2 && Math.abs(y - n.y) <= n.h / 2) {
        if (n.ellipse) {
          const ex = (x - n.x) / (n.w / 2), ey = (y - n.y) / (n.h / 2);
          if (ex * ex + ey * ey > 1) continue;
        }
        return { kind: 'node', id: n.id };
      }
    }
    const tol = 6 / this.k;
    let best = null, bestD = tol;
    for (const r of this.rels.values()) {
      const g = this.relGeometry(r);
      let d;
      if (g.spline) {
        const pts = this.splinePoints(g.spline);
        d = Infinity;
        for (let i = 1; i < pts.length; i++) d = Math.min(d, distToSegment(x, y, pts[i - 1][0], pts[i - 1][1], pts[i][0], pts[i][1]));
      } else if (g.loop) d = Math.abs(Math.hypot(x - g.cx, y - g.cy) - g.rad * 0.6);
      else if (!g.c) d = distToSegment(x, y, g.ax, g.ay, g.bx, g.by);
      else {
        d = Infinity;
        let px = g.ax, py = g.ay;
        for (let i = 1; i <= 12; i++) {
          const t = i / 12, u = 1 - t;
          const qx = u * u * g.ax + 2 * u * t * g.c[0] + t * t * g.bx, qy = u * u * g.ay + 2 * u * t * g.c[1] + t * t * g.by;
          d = Math.min(d, distToSegment(x, y, px, py, qx, qy));
          px = qx; py = qy;
        }
      }
      // The type label is part of the relationship too.
      d = Math.min(d, Math.abs(x - g.lx) <= 30 && Math.abs(y - g.ly) <= (r.detail ? 10 : 6) ? 0 : Infinity);
      if (d <= bestD) { bestD = d; best = { kind: 'rel', id: r.id }; }
    }
    return best;
  }

  // Screen position (CSS pixels, relative to the canvas) of a node or of a
  // relationship's label: for tests and for placing things.
  screenPos(sel) {
    if (!sel) return null;
    if (sel.kind === 'node') {
      const n = this.nodes.get(sel.id);
      return n ? [n.x * this.k + this.tx, n.y * this.k + this.ty] : null;
    }
    const r = this.rels.get(sel.id);
    if (!r) return null;
    this.updateGeometry();
    const g = this.relGeometry(r);
    // A point on the curve itself, a little off the label, at t = 0.5.
    let x, y;
    if (g.spline) { const pts = this.splinePoints(g.spline); [x, y] = pts[Math.floor(pts.length / 2)]; }
    else if (g.loop) { x = g.cx; y = g.cy - g.rad * 0.6; }
    else if (g.c) { x = 0.25 * g.ax + 0.5 * g.c[0] + 0.25 * g.bx; y = 0.25 * g.ay + 0.5 * g.c[1] + 0.25 * g.by; }
    else { x = (g.ax + g.bx) / 2; y = (g.ay + g.by) / 2; }
    return [x * this.k + this.tx, y * this.k + this.ty];
  }

  bindEvents() {
    const c = this.canvas;
    let down = null;
    const pos = e => { const b = c.getBoundingClientRect(); return [e.clientX - b.left, e.clientY - b.top]; };
    c.addEventListener('pointerdown', e => {
      if (e.button !== 0) return;
      const [x, y] = pos(e);
      const h = this.hit(x, y);
      down = { x, y, lx: x, ly: y, hit: h, moved: false };
      if (h && h.kind === 'node') this.dragNode = this.nodes.get(h.id);
      c.setPointerCapture(e.pointerId);
      c.classList.add('dragging');
    });
    c.addEventListener('pointermove', e => {
      if (!down) return;
      const [x, y] = pos(e);
      if (Math.abs(x - down.x) + Math.abs(y - down.y) > 3) down.moved = true;
      if (!down.moved) return;
      if (this.dragNode) {
        this.dragNode.x += (x - down.lx) / this.k;
        this.dragNode.y += (y - down.ly) / this.k;
        this.dragNode.pinned = true;
        if (this.alpha > 0) this.alpha = Math.max(this.alpha, 0.05);
      } else {
        this.tx += x - down.lx; this.ty += y - down.ly;
      }
      down.lx = x; down.ly = y;
      this.requestDraw();
    });
    const up = e => {
      if (!down) return;
      c.classList.remove('dragging');
      if (!down.moved) this.select(down.hit);
      this.dragNode = null;
      down = null;
      if (e.pointerId !== undefined && c.hasPointerCapture(e.pointerId)) c.releasePointerCapture(e.pointerId);
    };
    c.addEventListener('pointerup', up);
    c.addEventListener('pointercancel', up);
    c.addEventListener('dblclick', e => {
      const [x, y] = pos(e);
      const h = this.hit(x, y);
      if (h && h.kind === 'node') { this.select(h); this.onExpand(h.id); }
    });
    c.addEventListener('wheel', e => {
      e.preventDefault();
      const [x, y] = pos(e);
      const dy = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
      this.zoomAt(x, y, Math.exp(-dy * 0.0015));
    }, { passive: false });
  }

  // ---- export ---------------------------------------------------------------

  // Labels and types present, with counts, in order of first appearance.
  legend() {
    const labels = new Map(), types = new Map();
    for (const n of this.nodes.values()) {
      const key = n.legend ?? '(no label)';
      const e = labels.get(key);
      if (e) e.count++; else labels.set(key, { name: key, count: 1, s: n.s });
    }
    for (const r of this.rels.values()) {
      const e = types.get(r.type);
      if (e) e.count++; else types.set(r.type, { name: r.type, count: 1, ts: r.ts });
    }
    return { labels: [...labels.values()], types: [...types.values()] };
  }

  // The scene as a standalone SVG document, with a legend below it.
  toSvg() {
    this.updateGeometry();
    const b = this.bounds() || { x0: 0, y0: 0, x1: 100, y1: 100 };
    const pad = 20;
    const leg = this.legend();
    const legendItems = [...leg.labels.map(l => ({ text: `${l.name} (${l.count})`, s: l.s })),
      ...leg.types.map(t => ({ text: `${t.name} (${t.count})`, ts: t.ts }))];
    const legendH = legendItems.length ? 18 * Math.ceil(legendItems.length / 4) + 10 : 0;
    const x0 = b.x0 - pad, y0 = b.y0 - pad, w = b.x1 - b.x0 + 2 * pad;
    const h = b.y1 - b.y0 + 2 * pad + legendH;
    const out = [];
    out.push(`<?xml version="1.0" encoding="UTF-8"?>`);
    out.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="${f1(x0)} ${f1(y0)} ${f1(w)} ${f1(h)}" ` +
      `width="${Math.ceil(w)}" height="${Math.ceil(h)}" font-family="${xml(this.style.font)}" font-size="${this.fontPx}">`);
    out.push(`<rect x="${f1(x0)}" y="${f1(y0)}" width="${f1(w)}" height="${f1(h)}" fill="#ffffff"/>`);
    const tip = props => xml(Object.keys(props).map(k => `${k}: ${show(props[k], 0, true)}`).join('\n'));
    for (const r of this.rels.values()) {
      const g = this.relGeometry(r);
      let d, head;
      if (g.spline) {
        const p = g.spline;
        d = `M${f1(p[0][0])} ${f1(p[0][1])}C` + p.slice(1).map(q => `${f1(q[0])} ${f1(q[1])}`).join(' ');
        head = this.splineHead(g, r);
      } else if (g.loop) {
        const rr = g.rad * 0.6;
        d = `M${f1(g.cx - rr * 0.707)} ${f1(g.cy + rr * 0.707)}A${f1(rr)} ${f1(rr)} 0 1 1 ${f1(g.cx + rr * 0.707)} ${f1(g.cy + rr * 0.707)}`;
        head = this.arrow(g.cx + g.rad * 0.1, g.cy, g.cx + g.rad * 0.42, g.cy + g.rad * 0.42, 7);
      } else {
        d = `M${f1(g.ax)} ${f1(g.ay)}` + (g.c ? `Q${f1(g.c[0])} ${f1(g.c[1])} ` : 'L') + `${f1(g.bx)} ${f1(g.by)}`;
        head = this.arrow(g.c ? g.c[0] : g.ax, g.c ? g.c[1] : g.ay, g.bx, g.by, 7 + r.ts.width);
      }
      out.push(`<g class="relationship" data-id="${xml(r.id)}"><title>${xml(r.type)}${Object.keys(r.props).length ? '\n' : ''}${tip(r.props)}</title>` +
        `<path d="${d}" fill="none" stroke="${xml(r.ts.color)}" stroke-width="${r.ts.width}"` +
        (r.ts.style === 'dashed' ? ' stroke-dasharray="6 4"' : '') + `/>` +
        `<polygon points="${head.map(p => f1(p[0]) + ',' + f1(p[1])).join(' ')}" fill="${xml(r.ts.color)}"/>` +
        [[r.type, r.detail ? -0.6 : 0], [r.detail, 0.6]].filter(([t]) => t).map(([t, dy]) =>
          `<text x="${f1(g.lx)}" y="${f1(g.ly + dy * this.edgeFontPx)}" font-size="${this.edgeFontPx}" text-anchor="middle" ` +
          `dominant-baseline="central" fill="${xml(r.ts.color)}" stroke="#ffffff" stroke-width="3" paint-order="stroke"` +
          (isRtl(t) ? ' direction="rtl"' : '') + `>${xml(t)}</text>`).join('') + '</g>');
    }
    for (const n of this.nodes.values()) {
      const { ops, deco } = shapeOps(n.s.shape, /rounded/.test(n.s.style), n.x, n.y, n.w, n.h);
      const dash = /dashed/.test(n.s.style) ? ' stroke-dasharray="5 3"' : '';
      let g = `<g class="node" data-id="${xml(n.id)}"><title>${xml(n.labels.map(l => ':' + l).join(''))}\n${tip(n.props)}</title>` +
        `<path d="${opsToSvg(ops)}" fill="${xml(n.s.fill)}" stroke="${xml(n.s.line)}" stroke-width="${n.s.penwidth || this.style.node.penwidth}"${dash}/>`;
      if (deco.length) g += `<path d="${opsToSvg(deco)}" fill="none" stroke="${xml(n.s.line)}"/>`;
      const ty0 = n.y - ((n.lines.length - 1) * this.linePx) / 2;
      n.lines.forEach((line, i) => {
        g += `<text x="${f1(n.x)}" y="${f1(ty0 + i * this.linePx)}" text-anchor="middle" dominant-baseline="central"` +
          (n.rtl[i] ? ' direction="rtl"' : '') + ` fill="${xml(n.s.fontcolor || this.style.node.fontcolor)}">${xml(line)}</text>`;
      });
      out.push(g + '</g>');
    }
    if (legendItems.length) {
      const ly = b.y1 + pad + 8;
      const colW = Math.max(150, w / 4);
      const parts = legendItems.map((it, i) => {
        const x = x0 + 10 + (i % 4) * colW, y = ly + Math.floor(i / 4) * 18;
        const mark = it.s
          ? `<rect x="${f1(x)}" y="${f1(y)}" width="12" height="9" rx="2" fill="${xml(it.s.fill)}" stroke="${xml(it.s.line)}"/>`
          : `<line x1="${f1(x)}" y1="${f1(y + 5)}" x2="${f1(x + 12)}" y2="${f1(y + 5)}" stroke="${xml(it.ts.color)}" stroke-width="2"/>`;
        return mark + `<text x="${f1(x + 16)}" y="${f1(y + 5)}" dominant-baseline="central">${xml(it.text)}</text>`;
      });
      out.push(`<g class="legend">${parts.join('')}</g>`);
    }
    out.push('</svg>');
    return out.join('\n') + '\n';
  }

  // The current view as a PNG (white background), as a Blob.
  toPngBlob() {
    this.draw();
    const c = document.createElement('canvas');
    c.width = this.canvas.width; c.height = this.canvas.height;
    const x = c.getContext('2d');
    x.fillStyle = '#ffffff';
    x.fillRect(0, 0, c.width, c.height);
    x.drawImage(this.canvas, 0, 0);
    return new Promise(resolve => c.toBlob(resolve, 'image/png'));
  }
}
