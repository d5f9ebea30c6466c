// Editor tabs for the uncertainty groups and the shocks (docs/scenario-format.md,
// "uncertainty" and "shocks").
import { h, freshId } from './util.js';
import { numberField, textField, selectField, button } from './fields.js';

const QUANTITIES = ['capability', 'reservation', 'position', 'salience', 'red_line'];

function actorChoices(scn) { return (scn.actors || []).map((a) => [a.id, a.name || a.id]); }
function issueChoices(scn) { return [['*', 'every issue'], ...(scn.issues || []).map((i) => [i.id, i.name || i.id])]; }

// The issue belongs to position, salience and red line; capability and reservation are the
// actor's own, so their `issue` is left out (scenario-format.md).
function whoWhat(ctx, row, p, label) {
  const scn = ctx.state.scenario;
  const on = ctx.changed;
  const perIssue = !['capability', 'reservation'].includes(row.quantity);
  return [
    h('td', {}, selectField(row, 'actor', `${p}.actor`, `${label}: actor`, actorChoices(scn), on)),
    h('td', {}, selectField(row, 'quantity', `${p}.quantity`, `${label}: quantity`, QUANTITIES.map((q) => [q, q.replace('_', ' ')]), (s, el) => {
      if (['capability', 'reservation'].includes(row.quantity)) delete row.issue;
      on(true, el);
    })),
    h('td', {}, perIssue
      ? selectField(row, 'issue', `${p}.issue`, `${label}: issue`, issueChoices(scn), on, { empty: '*' })
      : '—'),
  ];
}

export function renderUncertainty(ctx) {
  const scn = ctx.state.scenario;
  const on = ctx.changed;
  const groups = scn.uncertainty || [];
  const first = (scn.actors || [])[0]?.id || '';
  const blocks = groups.map((g, k) => {
    const p = `uncertainty[${k}]`;
    g.draws = g.draws || [];
    const rows = g.draws.map((d, j) => {
      const q = `${p}.draws[${j}]`;
      return h('tr', {}, whoWhat(ctx, d, q, `${g.id} draw ${j + 1}`),
        h('td', {}, selectField(d, 'distribution', `${q}.distribution`, `${g.id} draw ${j + 1}: distribution`,
          [['uniform', 'uniform'], ['normal', 'normal'], ['triangular', 'triangular']], on, { empty: 'uniform' })),
        h('td', {}, numberField(d, 'spread', `${q}.spread`, `${g.id} draw ${j + 1}: spread`, on, { min: 0 })),
        h('td', {}, button('✕', `Remove draw ${j + 1} of ${g.id}`, () => { g.draws.splice(j, 1); on(true); }, 'icon')));
    });
    return h('fieldset', { class: 'group' },
      h('legend', {}, textField(g, 'id', `${p}.id`, `Uncertainty group ${k + 1}: id`, on, { class: 'id', onCommit: () => on(true) }),
        ' ', textField(g, 'name', `${p}.name`, `${g.id}: name`, on, { optional: true }),
        ' ', button('✕', `Remove group ${g.id}`, () => { groups.splice(k, 1); on(true); }, 'icon')),
      h('table', { class: 'grid' },
        h('thead', {}, h('tr', {}, ['Actor', 'Quantity', 'Issue', 'Distribution', 'Spread', ''].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, rows)),
      button('Add draw', `Add a draw to ${g.id}`, () => {
        g.draws.push({ actor: first, quantity: 'position', issue: '*', distribution: 'uniform', spread: 5 });
        on(true);
      }));
  });
  return h('div', {},
    h('p', { class: 'hint' }, 'Inputs the Monte Carlo runs draw at random: value ± spread (uniform, triangular) or with standard deviation spread (normal).'),
    blocks,
    h('p', {}, button('Add uncertainty group', 'Add uncertainty group', () => {
      scn.uncertainty = groups;
      groups.push({ id: freshId('group', groups.map((g) => g.id)), draws: [] });
      on(true);
    }, 'primary')));
}

const OPS = ['add', 'multiply', 'set'];

export function renderShocks(ctx) {
  const scn = ctx.state.scenario;
  const on = ctx.changed;
  const shocks = scn.shocks || [];
  const first = (scn.actors || [])[0]?.id || '';
  const blocks = shocks.map((s, k) => {
    const p = `shocks[${k}]`;
    s.changes = s.changes || [];
    const rows = s.changes.map((c, j) => {
      const q = `${p}.changes[${j}]`;
      const op = OPS.find((o) => o in c) || 'add';
      const opSel = h('select', { 'aria-label': `${s.id} change ${j + 1}: operation`, 'data-path': q },
        OPS.map((o) => h('option', { value: o }, o)));
      opSel.value = op;
      opSel.addEventListener('change', () => {
        const v = c[op];
        for (const o of OPS) delete c[o];
        c[opSel.value] = v ?? 0;
        on(true, opSel);
      });
      return h('tr', {}, whoWhat(ctx, c, q, `${s.id} change ${j + 1}`),
        h('td', {}, opSel),
        h('td', {}, numberField(c, op, `${q}.${op}`, `${s.id} change ${j + 1}: amount`, on)),
        h('td', {}, button('✕', `Remove change ${j + 1} of ${s.id}`, () => { s.changes.splice(j, 1); on(true); }, 'icon')));
    });
    return h('fieldset', { class: 'group' },
      h('legend', {}, textField(s, 'id', `${p}.id`, `Shock ${k + 1}: id`, on, { class: 'id', onCommit: () => on(true) }),
        ' ', textField(s, 'name', `${p}.name`, `${s.id}: name`, on, { optional: true }),
        ' ', button('✕', `Remove shock ${s.id}`, () => { shocks.splice(k, 1); on(true); }, 'icon')),
      h('p', { class: 'inline' },
        h('label', {}, 'first round ', numberField(s, 'start_round', `${p}.start_round`, `${s.id}: first round`, on, { min: 1, step: 1, class: 'num short' })),
        h('label', {}, ' repeats every ', numberField(s, 'every', `${p}.every`, `${s.id}: repeats every (rounds, 0 = once)`, on, { min: 0, step: 1, class: 'num short' }), ' rounds (0 = once)')),
      h('table', { class: 'grid' },
        h('thead', {}, h('tr', {}, ['Actor', 'Quantity', 'Issue', 'Operation', 'Amount', ''].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, rows)),
      button('Add change', `Add a change to ${s.id}`, () => {
        s.changes.push({ actor: first, quantity: 'capability', multiply: 1.1 });
        on(true);
      }));
  });
  return h('div', {},
    h('p', { class: 'hint' }, 'Events that change inputs during simulated talks.'),
    blocks,
    h('p', {}, button('Add shock', 'Add shock', () => {
      scn.shocks = shocks;
      shocks.push({ id: freshId('shock', shocks.map((s) => s.id)), start_round: 1, every: 0,
        changes: [{ actor: first, quantity: 'capability', multiply: 1.1 }] });
      on(true);
    }, 'primary')));
}
