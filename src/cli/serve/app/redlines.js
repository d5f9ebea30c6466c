// The red-line editor: each issue is a line from its low to its high end; each actor's red
// line is a band on its own lane whose bounds can be dragged with the mouse or moved with the
// arrow keys (the handles are ARIA sliders), and typed in the number fields beside it.
import { h, fmt, range, isOptions } from './util.js';
import { numberField, button } from './fields.js';

const W = 420, PAD = 14, LANE = 16;

function snap(v, lo, hi) {
  const step = (hi - lo) / 100;
  return Math.min(hi, Math.max(lo, Math.round(v / step) * step));
}

function continuousIssue(ctx, issue) {
  const scn = ctx.state.scenario;
  const on = ctx.changed;
  const [lo, hi] = range(issue);
  const actors = scn.actors || [];
  const x = (v) => PAD + ((v - lo) / (hi - lo)) * (W - 2 * PAD);
  const height = 26 + LANE * actors.length;
  const svg = h('svg:svg', { viewBox: `0 0 ${W} ${height}`, class: 'issue-line', role: 'group',
    'aria-label': `Red lines on ${issue.name || issue.id}` },
  h('svg:line', { x1: x(lo), x2: x(hi), y1: 12, y2: 12, class: 'axis' }),
  h('svg:text', { x: x(lo), y: 8, class: 'tick' }, fmt(lo)),
  h('svg:text', { x: x(hi), y: 8, class: 'tick end' }, fmt(hi)));
  const fields = [];
  actors.forEach((a, i) => {
    const y = 22 + LANE * i;
    const st = a.stances?.[issue.id];
    if (st && typeof st.position === 'number') {
      svg.append(h('svg:circle', { cx: x(st.position), cy: y + 5, r: 3, class: `ideal c${i % 8}` },
        h('svg:title', {}, `${a.id} wants ${fmt(st.position)}`)));
    }
    const rl = a.red_lines?.[issue.id];
    const p = `actors[${i}].red_lines.${issue.id}`;
    if (!rl) {
      fields.push(h('tr', {}, h('th', { scope: 'row' }, a.id), h('td', { colspan: 3 },
        button('Add red line', `Add a red line for ${a.id} on ${issue.id}`, () => {
          a.red_lines = a.red_lines || {};
          a.red_lines[issue.id] = { min: lo, max: hi };
          on(true);
        }, 'small'))));
      return;
    }
    const band = h('svg:rect', { y, height: 10, class: `band c${i % 8}` });
    const minInput = numberField(rl, 'min', `${p}.min`, `${a.id} red line on ${issue.id}: lowest acceptable`, (s, el) => { draw(); on(s, el); }, { class: 'num short' });
    const maxInput = numberField(rl, 'max', `${p}.max`, `${a.id} red line on ${issue.id}: highest acceptable`, (s, el) => { draw(); on(s, el); }, { class: 'num short' });
    const handle = (key, input) => {
      const el = h('svg:rect', { width: 8, height: 16, y: y - 3, rx: 2, class: `handle c${i % 8}`,
        role: 'slider', tabindex: 0, 'aria-valuemin': lo, 'aria-valuemax': hi,
        'aria-label': `${a.id} red line on ${issue.id}: ${key === 'min' ? 'lowest' : 'highest'} acceptable`,
        'data-handle': `${p}.${key}` });
      const set = (v) => {
        rl[key] = snap(v, lo, hi);
        input.value = rl[key];
        draw();
        on(false, input);
      };
      el.addEventListener('pointerdown', (ev) => {
        el.setPointerCapture(ev.pointerId);
        const m = svg.getScreenCTM().inverse();
        const move = (e) => {
          const pt = new DOMPoint(e.clientX, e.clientY).matrixTransform(m);
          set(lo + ((pt.x - PAD) / (W - 2 * PAD)) * (hi - lo));
        };
        const up = () => { el.removeEventListener('pointermove', move); el.removeEventListener('pointerup', up); };
        el.addEventListener('pointermove', move);
        el.addEventListener('pointerup', up);
        ev.preventDefault();
      });
      el.addEventListener('keydown', (ev) => {
        const step = (hi - lo) / 100;
        const cur = rl[key] ?? (key === 'min' ? lo : hi);
        const by = { ArrowLeft: -step, ArrowDown: -step, ArrowRight: step, ArrowUp: step,
          PageDown: -10 * step, PageUp: 10 * step }[ev.key];
        if (ev.key === 'Home') set(lo);
        else if (ev.key === 'End') set(hi);
        else if (by !== undefined) set(cur + by);
        else return;
        ev.preventDefault();
      });
      return el;
    };
    const hMin = handle('min', minInput);
    const hMax = handle('max', maxInput);
    function draw() {
      const a0 = typeof rl.min === 'number' ? rl.min : lo;
      const a1 = typeof rl.max === 'number' ? rl.max : hi;
      const l = x(Math.max(lo, Math.min(hi, a0)));
      const r = x(Math.max(lo, Math.min(hi, a1)));
      band.setAttribute('x', Math.min(l, r));
      band.setAttribute('width', Math.abs(r - l));
      hMin.setAttribute('x', l - 4);
      hMax.setAttribute('x', r - 4);
      hMin.setAttribute('aria-valuenow', a0);
      hMax.setAttribute('aria-valuenow', a1);
    }
    draw();
    svg.append(h('svg:text', { x: 2, y: y + 9, class: 'lane' }, ''), band, hMin, hMax);
    fields.push(h('tr', {}, h('th', { scope: 'row' }, a.id), h('td', {}, minInput), h('td', {}, maxInput),
      h('td', {}, button('✕', `Remove ${a.id}'s red line on ${issue.id}`, () => { delete a.red_lines[issue.id]; on(true); }, 'icon'))));
  });
  return [svg, h('table', { class: 'grid compact' },
    h('thead', {}, h('tr', {}, ['', 'min', 'max', ''].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, fields))];
}

function optionsIssue(ctx, issue) {
  const scn = ctx.state.scenario;
  const on = ctx.changed;
  const rows = (scn.actors || []).map((a, i) => {
    const rl = a.red_lines?.[issue.id];
    const p = `actors[${i}].red_lines.${issue.id}`;
    const boxes = issue.options.map((o) => {
      const box = h('input', { type: 'checkbox', 'data-path': `${p}.allowed`,
        'aria-label': `${a.id} accepts ${o.id} on ${issue.id}`, checked: !rl || rl.allowed?.includes(o.id) });
      box.addEventListener('change', () => {
        a.red_lines = a.red_lines || {};
        const cur = a.red_lines[issue.id] || { allowed: issue.options.map((x) => x.id) };
        const set = new Set(cur.allowed || []);
        if (box.checked) set.add(o.id); else set.delete(o.id);
        cur.allowed = issue.options.map((x) => x.id).filter((x) => set.has(x));
        // Every option allowed is no red line at all.
        if (cur.allowed.length === issue.options.length) delete a.red_lines[issue.id];
        else a.red_lines[issue.id] = cur;
        on(false, box);
      });
      return h('label', { class: 'opt' }, box, ' ', o.label || o.id);
    });
    return h('tr', {}, h('th', { scope: 'row' }, a.id), h('td', {}, boxes));
  });
  return [h('table', { class: 'grid compact' }, h('caption', {}, 'acceptable options'), h('tbody', {}, rows))];
}

export function renderRedLines(ctx) {
  const scn = ctx.state.scenario;
  const blocks = (scn.issues || []).map((issue) => h('fieldset', { class: 'redline', 'data-issue': issue.id },
    h('legend', {}, issue.name || issue.id),
    h('div', { class: 'redline-body' }, isOptions(issue) ? optionsIssue(ctx, issue) : continuousIssue(ctx, issue))));
  return h('div', {},
    h('p', { class: 'hint' }, 'Drag a band\'s ends (or focus one and use the arrow keys) to move an actor\'s red line; dots mark ideal points.'),
    blocks);
}
