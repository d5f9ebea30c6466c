// The live analysis: the document of `parley run --json` (docs/cli-contract.md) shown as
// the zone and the barrier, the verdict matrices, every model's forecast per issue, the
// best packages or the smallest relaxations, what it would take, and the mediator's text.
// The charts are the report's own SVG (POST /api/charts): one drawing code for both.
import { h, clear, fmt } from './util.js';

const MODELS = ['compromise', 'median', 'eu', 'exchange', 'smp'];
const VERDICT_MARK = { acceptable: 'A', critical: 'C', negative: 'N', unacceptable: 'U' };

function issueName(doc, id) {
  const i = (doc.scenario_document?.issues || []).find((x) => x.id === id);
  return i?.name || id;
}

export function summary(doc) {
  const ag = doc.agreement || {};
  const blocking = doc.red_lines?.blocking || [];
  return {
    possible: !!ag.possible,
    margin: ag.margin,
    barrier: blocking.map((b) => ({ issue: b.issue, gap: b.gap, text:
      `${b.low_actor} needs at least ${fmt(b.at_least)}, ${b.high_actor} accepts at most ${fmt(b.at_most)}: a gap of ${fmt(b.gap)}` })),
  };
}

function zoneCard(doc) {
  const s = summary(doc);
  const ag = doc.agreement || {};
  return h('div', { class: 'cards' },
    h('div', { class: `card ${s.possible ? 'good' : 'bad'}`, id: 'zone-status', 'data-possible': String(s.possible) },
      h('h3', {}, 'Zone of agreement'),
      h('p', { class: 'big' }, s.possible ? 'open' : 'closed'),
      h('p', {}, s.possible
        ? `margin ${fmt(s.margin, 3)}: every party that must agree (${(ag.coalition || []).join(', ')}) clears its reservation by at least that`
        : `no package respects the red lines and reservations of ${(ag.coalition || []).join(', ')}`)),
    h('div', { class: `card ${s.barrier.length ? 'bad' : 'good'}`, id: 'barrier', 'data-count': String(s.barrier.length) },
      h('h3', {}, 'Barrier'),
      s.barrier.length
        ? h('ul', {}, s.barrier.map((b) => h('li', {}, h('strong', {}, issueName(doc, b.issue)), ': ', b.text)))
        : h('p', { class: 'big' }, 'none'),
      h('p', {}, doc.red_lines?.compatible ? 'The red lines are compatible.' : 'The red lines are not compatible.')));
}

function verdictMatrix(doc, ev) {
  const issues = doc.issues || [];
  return h('table', { class: 'grid verdicts' },
    h('caption', {}, `${ev.name || ev.proposal}: ${ev.passes ? 'passes' : 'does not pass'}`),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Actor'),
      issues.map((i) => h('th', { scope: 'col', title: issueName(doc, i) }, i)),
      h('th', { scope: 'col' }, 'Package'))),
    h('tbody', {}, (ev.actors || []).map((a) => h('tr', {}, h('th', { scope: 'row' }, a.actor),
      issues.map((id) => {
        const it = (a.items || []).find((x) => x.issue === id);
        if (!it) return h('td', { class: 'na' }, '·');
        return h('td', { class: `v-${it.verdict}`, title: `${a.actor} on ${id}: ${it.verdict}, utility ${fmt(it.utility)}` },
          VERDICT_MARK[it.verdict] || '?');
      }),
      h('td', { class: a.acceptance?.startsWith('accepts') ? 'v-acceptable' : 'v-unacceptable' },
        `${a.acceptance} (${fmt(a.utility)})`)))));
}

function forecasts(doc) {
  const models = MODELS.filter((m) => doc.models?.[m]);
  const na = Object.keys(doc.not_applicable || {});
  return h('table', { class: 'grid forecasts' },
    h('caption', {}, 'Every model\'s forecast per issue', na.length ? ` (not applicable: ${na.join(', ')})` : ''),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Issue'), models.map((m) => h('th', { scope: 'col' }, m)))),
    h('tbody', {}, (doc.issues || []).map((id, k) => h('tr', {}, h('th', { scope: 'row', title: issueName(doc, id) }, id),
      models.map((m) => h('td', { class: 'num' }, fmt(doc.models[m].forecast?.[k], 1)))))));
}

function packageTable(doc, caption, rows) {
  const issues = doc.issues || [];
  const actors = doc.actors || [];
  return h('table', { class: 'grid packages' }, h('caption', {}, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, ''), issues.map((i) => h('th', { scope: 'col', title: issueName(doc, i) }, i)),
      actors.map((a) => h('th', { scope: 'col', class: 'util' }, `U(${a})`)))),
    h('tbody', {}, rows.map(([name, p]) => h('tr', {}, h('th', { scope: 'row' }, name),
      issues.map((_, k) => h('td', { class: 'num' }, fmt(p.outcome?.[k], 1))),
      actors.map((_, k) => h('td', { class: 'num util' }, fmt(p.utilities?.[k], 3)))))));
}

function zoneDetails(doc) {
  const ag = doc.agreement || {};
  const out = [];
  if (ag.possible && ag.solutions) {
    out.push(packageTable(doc, 'Best packages inside the zone (exact optima)',
      Object.entries(ag.solutions).filter(([, p]) => p).map(([k, p]) => [k.replace('_', ' '), p])));
  }
  const bl = ag.blocked;
  if (bl) {
    out.push(h('h4', {}, 'Conflicts'), h('ul', {}, (bl.conflicts || []).map((c) => h('li', {},
      c.constraints.join(' vs '), c.margin_without !== undefined ? ` (without them the margin would be ${fmt(c.margin_without, 3)})` : ''))));
    out.push(h('h4', {}, 'Smallest relaxations'), h('ul', {}, (bl.relaxations || []).map((r) => h('li', {},
      r.moves.map((m) => `${m.constraint} moved by ${fmt(m.amount)} (to ${fmt(m.min)}–${fmt(m.max)})`).join('; '),
      `: margin ${fmt(r.margin, 3)}`))));
    if (bl.closest) out.push(packageTable(doc, 'Closest package (smallest total relaxation)', [['closest', bl.closest]]));
  }
  const wit = ag.what_it_takes || [];
  if (wit.length) {
    out.push(h('table', { class: 'grid', id: 'what-it-takes' }, h('caption', {}, 'What it would take: each blocking line moved alone'),
      h('thead', {}, h('tr', {}, ['Issue', 'Actor', 'Constraint', 'Now', 'Opens at'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, wit.map((w) => h('tr', {}, h('td', {}, issueName(doc, w.issue)), h('td', {}, w.actor),
        h('td', {}, `${w.constraint.replace('_', ' ')}${w.bound ? ` (${w.bound})` : ''}`), h('td', { class: 'num' }, fmt(w.from)),
        h('td', { class: 'num' }, w.opens_at === null ? 'never alone' : fmt(w.opens_at)))))));
  }
  return out;
}

// The mediator's single negotiating text, when the server's document carries one
// (`mediation`, as `parley mediate --json` writes it).
function mediation(doc) {
  const m = doc.mediation;
  if (!m) return null;
  return h('section', { id: 'mediation' }, h('h3', {}, `Mediator's single text (from ${m.from})`),
    h('p', {}, m.feasible ? 'Every veto actor can accept this text.' : 'No text satisfies every veto actor; the smallest change crosses:',
      m.crossed?.length ? ` ${m.crossed.map((c) => `${c.constraint} by ${fmt(c.amount)}`).join(', ')}` : ''),
    h('ul', {}, (m.items || []).map((it) => h('li', {}, `${issueName(doc, it.issue)}: ${fmt(it.from)} → ${fmt(it.to)}`))));
}

function chartsCurrent(ctx) {
  return ctx.state.chartsText !== null && ctx.state.chartsText === ctx.state.analysedText;
}

function chartFigure(ctx, name) {
  const svg = ctx.state.charts?.[name];
  if (!svg) return null;
  const current = chartsCurrent(ctx);
  const fig = h('figure', { class: `chart${current ? '' : ' stale'}`, 'data-chart': name },
    current ? null : h('figcaption', { class: 'stale-note' }, 'being redrawn for the scenario as it stands now: this one is of an earlier state'));
  const parsed = new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement;
  if (parsed.nodeName !== 'svg') return null;
  // The charts come from our own server, but nothing that could run is kept.
  for (const s of parsed.querySelectorAll('script, foreignObject')) s.remove();
  for (const el of parsed.querySelectorAll('*')) {
    for (const a of [...el.attributes]) if (/^on/i.test(a.name) || a.name === 'style') el.removeAttribute(a.name);
  }
  fig.append(document.importNode(parsed, true));
  return fig;
}

export function renderAnalysis(ctx) {
  const doc = ctx.state.analysis;
  const view = document.getElementById('view-analysis');
  if (!doc) return;
  document.body.dataset.chartsCurrent = String(chartsCurrent(ctx));
  clear(view,
    zoneCard(doc),
    h('section', {}, h('h3', {}, 'Where the parties stand'), h('div', { id: 'issues-chart' }, chartFigure(ctx, 'issues') || h('p', { class: 'hint' }, 'chart loading…'))),
    h('section', {}, h('h3', {}, 'Zone'), zoneDetails(doc)),
    mediation(doc),
    h('section', {}, h('h3', {}, 'Verdicts'), h('p', { class: 'legend' },
      'A acceptable · C critical · N negative · U unacceptable (outside a red line)'),
    (doc.evaluations || []).map((ev) => h('div', { class: 'scroll-x' }, verdictMatrix(doc, ev)))),
    h('section', {}, h('h3', {}, 'Forecasts'), forecasts(doc)),
    h('section', {}, h('h3', {}, 'Frontier'), h('div', { id: 'frontier-chart' }, chartFigure(ctx, 'frontier') || h('p', { class: 'hint' }, 'chart loading…'))));
}

const CHART_ORDER = ['issues', 'frontier', 'what-it-takes', 'settlement'];

export function renderCharts(ctx) {
  const message = ctx.state.chartsError;
  document.body.dataset.chartsCurrent = String(chartsCurrent(ctx));
  const view = document.getElementById('view-charts');
  const names = Object.keys(ctx.state.charts || {});
  names.sort((a, b) => {
    const ia = CHART_ORDER.indexOf(a), ib = CHART_ORDER.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
  });
  clear(view, message ? h('p', { class: 'bad' }, message) : null, names.map((n) => chartFigure(ctx, n)));
  const issues = document.getElementById('issues-chart');
  if (issues) clear(issues, chartFigure(ctx, 'issues'));
  const frontier = document.getElementById('frontier-chart');
  if (frontier) clear(frontier, chartFigure(ctx, 'frontier'));
}
