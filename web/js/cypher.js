// cypher.js — Cypher syntax highlighting for the editor: a small tokenizer
// (keywords, strings, numbers, comments, $parameters, :Labels, functions)
// that turns the statement into escaped HTML for the <pre> under the
// textarea, with an optional error mark at a character offset.

const KEYWORDS = new Set(`
  MATCH OPTIONAL WHERE RETURN WITH UNWIND AS ORDER BY ASC ASCENDING DESC DESCENDING SKIP LIMIT
  CREATE MERGE ON SET DELETE DETACH REMOVE CALL YIELD UNION ALL DISTINCT AND OR XOR NOT IN IS NULL
  TRUE FALSE CASE WHEN THEN ELSE END EXISTS COUNT STARTS ENDS CONTAINS LOAD CSV FROM HEADERS
  FIELDTERMINATOR FOREACH INDEX CONSTRAINT DROP FOR REQUIRE UNIQUE KEY NODE SHOW EXPLAIN PROFILE
  RENDER TO USING LAYOUT DIRECTION FORMAT USE TRANSACTIONS OF ROWS
`.trim().split(/\s+/));

export function escapeHtml(s) {
  return s.replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
}

// Splits text into tokens {cls, text}; cls is '' for plain text. Never
// fails: an unterminated string or comment runs to the end.
export function tokenize(text) {
  const out = [];
  let i = 0;
  const n = text.length;
  let prevSignificant = '';
  while (i < n) {
    const c = text[i];
    let j = i + 1;
    let cls = '';
    if (c === '/' && text[i + 1] === '/') {
      while (j < n && text[j] !== '\n') j++;
      cls = 'com';
    } else if (c === '/' && text[i + 1] === '*') {
      const e = text.indexOf('*/', i + 2);
      j = e < 0 ? n : e + 2;
      cls = 'com';
    } else if (c === "'" || c === '"') {
      while (j < n && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      j = Math.min(n, j + 1);
      cls = 'str';
    } else if (c === '`') {
      const e = text.indexOf('`', i + 1);
      j = e < 0 ? n : e + 1;
      cls = prevSignificant === ':' ? 'label' : 'var';
    } else if (/[0-9]/.test(c)) {
      while (j < n && /[0-9A-Za-z_.]/.test(text[j])) j++;
      cls = 'num';
    } else if (c === '$') {
      while (j < n && /[\p{L}\p{N}_]/u.test(text[j])) j++;
      cls = 'param';
    } else if (/[\p{L}_]/u.test(c)) {
      while (j < n && /[\p{L}\p{N}_]/u.test(text[j])) j++;
      const word = text.slice(i, j);
      if (prevSignificant === ':') cls = 'label';
      else if (KEYWORDS.has(word.toUpperCase())) cls = 'kw';
      else cls = /^\s*\(/.test(text.slice(j, j + 40)) ? 'fn' : 'var';
    } else {
      while (j < n && /\s/.test(c) && /\s/.test(text[j])) j++;
    }
    out.push({ cls, text: text.slice(i, j) });
    const t = text.slice(i, j);
    if (!/^\s+$/.test(t)) prevSignificant = cls === 'com' ? prevSignificant : t;
    i = j;
  }
  return out;
}

// HTML for the highlight layer. errAt: a UTF-16 offset to mark, or -1.
export function highlight(text, errAt = -1) {
  let html = '';
  let pos = 0;
  for (const tok of tokenize(text)) {
    const end = pos + tok.text.length;
    let body;
    if (errAt >= pos && errAt < end) {
      const k = errAt - pos;
      const ch = String.fromCodePoint(tok.text.codePointAt(k));
      body = escapeHtml(tok.text.slice(0, k)) + '<span class="err-mark">' +
        (ch === '\n' ? ' \n' : escapeHtml(ch)) + '</span>' + escapeHtml(tok.text.slice(k + ch.length));
    } else {
      body = escapeHtml(tok.text);
    }
    html += tok.cls ? `<span class="tok-${tok.cls}">${body}</span>` : body;
    pos = end;
  }
  if (errAt >= text.length && errAt >= 0) html += '<span class="err-mark"> </span>';
  // A trailing newline needs a character after it to take up its line.
  return html + '\n';
}

// The UTF-16 offset of a 1-based line and 1-based column counted in code
// points (as Tangle reports them), clamped to the text.
export function offsetOf(text, line, column) {
  let off = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', off);
    if (nl < 0) return text.length;
    off = nl + 1;
  }
  for (let c = 1; c < column && off < text.length && text[off] !== '\n'; c++) {
    off += text.codePointAt(off) > 0xffff ? 2 : 1;
  }
  return off;
}
