// Form fields bound to a member of the scenario being edited. Every field carries
// data-path, the member's path as parley's error messages write it (`actors[2].capability`),
// so that an error from the server lands next to the field it concerns (editor.js).
import { h } from './util.js';

// A number field. An empty field removes the member, so that the server reports a missing
// required member with the CLI's own message rather than the app guessing one.
export function numberField(obj, key, path, label, onChange, opts = {}) {
  const el = h('input', {
    type: 'number', 'data-path': path, 'aria-label': label, class: opts.class || 'num',
    step: opts.step ?? 'any', min: opts.min, max: opts.max,
    value: obj[key] === undefined ? '' : obj[key],
  });
  el.addEventListener('input', () => {
    if (el.value === '') delete obj[key];
    else obj[key] = Number(el.value);
    onChange(false, el);
  });
  return el;
}

export function textField(obj, key, path, label, onChange, opts = {}) {
  const el = h('input', {
    type: 'text', 'data-path': path, 'aria-label': label, class: opts.class || 'text',
    value: obj[key] ?? '', placeholder: opts.placeholder,
  });
  // Ids are renamed on commit (change), since every reference to them follows (editor.js).
  el.addEventListener(opts.onCommit ? 'change' : 'input', () => {
    const old = obj[key];
    if (el.value === '' && opts.optional) delete obj[key];
    else obj[key] = el.value;
    if (opts.onCommit) opts.onCommit(old, el.value);
    else onChange(false, el);
  });
  return el;
}

export function checkField(obj, key, path, label, onChange) {
  const el = h('input', { type: 'checkbox', 'data-path': path, 'aria-label': label, checked: !!obj[key] });
  el.addEventListener('change', () => { obj[key] = el.checked; onChange(false, el); });
  return el;
}

// A slider and a number kept in step (positions, saliences, reservations).
export function sliderField(obj, key, path, label, onChange, min, max, step) {
  const value = obj[key] === undefined ? '' : obj[key];
  const slider = h('input', { type: 'range', min, max, step, value: value === '' ? min : value,
    'aria-label': `${label} (slider)`, tabindex: '-1' });
  const num = h('input', { type: 'number', min, max, step: 'any', value, class: 'num',
    'data-path': path, 'aria-label': label });
  slider.addEventListener('input', () => {
    obj[key] = Number(slider.value);
    num.value = slider.value;
    onChange(false, num);
  });
  num.addEventListener('input', () => {
    if (num.value === '') delete obj[key];
    else { obj[key] = Number(num.value); slider.value = num.value; }
    onChange(false, num);
  });
  return h('span', { class: 'slider-field' }, slider, num);
}

export function selectField(obj, key, path, label, choices, onChange, opts = {}) {
  const el = h('select', { 'data-path': path, 'aria-label': label },
    choices.map(([v, text]) => h('option', { value: v }, text)));
  el.value = obj[key] ?? opts.empty ?? '';
  el.addEventListener('change', () => {
    if (el.value === '' && opts.optional) delete obj[key];
    else obj[key] = opts.number ? Number(el.value) : el.value;
    onChange(opts.structural || false, el);
  });
  return el;
}

export function button(text, label, onClick, cls = '') {
  return h('button', { type: 'button', class: cls, 'aria-label': label, onclick: onClick }, text);
}
