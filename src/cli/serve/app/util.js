// Small helpers shared by the app's modules: element building, number formatting, the
// JSON API (same-origin, with the session cookie the server set on the first page load).

// h('div', {class: 'x', onclick: f}, child, ...) builds an element. Never sets a `style`
// attribute: the page's CSP (default-src 'self') forbids inline styles.
export function h(tag, attrs, ...children) {
  const svg = tag.startsWith('svg:');
  const el = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4))
                 : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'value' && !svg) el.value = v;
    else if (k === 'checked' && !svg) el.checked = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function clear(el, ...children) {
  el.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined));
  return el;
}

// Numbers as people read them: at most `digits` decimals, no trailing zeros.
export function fmt(x, digits = 2) {
  if (x === null || x === undefined) return '–';
  if (typeof x !== 'number') return String(x);
  return String(Number(x.toFixed(digits)));
}

export function clone(x) { return JSON.parse(JSON.stringify(x)); }

export class HttpError extends Error {
  constructor(status, body) {
    super(`HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

// One API call. JSON in, JSON out; a non-2xx answer throws HttpError carrying the body
// (the 400 of /api/analyze carries {"errors": [...]}).
export async function api(path, { method = 'GET', body, signal, raw = false } = {}) {
  const init = { method, credentials: 'same-origin', signal, headers: {} };
  if (body !== undefined) {
    init.body = typeof body === 'string' || body instanceof Blob ? body : JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(path, init);
  const text = await res.text();
  let data = text;
  if (!raw) {
    try { data = text ? JSON.parse(text) : null; } catch { data = text; }
  }
  if (!res.ok) throw new HttpError(res.status, data);
  return data;
}

// The scenario's issues and actors by id.
export function issueById(scn, id) { return (scn.issues || []).find((i) => i.id === id); }
export function range(issue) { return issue.range || [0, 100]; }
export function isOptions(issue) { return Array.isArray(issue.options); }

// A unique id with the given stem among `taken`.
export function freshId(stem, taken) {
  const set = new Set(taken);
  for (let n = 1; ; n++) if (!set.has(`${stem}${n}`)) return `${stem}${n}`;
}

// Downloads text as a file (export buttons).
export function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
