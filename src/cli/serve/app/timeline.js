// The timeline of versions (issue #16, point 5): save the scenario as a dated version in the
// workspace (POST /api/versions), chart how the barrier gap, the zone margin and each party's
// package utility moved from version to version (GET /api/timeline), diff any two
// (GET /api/diff, the document of `parley diff --json`).
import { h, clear, fmt } from './util.js';

const today = () => new Date().toISOString().slice(0, 10);

// The timeline's rows, whatever their exact spelling: `gap` or `barrier_gap`, utilities as
// an object by actor or as an array beside `actors`.
export function timelineRows(doc) {
  const rows = Array.isArray(doc) ? doc : (doc?.versions || doc?.timeline || []);
  return rows.map((r) => {
    let utilities = r.utilities || r.package_utilities || {};
    if (Array.isArray(utilities)) {
      const actors = r.actors || doc.actors || utilities.map((_, k) => `actor ${k + 1}`);
      utilities = Object.fromEntries(utilities.map((u, k) => [actors[k], u]));
    }
    return { id: r.id, name: r.name, date: r.date, possible: r.possible,
      gap: r.barrier_gap ?? r.gap ?? null, margin: r.margin ?? r.zone_margin ?? null, utilities };
  });
}

function lineChart(title, rows, series, yRange) {
  const W = 560, H = 170, L = 44, R = 110, T = 24, B = 34;
  const n = rows.length;
  const x = (k) => L + (n === 1 ? (W - L - R) / 2 : (k * (W - L - R)) / (n - 1));
  const [y0, y1] = yRange;
  const y = (v) => T + (1 - (v - y0) / (y1 - y0 || 1)) * (H - T - B);
  const svg = h('svg:svg', { viewBox: `0 0 ${W} ${H}`, class: 'timeline-chart', role: 'img', 'aria-label': title },
    h('svg:title', {}, title),
    h('svg:text', { x: L, y: 14, class: 'chart-title' }, title),
    h('svg:line', { x1: L, x2: W - R, y1: y(y0), y2: y(y0), class: 'axis' }),
    h('svg:line', { x1: L, x2: L, y1: y(y0), y2: y(y1), class: 'axis' }),
    h('svg:text', { x: L - 4, y: y(y0) + 4, class: 'tick end' }, fmt(y0)),
    h('svg:text', { x: L - 4, y: y(y1) + 4, class: 'tick end' }, fmt(y1)),
    rows.map((r, k) => [h('svg:text', { x: x(k), y: H - 18, class: 'tick middle' }, r.date || ''),
      h('svg:text', { x: x(k), y: H - 6, class: 'tick middle' }, (r.name || '').slice(0, 18))]));
  series.forEach((s, j) => {
    const pts = rows.map((r, k) => [x(k), s.value(r)]).filter(([, v]) => typeof v === 'number');
    if (pts.length > 1) svg.append(h('svg:polyline', { points: pts.map(([px, v]) => `${px},${y(v)}`).join(' '), class: `series c${s.colour ?? j}` }));
    for (const [px, v] of pts) {
      svg.append(h('svg:circle', { cx: px, cy: y(v), r: 3.5, class: `point c${s.colour ?? j}` }, h('svg:title', {}, `${s.label}: ${fmt(v, 3)}`)));
    }
    svg.append(h('svg:text', { x: W - R + 8, y: T + 12 + 14 * j, class: `key c${s.colour ?? j}` }, s.label));
  });
  return svg;
}

let refreshes = 0;

async function refresh(ctx, view) {
  const st = ctx.state;
  const mine = ++refreshes;
  let versions = [], timeline = [];
  try {
    const [v, t] = await Promise.all([ctx.api('api/versions'), ctx.api('api/timeline')]);
    versions = Array.isArray(v) ? v : (v?.versions || []);
    timeline = timelineRows(t);
  } catch (e) {
    ctx.setStatus(`timeline unavailable: ${e.message}`, true);
  }
  // Latest wins: a save refreshes while the tab's first refresh may still be under way.
  if (mine !== refreshes) return;
  const actors = [...new Set(timeline.flatMap((r) => Object.keys(r.utilities)))];
  const gapMax = Math.max(1, ...timeline.map((r) => r.gap ?? 0));
  const charts = timeline.length ? [
    lineChart('Barrier gap (issue units)', timeline, [{ label: 'barrier gap', value: (r) => r.gap, colour: 1 }], [0, gapMax]),
    lineChart('Zone margin and package utility (0–1)', timeline, [
      { label: 'zone margin', value: (r) => r.margin, colour: 7 },
      ...actors.map((a, k) => ({ label: `U(${a})`, value: (r) => r.utilities[a], colour: k })),
    ], [0, 1]),
  ] : [h('p', { class: 'hint' }, 'No versions saved yet.')];
  const pick = (id, label) => {
    const sel = h('select', { id, 'aria-label': label }, versions.map((v) => h('option', { value: v.id }, `${v.date || ''} ${v.name || v.id}`)));
    return sel;
  };
  const a = pick('diff-a', 'First version to compare');
  const b = pick('diff-b', 'Second version to compare');
  if (versions.length > 1) b.value = versions[versions.length - 1].id;
  const out = h('div', { id: 'diff-result' });
  const diff = h('button', { type: 'button', id: 'diff', disabled: versions.length < 2, onclick: async () => {
    try {
      renderDiff(out, await ctx.api(`api/diff?a=${encodeURIComponent(a.value)}&b=${encodeURIComponent(b.value)}`));
    } catch (e) {
      clear(out, h('p', { class: 'bad' }, `diff failed: ${e.body?.error || e.message}`));
    }
  } }, 'Diff');
  clear(view.querySelector('.timeline-body'),
    h('div', { class: 'charts-row', id: 'timeline-charts' }, charts),
    h('table', { class: 'grid', id: 'versions' }, h('caption', {}, `Versions (${versions.length})`),
      h('thead', {}, h('tr', {}, ['Date', 'Name', 'Zone', 'Gap', 'Margin', ''].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, versions.map((v) => {
        const t = timeline.find((r) => r.id === v.id) || {};
        return h('tr', {}, h('td', {}, v.date || ''), h('td', {}, v.name || v.id),
          h('td', {}, t.possible === undefined ? '' : t.possible ? 'open' : 'closed'), h('td', { class: 'num' }, fmt(t.gap)),
          h('td', { class: 'num' }, fmt(t.margin, 3)),
          h('td', {}, h('button', { type: 'button', class: 'small', onclick: async () => {
            ctx.load(await ctx.api(`api/versions/${encodeURIComponent(v.id)}`), `opened version ${v.name || v.id}`);
          } }, 'Open')));
      }))),
    h('p', {}, h('label', { for: 'diff-a' }, 'Compare '), a, h('label', { for: 'diff-b' }, ' with '), b, ' ', diff),
    out);
  st.versions = versions;
}

function cell(v) {
  if (v === undefined) return '—';
  if (typeof v === 'number') return fmt(v, 3);
  if (v && typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

// The document of `parley diff --json`: the changes (paths as `--set` writes them) and the
// analysis pairs [in A, in B].
function renderDiff(out, doc) {
  const changes = doc.changes || [];
  const pairs = [];
  const walk = (x, path) => {
    if (Array.isArray(x) && x.length === 2 && !x.some((e) => e && typeof e === 'object')) pairs.push([path, x[0], x[1]]);
    else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) walk(v, path ? `${path}.${k}` : k);
  };
  walk(doc.analysis || {}, '');
  clear(out,
    h('table', { class: 'grid compare' }, h('caption', {}, `Changes (${changes.length})`),
      h('thead', {}, h('tr', {}, ['input', 'A', 'B'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, changes.map((c) => h('tr', {}, h('td', {}, h('code', {}, c.path)), h('td', {}, cell(c.from)), h('td', {}, cell(c.to)))))),
    pairs.length ? h('table', { class: 'grid compare' }, h('caption', {}, 'Analysis'),
      h('thead', {}, h('tr', {}, ['result', 'A', 'B'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, pairs.map(([p, x, y]) => h('tr', { class: x === y ? '' : 'changed' }, h('td', {}, h('code', {}, p)), h('td', {}, cell(x)), h('td', {}, cell(y)))))) : null);
}

export function renderTimeline(ctx) {
  const st = ctx.state;
  const view = document.getElementById('view-timeline');
  const name = h('input', { type: 'text', id: 'version-name', 'aria-label': 'Version name', placeholder: 'name, e.g. "after Moscow"' });
  const date = h('input', { type: 'date', id: 'version-date', 'aria-label': 'Version date', value: today() });
  const save = h('button', { type: 'button', class: 'primary', id: 'save-version', onclick: async () => {
    save.disabled = true;
    try {
      const r = await ctx.api('api/versions', { method: 'POST',
        body: { name: name.value.trim() || `version of ${date.value}`, date: date.value, scenario: st.scenario } });
      ctx.setStatus(`saved version ${r.id}`);
      name.value = '';
      await refresh(ctx, view);
    } catch (e) {
      const errs = e.body?.errors;
      ctx.setStatus(`not saved: ${errs ? `${errs.length} error(s) in the scenario` : (e.body?.error || e.message)}`, true);
    } finally {
      save.disabled = false;
    }
  } }, 'Save version');
  clear(view, h('p', { class: 'inline' }, name, ' ', date, ' ', save), h('div', { class: 'timeline-body' }));
  return refresh(ctx, view);
}
