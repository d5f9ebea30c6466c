// The analyst's workbench (issue #16): edit a scenario, see parley's analysis update live.
// Plain modules, no framework and no build step; everything is served by `parley serve`
// from the binary, and every request is same-origin with the session cookie.
import { api, h, clear, clone, download, HttpError } from './util.js';
import { renderEditor } from './editor.js';
import { placeErrors } from './errors.js';
import { renderAnalysis, renderCharts } from './analysis.js';
import { renderWhatifs } from './whatif.js';
import { renderTimeline } from './timeline.js';
import { renderMonteCarlo } from './montecarlo.js';

const DEBOUNCE_MS = 200;

const state = {
  scenario: null,       // the native scenario being edited
  analysis: null,       // the last analysis of a valid scenario (parley run --json)
  analysedText: null,   // the scenario text that analysis is of
  charts: null,         // {name: svg text} of the scenario text chartsText
  chartsText: null,
  errors: [],           // the server's errors on the current scenario
  editorTab: 'actors',
  view: 'analysis',
  baseline: null,       // {scenario, analysis}: what the what-ifs compare against
  whatifs: [],          // [{name, scenario, analysis}]
};

function setStatus(text, bad = false) {
  const el = document.getElementById('status');
  el.textContent = text;
  el.classList.toggle('bad', bad);
}

// Latest wins: each change aborts the request in flight, and an answer that is not the
// latest one asked for is dropped.
let timer = null;
let inflight = null;
let asked = 0;

function changed(structural = false, _el = null, analyse = true) {
  if (structural) renderEditor(ctx);
  if (!analyse) return;
  clearTimeout(timer);
  setStatus('analysing…');
  document.body.dataset.busy = 'true';
  timer = setTimeout(analyseNow, DEBOUNCE_MS);
}

async function analyseNow() {
  inflight?.abort();
  const controller = new AbortController();
  inflight = controller;
  const mine = ++asked;
  const text = JSON.stringify(state.scenario);
  const t0 = performance.now();
  try {
    const doc = await api('api/analyze', { method: 'POST', body: text, signal: controller.signal });
    if (mine !== asked) return;
    state.analysis = doc;
    state.analysedText = text;
    state.errors = [];
    placeErrors(ctx);
    renderViews();
    setStatus(`analysed in ${Math.round(performance.now() - t0)} ms`);
    document.body.dataset.busy = 'false';
    document.body.dataset.analyses = String(Number(document.body.dataset.analyses || 0) + 1);
    requestCharts(text);
  } catch (e) {
    if (e.name === 'AbortError' || mine !== asked) return;
    document.body.dataset.busy = 'false';
    if (e instanceof HttpError && e.status === 400 && Array.isArray(e.body?.errors)) {
      state.errors = e.body.errors;
      placeErrors(ctx);
      setStatus(`${state.errors.length} error${state.errors.length > 1 ? 's' : ''}: showing the last valid analysis`, true);
    } else {
      setStatus(`analysis failed: ${e.body?.error || e.message}`, true);
    }
  }
}

// The charts: one request at a time, for the latest analysed scenario. Drawing them can
// take far longer than the analysis (the frontier chart counts outcomes), and the server
// goes on computing a request the page gives up, so a request is never aborted: when
// it ends and the scenario has moved on, the latest one is asked for. Until then the charts
// shown are marked as being of an earlier scenario (analysis.js).
let chartsBusy = false;
let chartsWanted = null;

async function requestCharts(text) {
  chartsWanted = text;
  if (chartsBusy) return;
  chartsBusy = true;
  while (chartsWanted !== null && chartsWanted !== state.chartsText) {
    const asking = chartsWanted;
    try {
      const doc = await api('api/charts', { method: 'POST', body: asking });
      state.charts = doc.charts || {};
      state.chartsText = asking;
      state.chartsError = null;
      document.body.dataset.charts = String(Number(document.body.dataset.charts || 0) + 1);
    } catch (e) {
      state.chartsError = `charts unavailable: ${e.body?.error || e.message}`;
      if (chartsWanted === asking) chartsWanted = null;
    }
    renderCharts(ctx);
  }
  chartsBusy = false;
}

function renderViews() {
  renderAnalysis(ctx);
  renderWhatifs(ctx);
}

function showTab(tab) {
  state.editorTab = tab;
  for (const b of document.querySelectorAll('#editor-tabs [role=tab]')) {
    b.setAttribute('aria-selected', String(b.dataset.tab === tab));
    b.tabIndex = b.dataset.tab === tab ? 0 : -1;
  }
  renderEditor(ctx);
}

function showView(view) {
  state.view = view;
  for (const b of document.querySelectorAll('#view-tabs [role=tab]')) {
    b.setAttribute('aria-selected', String(b.dataset.view === view));
    b.tabIndex = b.dataset.view === view ? 0 : -1;
  }
  for (const v of document.querySelectorAll('.view')) v.hidden = v.id !== `view-${view}`;
  if (view === 'timeline') renderTimeline(ctx);
  if (view === 'montecarlo') renderMonteCarlo(ctx);
}

// Tabs with the arrow keys as well as the mouse (WAI-ARIA tabs pattern).
function wireTabs(list, key, show) {
  const tabs = [...list.querySelectorAll('[role=tab]')];
  tabs.forEach((b, k) => {
    b.tabIndex = k === 0 ? 0 : -1;
    b.addEventListener('click', () => show(b.dataset[key]));
    b.addEventListener('keydown', (ev) => {
      const d = { ArrowRight: 1, ArrowLeft: -1 }[ev.key];
      if (!d) return;
      const next = tabs[(k + d + tabs.length) % tabs.length];
      next.focus();
      show(next.dataset[key]);
    });
  });
}

// A new scenario (loaded, imported, restored from a version or a what-if).
function load(scenario, label, rebase = false) {
  state.scenario = scenario;
  if (rebase) { state.baseline = null; state.whatifs = []; }
  state.errors = [];
  document.getElementById('scenario-name').textContent = scenario.name || scenario.id || '';
  renderEditor(ctx);
  changed();
  if (label) setStatus(label);
}

// One file goes as the body (?name= tells the server its name, for the format and the
// messages); several (a GENIUS domain then its profiles) as {"files": [{name, content}]}.
async function importFiles(files) {
  const label = files.map((f) => f.name).join(', ');
  try {
    let scn;
    if (files.length === 1) {
      scn = await api(`api/import?name=${encodeURIComponent(files[0].name)}`, { method: 'POST', body: await files[0].text() });
    } else {
      const list = await Promise.all(files.map(async (f) => ({ name: f.name, content: await f.text() })));
      scn = await api('api/import', { method: 'POST', body: { files: list } });
    }
    load(scn.scenario || scn, `imported ${label}`, true);
  } catch (e) {
    const errs = e.body?.errors;
    setStatus(errs ? `${label}: ${errs.map((x) => (x.path ? `${x.path}: ` : '') + x.message).join('; ')}` : `import failed: ${e.message}`, true);
  }
}

const EXPORTS = {
  json: ['json', 'application/json'], genius: ['xml', 'application/xml'],
  csv: ['csv', 'text/csv'], html: ['html', 'text/html'],
};

// The {"error"} of a raw answer (422: the scenario cannot be written as GENIUS).
function serverError(e) {
  try { return JSON.parse(e.body).error || e.message; } catch { return e.message; }
}

// GENIUS and CSV come as several files, {"format", "files": {NAME: TEXT}} (docs/serve.md,
// "API"): each is downloaded as BASE-NAME; json and html are one file each.
async function exportAs(format) {
  const base = state.scenario.id || 'scenario';
  try {
    const text = await api(`api/convert?to=${format}`, { method: 'POST', body: JSON.stringify(state.scenario), raw: true });
    const [ext, type] = EXPORTS[format];
    if (format === 'genius' || format === 'csv') {
      const { files } = JSON.parse(text);
      const names = Object.keys(files);
      for (const name of names) download(`${base}-${name}`, files[name], type);
      setStatus(`exported ${names.length} files: ${names.map((n) => `${base}-${n}`).join(', ')}`);
      return;
    }
    download(`${base}.${ext}`, text, type);
    setStatus(`exported ${base}.${ext}`);
  } catch (e) {
    setStatus(`export failed: ${e.status === 400 ? 'fix the errors first' : serverError(e)}`, true);
  }
}

const ctx = { state, changed, showTab, showView, load, setStatus, api, clone };

async function main() {
  wireTabs(document.getElementById('editor-tabs'), 'tab', showTab);
  wireTabs(document.getElementById('view-tabs'), 'view', showView);
  document.getElementById('import-file').addEventListener('change', (ev) => {
    const files = [...ev.target.files];
    if (files.length) importFiles(files);
    ev.target.value = '';
  });
  document.getElementById('export').addEventListener('click', () => exportAs(document.getElementById('export-format').value));
  try {
    load(await api('api/scenario'), null, true);
  } catch (e) {
    setStatus(`could not load the scenario: ${e.message}`, true);
    clear(document.getElementById('editor-panel'), h('p', {}, 'The server did not give a scenario.'));
  }
}

main();
