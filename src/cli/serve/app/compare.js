// Differences between two scenarios and their analyses: the inputs changed, the verdicts
// flipped, the zone opened or closed, the forecasts moved. Used by the what-ifs (against
// the baseline) and the timeline (between two versions).

// Flattens a scenario into path -> value, arrays of members with an id keyed by the id
// (`actors[UA].red_lines.donetsk.max`), so that reordering is not a change.
export function flatten(x, path = '', out = new Map()) {
  if (Array.isArray(x)) {
    const byId = x.length && x.every((e) => e && typeof e === 'object' && typeof e.id === 'string');
    x.forEach((e, k) => flatten(e, `${path}[${byId ? e.id : k}]`, out));
    if (!x.length) out.set(path, '[]');
  } else if (x && typeof x === 'object') {
    for (const [k, v] of Object.entries(x)) flatten(v, path ? `${path}.${k}` : k, out);
  } else {
    out.set(path, x);
  }
  return out;
}

export function inputChanges(a, b) {
  const fa = flatten(a), fb = flatten(b);
  const out = [];
  for (const [p, v] of fa) if (!fb.has(p)) out.push({ path: p, from: v });
  for (const [p, v] of fb) {
    if (!fa.has(p)) out.push({ path: p, to: v });
    else if (fa.get(p) !== v) out.push({ path: p, from: fa.get(p), to: v });
  }
  return out.sort((x, y) => x.path.localeCompare(y.path));
}

export function verdictFlips(da, db) {
  const out = [];
  for (const eb of db?.evaluations || []) {
    const ea = (da?.evaluations || []).find((e) => e.proposal === eb.proposal);
    if (!ea) continue;
    if (ea.passes !== eb.passes) out.push({ proposal: eb.proposal, what: 'package', from: ea.passes ? 'passes' : 'fails', to: eb.passes ? 'passes' : 'fails' });
    for (const ab of eb.actors || []) {
      const aa = (ea.actors || []).find((x) => x.actor === ab.actor);
      if (!aa) continue;
      if (aa.acceptance !== ab.acceptance) out.push({ proposal: eb.proposal, actor: ab.actor, what: 'package', from: aa.acceptance, to: ab.acceptance });
      for (const ib of ab.items || []) {
        const ia = (aa.items || []).find((x) => x.issue === ib.issue);
        if (ia && ia.verdict !== ib.verdict) out.push({ proposal: eb.proposal, actor: ab.actor, what: ib.issue, from: ia.verdict, to: ib.verdict });
      }
    }
  }
  return out;
}

export function forecastMoves(da, db, tolerance = 1e-6) {
  const out = [];
  for (const [m, mb] of Object.entries(db?.models || {})) {
    const ma = da?.models?.[m];
    if (!ma) continue;
    (db.issues || []).forEach((id, k) => {
      const ka = (da.issues || []).indexOf(id);
      if (ka < 0) return;
      const x = ma.forecast?.[ka], y = mb.forecast?.[k];
      if (typeof x === 'number' && typeof y === 'number' && Math.abs(x - y) > tolerance) out.push({ model: m, issue: id, from: x, to: y });
    });
  }
  return out;
}

export function zoneChange(da, db) {
  const pa = !!da?.agreement?.possible, pb = !!db?.agreement?.possible;
  const gap = (d) => (d?.red_lines?.blocking || []).reduce((s, b) => s + b.gap, 0);
  return {
    from: { possible: pa, margin: da?.agreement?.margin ?? null, gap: gap(da) },
    to: { possible: pb, margin: db?.agreement?.margin ?? null, gap: gap(db) },
    verdict: pa === pb ? (pb ? 'stays open' : 'stays closed') : (pb ? 'opened' : 'closed'),
  };
}
