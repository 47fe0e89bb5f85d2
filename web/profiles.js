// The run page's "Where the time goes" section: per benchmark, the hosts side by side, each with
// its time shares, top self-time functions, flame graph, exports and cProfile table.
import { el, api } from '/assets/common.js';
import { flameGraph } from '/assets/flame.js';

const pct = x => (100 * x).toFixed(1) + ' %';

function card(p, width) {
  const m = p.meta || {};
  const head = el('h4', {}, p.target, ' ', el('span', { class: 'muted' }, (m.impl || '') + ' ' + (m.version || '') + ' · tier ' + p.tier));
  if (p.outcome !== 'ok') {
    return el('figure', { class: 'profile', 'data-target': p.target, 'data-outcome': p.outcome }, head,
      el('p', { class: p.outcome === 'unsupported' ? 'muted note' : 'outcome-bad' }, p.outcome === 'unsupported' ? '' : p.outcome + ': ', p.detail || ''));
  }
  const s = p.shares;
  const how = 'sampled ' + (Number(m.sampled_s || 0)).toFixed(1) + ' s at ' + (m.rate_hz || '?') + ' Hz asked (' +
    (m.cpu_signals || 0) + ' CPU samples), after ' + (m.warmup_calls || 0) + ' warm-up calls in ' + (m.warmup_s || '?') + ' s';
  return el('figure', { class: 'profile', 'data-target': p.target, 'data-outcome': p.outcome }, head,
    el('p', { class: 'shares' }, 'Python ', el('strong', {}, pct(s.python)), ' · built-ins/C ', el('strong', {}, pct(s.builtin)),
      ' · waiting ', el('strong', {}, pct(s.waiting))),
    el('ol', { class: 'top-self' }, s.top.map(f => el('li', {}, el('code', {}, f.function), ' ', pct(f.share)))),
    flameGraph(p.stacks, width, p.benchmark + ' on ' + p.target),
    el('p', { class: 'muted' }, how, ' · export: ',
      el('a', { href: p.downloads.folded, download: true }, 'folded'), ' · ',
      el('a', { href: p.downloads.speedscope, download: true }, 'speedscope')),
    el('details', {}, el('summary', {}, 'cProfile (deterministic), by self time'),
      el('table', { class: 'cprofile' }, el('thead', {}, el('tr', {}, ['function', 'file:line', 'calls', 'self s', 'cumulative s'].map(h => el('th', {}, h)))),
        el('tbody', {}, p.table.map(r => el('tr', {}, el('td', {}, r.function), el('td', {}, r.file + ':' + r.line),
          el('td', { class: 'num' }, r.calls), el('td', { class: 'num' }, r.self_s.toFixed(4)), el('td', { class: 'num' }, r.cumulative_s.toFixed(4))))))));
}

/** The section, or null when the run has no profiles. */
export async function profilesSection(runId, width) {
  const { profiles } = await api('/api/runs/' + runId + '/profiles');
  if (!profiles.length) return null;
  const byBench = new Map();
  for (const p of profiles) {
    if (!byBench.has(p.benchmark)) byBench.set(p.benchmark, []);
    byBench.get(p.benchmark).push(p);
  }
  const section = el('section', { id: 'profiles' }, el('h2', {}, 'Where the time goes'),
    el('p', { class: 'muted' }, 'Sampled stacks (CPU time, plus time waiting in a call) after a warm-up; ' +
      '[built-in] frames are time in a built-in called from the frame below, [waiting] frames time waiting in one. Click a frame to zoom.'));
  for (const [bench, list] of byBench) {
    const w = Math.max(260, Math.floor(width / Math.min(2, list.length)) - 24);
    section.append(el('div', { class: 'profile-bench', 'data-benchmark': bench }, el('h3', {}, bench),
      el('div', { class: 'profile-pair' }, list.map(p => card(p, w)))));
  }
  return section;
}
