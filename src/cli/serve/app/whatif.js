// What-ifs against a baseline (issue #16, point 4): the baseline is the scenario as loaded
// (or whatever the analyst sets as baseline); any state of the editor can be kept as a
// named what-if; each is compared with the baseline side by side.
import { h, clear, fmt, clone } from './util.js';
import { inputChanges, verdictFlips, forecastMoves, zoneChange } from './compare.js';

function show(v) {
  if (v === undefined) return '—';
  return typeof v === 'number' ? fmt(v, 3) : String(v);
}

export function comparison(base, other, labels = ['baseline', 'what-if']) {
  const inputs = inputChanges(base.scenario, other.scenario);
  const flips = verdictFlips(base.analysis, other.analysis);
  const moves = forecastMoves(base.analysis, other.analysis);
  const zone = zoneChange(base.analysis, other.analysis);
  const table = (caption, head, rows, empty) => (rows.length
    ? h('table', { class: 'grid compare' }, h('caption', {}, caption),
      h('thead', {}, h('tr', {}, head.map((t) => h('th', { scope: 'col' }, t)))), h('tbody', {}, rows))
    : h('p', { class: 'hint' }, `${caption}: ${empty}`));
  return h('div', { class: 'comparison' },
    h('table', { class: 'grid compare zone-compare' }, h('caption', {}, `Zone: ${zone.verdict}`),
      h('thead', {}, h('tr', {}, h('th', {}, ''), labels.map((l) => h('th', { scope: 'col' }, l)))),
      h('tbody', {},
        h('tr', {}, h('th', { scope: 'row' }, 'zone'), [zone.from, zone.to].map((z) => h('td', { class: z.possible ? 'v-acceptable' : 'v-unacceptable' }, z.possible ? 'open' : 'closed'))),
        h('tr', {}, h('th', { scope: 'row' }, 'margin'), [zone.from, zone.to].map((z) => h('td', { class: 'num' }, fmt(z.margin, 3)))),
        h('tr', {}, h('th', { scope: 'row' }, 'barrier gap'), [zone.from, zone.to].map((z) => h('td', { class: 'num' }, fmt(z.gap)))))),
    table(`Inputs changed (${inputs.length})`, ['input', labels[0], labels[1]],
      inputs.slice(0, 200).map((c) => h('tr', {}, h('td', {}, h('code', {}, c.path)), h('td', {}, show(c.from)), h('td', {}, show(c.to)))), 'none'),
    table(`Verdicts flipped (${flips.length})`, ['proposal', 'actor', 'on', labels[0], labels[1]],
      flips.map((f) => h('tr', {}, h('td', {}, f.proposal), h('td', {}, f.actor || 'all'), h('td', {}, f.what),
        h('td', { class: `v-${f.from}` }, String(f.from)), h('td', { class: `v-${f.to}` }, String(f.to)))), 'none'),
    table(`Forecasts moved (${moves.length})`, ['model', 'issue', labels[0], labels[1], 'change'],
      moves.map((m) => h('tr', {}, h('td', {}, m.model), h('td', {}, m.issue), h('td', { class: 'num' }, fmt(m.from, 1)),
        h('td', { class: 'num' }, fmt(m.to, 1)), h('td', { class: 'num' }, (m.to > m.from ? '+' : '') + fmt(m.to - m.from, 1)))), 'none'));
}

export function renderWhatifs(ctx) {
  const st = ctx.state;
  const view = document.getElementById('view-whatifs');
  if (!st.analysis) return;
  // Compare what was analysed: while the editor holds errors, its last valid state.
  const current = { scenario: JSON.parse(st.analysedText), analysis: st.analysis };
  if (!st.baseline) st.baseline = { scenario: clone(current.scenario), analysis: st.analysis };
  const name = h('input', { type: 'text', id: 'whatif-name', 'aria-label': 'Name of the what-if', placeholder: 'name, e.g. "Ukraine cedes Donetsk"' });
  const keep = h('button', { type: 'button', class: 'primary', id: 'keep-whatif', onclick: () => {
    st.whatifs.push({ name: name.value.trim() || `what-if ${st.whatifs.length + 1}`, scenario: clone(current.scenario), analysis: st.analysis });
    renderWhatifs(ctx);
  } }, 'Keep as what-if');
  const rebase = h('button', { type: 'button', onclick: () => {
    st.baseline = { scenario: clone(current.scenario), analysis: st.analysis };
    renderWhatifs(ctx);
  } }, 'Make this the baseline');
  const list = st.whatifs.map((w, k) => h('details', { class: 'whatif' },
    h('summary', {}, h('strong', {}, w.name), ` — zone ${zoneChange(st.baseline.analysis, w.analysis).verdict}`),
    h('p', {}, h('button', { type: 'button', onclick: () => ctx.load(clone(w.scenario), `opened what-if ${w.name}`) }, 'Open in editor'), ' ',
      h('button', { type: 'button', onclick: () => { st.whatifs.splice(k, 1); renderWhatifs(ctx); } }, 'Remove')),
    comparison(st.baseline, w, ['baseline', w.name])));
  clear(view,
    h('p', {}, name, ' ', keep, ' ', rebase),
    st.errors.length ? h('p', { class: 'bad' }, 'The scenario has errors: the comparison below is of its last valid state.') : null,
    h('section', {}, h('h3', {}, 'Now against the baseline'), comparison(st.baseline, current, ['baseline', 'now'])),
    list.length ? h('section', {}, h('h3', {}, 'Kept what-ifs'), list) : null);
}
