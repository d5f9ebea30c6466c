// Monte Carlo on demand (issue #16, point 3): POST /api/simulate with Accept:
// text/event-stream; `progress` events move the bar, one `result` event carries the document
// of `parley simulate --json` (docs/simulation.md). Cancel aborts the request, which the
// server sees as a closed connection.
import { h, clear, fmt } from './util.js';

let running = null;

// Server-sent events from a fetch body (EventSource cannot POST): blocks separated by a
// blank line, `event:` and `data:` fields (HTML Living Standard, "Server-sent events").
async function* events(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += value.replace(/\r\n?/g, '\n');
    let cut;
    while ((cut = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, cut);
      buf = buf.slice(cut + 2);
      let event = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length) yield { event, data: data.join('\n') };
    }
  }
}

function fraction(p) {
  if (typeof p.fraction === 'number') return p.fraction;
  const done = p.done ?? p.runs_done ?? p.completed;
  const total = p.total ?? p.runs;
  return typeof done === 'number' && total ? done / total : null;
}

function result(doc) {
  const parties = doc.parties || [];
  const iv = doc.agreement_interval;
  return h('div', { id: 'mc-result' },
    h('p', { class: 'big' }, `settles in ${fmt(100 * doc.agreement_rate, 1)}% of ${doc.runs} runs`),
    h('p', {}, iv ? `95% interval ${fmt(100 * iv[0], 1)}–${fmt(100 * iv[1], 1)}%` : doc.deterministic ? 'every run is identical' : '',
      doc.mean_agreement_step != null ? `; mean agreement step ${fmt(doc.mean_agreement_step, 1)}` : ''),
    h('table', { class: 'grid' }, h('caption', {}, 'Mean utilities'),
      h('thead', {}, h('tr', {}, h('th', {}, ''), parties.map((p) => h('th', { scope: 'col' }, p)))),
      h('tbody', {},
        h('tr', {}, h('th', { scope: 'row' }, 'all runs'), (doc.mean_utilities || []).map((u) => h('td', { class: 'num' }, fmt(u, 3)))),
        h('tr', {}, h('th', { scope: 'row' }, 'agreements'), (doc.mean_agreement_utilities || []).map((u) => h('td', { class: 'num' }, fmt(u, 3)))))),
    (doc.warnings || []).length ? h('ul', { class: 'bad' }, doc.warnings.map((w) => h('li', {}, typeof w === 'string' ? w : JSON.stringify(w)))) : null);
}

export function renderMonteCarlo(ctx) {
  const view = document.getElementById('view-montecarlo');
  if (view.dataset.ready) return;
  view.dataset.ready = 'true';
  const runs = h('input', { type: 'number', id: 'mc-runs', min: 1, step: 1, value: 1000, class: 'num' });
  const seed = h('input', { type: 'number', id: 'mc-seed', min: 0, step: 1, value: 1, class: 'num' });
  const protocol = h('select', { id: 'mc-protocol' }, h('option', { value: 'sao' }, 'alternating offers'), h('option', { value: 'mediator' }, 'mediator'));
  const bar = h('progress', { id: 'mc-progress', max: 1, value: 0, 'aria-label': 'Monte Carlo progress' });
  const out = h('div', { 'aria-live': 'polite' });
  const start = h('button', { type: 'button', class: 'primary', id: 'mc-start' }, 'Run');
  const cancel = h('button', { type: 'button', id: 'mc-cancel', disabled: true }, 'Cancel');
  start.addEventListener('click', async () => {
    running?.abort();
    const controller = new AbortController();
    running = controller;
    start.disabled = true;
    cancel.disabled = false;
    bar.removeAttribute('value');
    clear(out, h('p', {}, 'running…'));
    try {
      const res = await fetch('api/simulate', { method: 'POST', credentials: 'same-origin', signal: controller.signal,
        headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
        body: JSON.stringify({ scenario: ctx.state.scenario, runs: Number(runs.value), seed: Number(seed.value), protocol: protocol.value }) });
      if (!res.ok) {
        const body = await res.json().catch(() => ({}));
        throw new Error(body.errors ? body.errors.map((e) => `${e.path}: ${e.message}`).join('; ') : body.error || `HTTP ${res.status}`);
      }
      for await (const ev of events(res.body)) {
        const data = JSON.parse(ev.data);
        if (ev.event === 'progress') {
          const f = fraction(data);
          if (f !== null) bar.value = f;
        } else if (ev.event === 'result') {
          bar.value = 1;
          clear(out, result(data));
        } else if (ev.event === 'error') {
          throw new Error(data.message || data.error || 'simulation failed');
        }
      }
    } catch (e) {
      clear(out, h('p', { class: e.name === 'AbortError' ? '' : 'bad' }, e.name === 'AbortError' ? 'cancelled' : `failed: ${e.message}`));
      bar.value = 0;
    } finally {
      if (running === controller) running = null;
      start.disabled = false;
      cancel.disabled = true;
    }
  });
  cancel.addEventListener('click', () => running?.abort());
  clear(view,
    h('p', { class: 'hint' }, 'Simulated talks over the scenario\'s uncertainty and shocks: the probability of a settlement.'),
    h('p', { class: 'inline' },
      h('label', { for: 'mc-runs' }, 'runs '), runs, ' ', h('label', { for: 'mc-seed' }, 'seed '), seed, ' ',
      h('label', { for: 'mc-protocol' }, 'protocol '), protocol, ' ', start, ' ', cancel),
    bar, out);
}
