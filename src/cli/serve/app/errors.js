// Puts each error the server reported next to the field it concerns, all of them at once.
// The server's errors carry the path of the member (`actors[2].capability`, with the CLI's
// own messages: docs/scenario-format.md, "Errors"); a field carries the same path in
// data-path. An error whose member has no field of its own goes to the nearest enclosing
// one (`actors[1].red_lines.donetsk` -> the red line's fields), and every error is also
// listed above the editor with a button that opens its tab.
import { h, clear } from './util.js';

const TAB_OF = [
  [/^actors\[\d+\]\.stances/, 'stances'], [/^actors\[\d+\]\.red_lines/, 'redlines'],
  [/^actors/, 'actors'], [/^issues/, 'issues'], [/^proposals/, 'proposals'],
  [/^uncertainty/, 'uncertainty'], [/^shocks/, 'shocks'],
];

export function tabOf(path) {
  for (const [re, tab] of TAB_OF) if (re.test(path || '')) return tab;
  return null;
}

// `a[1].b.c` -> `a[1].b` -> `a[1]` -> `a`
function parent(path) {
  const m = /^(.*)(\.[^.[\]]+|\[\d+\])$/.exec(path);
  return m ? m[1] : null;
}

function fieldsFor(path) {
  const panel = document.getElementById('editor-panel');
  for (let p = path; p; p = parent(p)) {
    const found = [...panel.querySelectorAll('[data-path]')].filter((el) => el.dataset.path === p);
    if (found.length) return found;
  }
  return [];
}

export function placeErrors(ctx) {
  const panel = document.getElementById('editor-panel');
  for (const el of panel.querySelectorAll('.field-error')) el.remove();
  for (const el of panel.querySelectorAll('[aria-invalid]')) {
    el.removeAttribute('aria-invalid');
    el.removeAttribute('aria-describedby');
  }
  const errors = ctx.state.errors || [];
  const box = document.getElementById('errors');
  box.hidden = errors.length === 0;
  const items = errors.map((e0, k) => {
    // The CLI's message may begin with the path it concerns; the path is shown apart.
    const e = { ...e0, message: e0.path && e0.message?.startsWith(`${e0.path}: `) ? e0.message.slice(e0.path.length + 2) : e0.message };
    const where = e.path || (e.line ? `line ${e.line}, column ${e.col}` : '');
    const tab = tabOf(e.path);
    const fields = fieldsFor(e.path);
    if (fields.length) {
      const id = `error-${k}`;
      const target = fields[0];
      target.setAttribute('aria-invalid', 'true');
      target.setAttribute('aria-describedby', id);
      const anchor = target.closest('.slider-field') || target;
      anchor.after(h('span', { class: 'field-error', id }, e.message));
    }
    return h('li', {}, where ? h('code', {}, where) : null, where ? ': ' : '', e.message,
      tab && tab !== ctx.state.editorTab
        ? [' ', h('button', { type: 'button', class: 'small', onclick: () => ctx.showTab(tab) }, `show in ${tab}`)] : null);
  });
  clear(box, errors.length ? [h('p', {}, `${errors.length} error${errors.length > 1 ? 's' : ''} in the scenario (the analysis shows the last valid one):`),
    h('ul', {}, items)] : []);
}
