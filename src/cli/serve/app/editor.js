// The scenario editor: one tab per part of the native format (docs/scenario-format.md).
// Edits change ctx.state.scenario in place and call ctx.changed(structural): a structural
// change (a member added or removed, an id renamed) redraws the tab, a value change does not,
// so typing keeps the focus.
import { h, clear, fmt, range, isOptions, freshId } from './util.js';
import { numberField, textField, checkField, sliderField, selectField, button } from './fields.js';
import { renderRedLines } from './redlines.js';
import { renderUncertainty, renderShocks } from './editor_more.js';
import { placeErrors } from './errors.js';

export function renderEditor(ctx) {
  const panel = document.getElementById('editor-panel');
  const tabs = { actors: renderActors, issues: renderIssues, stances: renderStances,
    redlines: renderRedLines, proposals: renderProposals, uncertainty: renderUncertainty,
    shocks: renderShocks };
  clear(panel, (tabs[ctx.state.editorTab] || renderActors)(ctx));
  placeErrors(ctx);
}

// Renames follow every reference, so that renaming an id never breaks the scenario.
function renameActor(scn, from, to) {
  for (const g of scn.uncertainty || []) for (const d of g.draws || []) if (d.actor === from) d.actor = to;
  for (const s of scn.shocks || []) for (const c of s.changes || []) if (c.actor === from) c.actor = to;
  for (const a of scn.ktab?.ideal_adjustment || []) {
    if (a.actor === from) a.actor = to;
    if (a.reference === from) a.reference = to;
  }
}

function renameKey(obj, from, to) {
  if (!obj || !(from in obj)) return;
  obj[to] = obj[from];
  delete obj[from];
}

function renameIssue(scn, from, to) {
  for (const a of scn.actors || []) { renameKey(a.stances, from, to); renameKey(a.red_lines, from, to); }
  for (const p of scn.proposals || []) renameKey(p.positions, from, to);
  for (const g of scn.uncertainty || []) for (const d of g.draws || []) if (d.issue === from) d.issue = to;
  for (const s of scn.shocks || []) for (const c of s.changes || []) if (c.issue === from) c.issue = to;
}

function defaultStance(issue) {
  if (isOptions(issue)) return { values: Object.fromEntries(issue.options.map((o) => [o.id, 0.5])), salience: 0.5 };
  const [lo, hi] = range(issue);
  return { position: (lo + hi) / 2, salience: 0.5 };
}

export function addActor(ctx) {
  const scn = ctx.state.scenario;
  scn.actors = scn.actors || [];
  const id = freshId('A', scn.actors.map((a) => a.id));
  const stances = Object.fromEntries((scn.issues || []).map((i) => [i.id, defaultStance(i)]));
  scn.actors.push({ id, name: `New actor ${id}`, capability: 10, reservation: 0, veto: false, stances });
  ctx.changed(true);
}

function renderActors(ctx) {
  const scn = ctx.state.scenario;
  const on = ctx.changed;
  const rows = (scn.actors || []).map((a, i) => {
    const p = `actors[${i}]`;
    const who = a.name || a.id;
    return h('tr', {},
      h('td', {}, h('span', { class: `swatch c${i % 8}`, 'aria-hidden': 'true' }),
        textField(a, 'id', `${p}.id`, `${who}: id`, on, { class: 'id', onCommit: (old, v) => { renameActor(scn, old, v); on(true); } })),
      h('td', {}, textField(a, 'name', `${p}.name`, `${who}: name`, on, { optional: true })),
      h('td', {}, numberField(a, 'capability', `${p}.capability`, `${who}: capability`, on, { min: 0 })),
      h('td', {}, sliderField(a, 'reservation', `${p}.reservation`, `${who}: reservation`, on, 0, 1, 0.01)),
      h('td', { class: 'center' }, checkField(a, 'veto', `${p}.veto`, `${who}: veto`, on)),
      h('td', {}, button('✕', `Remove ${who}`, () => { scn.actors.splice(i, 1); on(true); }, 'icon')));
  });
  return h('div', {},
    h('table', { class: 'grid' },
      h('caption', {}, 'Actors: capability (power, any unit), reservation (utility of no deal), veto'),
      h('thead', {}, h('tr', {}, ['Id', 'Name', 'Capability', 'Reservation', 'Veto', ''].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows)),
    h('p', {}, button('Add actor', 'Add actor', () => addActor(ctx), 'primary')));
}

function renderOptions(ctx, issue, p) {
  const scn = ctx.state.scenario;
  const on = ctx.changed;
  const list = issue.options.map((o, k) => h('li', {},
    textField(o, 'id', `${p}.options[${k}].id`, `${issue.id}: option ${k + 1} id`, on, { class: 'id',
      onCommit: (old, v) => {
        for (const a of scn.actors || []) {
          renameKey(a.stances?.[issue.id]?.values, old, v);
          const rl = a.red_lines?.[issue.id];
          if (rl?.allowed) rl.allowed = rl.allowed.map((x) => (x === old ? v : x));
        }
        for (const pr of scn.proposals || []) if (pr.positions?.[issue.id] === old) pr.positions[issue.id] = v;
        on(true);
      } }),
    textField(o, 'label', `${p}.options[${k}].label`, `${issue.id}: option ${k + 1} label`, on, { optional: true }),
    button('✕', `Remove option ${o.id}`, () => {
      issue.options.splice(k, 1);
      for (const a of scn.actors || []) {
        delete a.stances?.[issue.id]?.values?.[o.id];
        const rl = a.red_lines?.[issue.id];
        if (rl?.allowed) rl.allowed = rl.allowed.filter((x) => x !== o.id);
      }
      for (const pr of scn.proposals || []) {
        if (pr.positions?.[issue.id] === o.id && issue.options[0]) pr.positions[issue.id] = issue.options[0].id;
      }
      on(true);
    }, 'icon')));
  return h('div', { class: 'options' }, h('ul', {}, list),
    button('Add option', `Add an option to ${issue.id}`, () => {
      const id = freshId('option', issue.options.map((o) => o.id));
      issue.options.push({ id, label: id });
      for (const a of scn.actors || []) if (a.stances?.[issue.id]?.values) a.stances[issue.id].values[id] = 0.5;
      on(true);
    }));
}

function addIssue(ctx, options) {
  const scn = ctx.state.scenario;
  scn.issues = scn.issues || [];
  const id = freshId('issue', scn.issues.map((i) => i.id));
  const issue = options
    ? { id, name: `New issue ${id}`, options: [{ id: 'yes', label: 'yes' }, { id: 'no', label: 'no' }] }
    : { id, name: `New issue ${id}`, range: [0, 100] };
  scn.issues.push(issue);
  for (const a of scn.actors || []) { a.stances = a.stances || {}; a.stances[id] = defaultStance(issue); }
  for (const p of scn.proposals || []) { p.positions = p.positions || {}; p.positions[id] = options ? 'yes' : 50; }
  ctx.changed(true);
}

function removeIssue(ctx, k) {
  const scn = ctx.state.scenario;
  const [issue] = scn.issues.splice(k, 1);
  for (const a of scn.actors || []) { delete a.stances?.[issue.id]; delete a.red_lines?.[issue.id]; }
  for (const p of scn.proposals || []) delete p.positions?.[issue.id];
  for (const g of scn.uncertainty || []) g.draws = (g.draws || []).filter((d) => d.issue !== issue.id);
  for (const s of scn.shocks || []) s.changes = (s.changes || []).filter((c) => c.issue !== issue.id);
  ctx.changed(true);
}

function renderIssues(ctx) {
  const scn = ctx.state.scenario;
  const on = ctx.changed;
  const rows = (scn.issues || []).map((issue, k) => {
    const p = `issues[${k}]`;
    const r = issue.range || (issue.range = isOptions(issue) ? undefined : [0, 100]);
    return h('tr', {},
      h('td', {}, textField(issue, 'id', `${p}.id`, `Issue ${k + 1}: id`, on, { class: 'id',
        onCommit: (old, v) => { renameIssue(scn, old, v); on(true); } })),
      h('td', {}, textField(issue, 'name', `${p}.name`, `${issue.id}: name`, on, { optional: true })),
      isOptions(issue)
        ? h('td', { colspan: 2 }, renderOptions(ctx, issue, p))
        : [h('td', {}, numberField(r, 0, `${p}.range`, `${issue.id}: low end of range`, on, { class: 'num short' }),
            ' – ', numberField(r, 1, `${p}.range`, `${issue.id}: high end of range`, on, { class: 'num short' })),
          h('td', {},
            textField(issue, 'low_label', `${p}.low_label`, `${issue.id}: what the low end means`, on, { optional: true, placeholder: 'low end means…' }),
            textField(issue, 'high_label', `${p}.high_label`, `${issue.id}: what the high end means`, on, { optional: true, placeholder: 'high end means…' }))],
      h('td', {}, button('✕', `Remove issue ${issue.id}`, () => removeIssue(ctx, k), 'icon')));
  });
  return h('div', {},
    h('table', { class: 'grid' },
      h('caption', {}, 'Issues: continuous on a range, or a choice among options'),
      h('thead', {}, h('tr', {}, ['Id', 'Name', 'Range / options', 'Labels', ''].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows)),
    h('p', {}, button('Add issue', 'Add a continuous issue', () => addIssue(ctx, false), 'primary'), ' ',
      button('Add options issue', 'Add an options issue', () => addIssue(ctx, true))));
}

function renderStances(ctx) {
  const scn = ctx.state.scenario;
  const on = ctx.changed;
  const actors = scn.actors || [];
  if (!actors.length) return h('p', {}, 'No actors yet.');
  let ai = actors.findIndex((a) => a.id === ctx.state.stanceActor);
  if (ai < 0) ai = 0;
  const actor = actors[ai];
  const pick = h('select', { id: 'stance-actor', 'aria-label': 'Actor whose stances to edit' },
    actors.map((a) => h('option', { value: a.id }, a.name || a.id)));
  pick.value = actor.id;
  pick.addEventListener('change', () => { ctx.state.stanceActor = pick.value; on(true, null, false); });
  actor.stances = actor.stances || {};
  const rows = (scn.issues || []).map((issue) => {
    const p = `actors[${ai}].stances.${issue.id}`;
    const st = actor.stances[issue.id];
    const name = issue.name || issue.id;
    if (!st) {
      return h('tr', { class: 'absent' }, h('th', { scope: 'row' }, name),
        h('td', { colspan: 2 }, 'takes no part ',
          button('Add stance', `Add ${actor.id}'s stance on ${issue.id}`, () => { actor.stances[issue.id] = defaultStance(issue); on(true); })));
    }
    let where;
    if (isOptions(issue)) {
      st.values = st.values || {};
      where = h('div', { class: 'values' }, issue.options.map((o) => h('label', { class: 'value' },
        h('span', {}, o.label || o.id),
        sliderField(st.values, o.id, `${p}.values.${o.id}`, `${actor.id} value of ${o.id} on ${issue.id}`, on, 0, 1, 0.01))));
    } else {
      const [lo, hi] = range(issue);
      where = sliderField(st, 'position', `${p}.position`, `${actor.id} position on ${issue.id}`, on, lo, hi, (hi - lo) / 100);
    }
    return h('tr', {}, h('th', { scope: 'row', title: `${issue.low_label || ''} … ${issue.high_label || ''}` }, name),
      h('td', {}, where),
      h('td', {}, sliderField(st, 'salience', `${p}.salience`, `${actor.id} salience of ${issue.id}`, on, 0, 1, 0.01)),
      h('td', {}, button('✕', `Remove ${actor.id}'s stance on ${issue.id}`, () => { delete actor.stances[issue.id]; on(true); }, 'icon')));
  });
  return h('div', {},
    h('p', {}, h('label', { for: 'stance-actor' }, 'Actor '), pick),
    h('table', { class: 'grid' },
      h('caption', {}, `What ${actor.name || actor.id} wants (position) and how much it cares (salience, 0-1)`),
      h('thead', {}, h('tr', {}, ['Issue', 'Position', 'Salience', ''].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows)));
}

function renderProposals(ctx) {
  const scn = ctx.state.scenario;
  const on = ctx.changed;
  const props = scn.proposals || [];
  const head = h('tr', {}, h('th', { scope: 'col' }, 'Issue'), props.map((pr, j) => h('th', { scope: 'col' },
    textField(pr, 'id', `proposals[${j}].id`, `Proposal ${j + 1}: id`, on, { class: 'id', onCommit: () => on(true) }),
    textField(pr, 'name', `proposals[${j}].name`, `Proposal ${j + 1}: name`, on, { optional: true }),
    textField(pr, 'date', `proposals[${j}].date`, `Proposal ${j + 1}: date`, on, { optional: true, placeholder: 'date' }),
    button('✕', `Remove proposal ${pr.id}`, () => { props.splice(j, 1); on(true); }, 'icon'))));
  const rows = (scn.issues || []).map((issue) => h('tr', {}, h('th', { scope: 'row' }, issue.name || issue.id),
    props.map((pr, j) => {
      pr.positions = pr.positions || {};
      const path = `proposals[${j}].positions.${issue.id}`;
      const label = `${pr.id} on ${issue.id}`;
      return h('td', {}, isOptions(issue)
        ? selectField(pr.positions, issue.id, path, label, issue.options.map((o) => [o.id, o.label || o.id]), on)
        : numberField(pr.positions, issue.id, path, label, on, { min: range(issue)[0], max: range(issue)[1] }));
    })));
  const add = () => {
    const id = freshId('proposal', props.map((p) => p.id));
    const positions = Object.fromEntries((scn.issues || []).map((i) => [i.id,
      isOptions(i) ? i.options[0].id : (range(i)[0] + range(i)[1]) / 2]));
    scn.proposals = props;
    props.push({ id, name: `New proposal ${id}`, positions });
    on(true);
  };
  return h('div', { class: 'scroll-x' },
    h('table', { class: 'grid proposals' }, h('caption', {}, 'Proposals: the outcome each gives every issue'),
      h('thead', {}, head), h('tbody', {}, rows)),
    h('p', {}, button('Add proposal', 'Add proposal', add, 'primary')));
}

export { fmt };
