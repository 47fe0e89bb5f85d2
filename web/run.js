import { el, api, nav, when, duration, bytes, showError, param, energyNode } from '/assets/common.js';
import { profilesSection } from '/assets/profiles.js';

nav('runs');
const content = document.getElementById('content');
const id = param('id');
const COLORS = ['#1f5fa8', '#b3261e', '#1e7a3a', '#8a5a00', '#6a3d9a', '#0b7285', '#c2255c', '#495057'];

function table(rows, checks) {
  const head = ['benchmark', 'class', 'target', 'mode', 'n', 'median', 'spread', 'min', 'max', 'heap used', 'peak RSS', 'energy (avg / peak mA)', 'self-check', 'outcome'];
  return el('div', { class: 'table-wrap' }, el('table', { id: 'results' },
    el('caption', { class: 'muted' }, 'spread = median absolute deviation / median; times are the target\'s own; failures are counted, never averaged'),
    el('thead', {}, el('tr', {}, head.map(h => el('th', { scope: 'col', class: ['n', 'median', 'spread', 'min', 'max', 'heap used', 'peak RSS'].includes(h) ? 'num' : '' }, h)))),
    el('tbody', {}, rows.map(r => el('tr', {
        class: r.outcome === 'ok' ? '' : 'failed', 'data-benchmark': r.benchmark, 'data-target': r.target, 'data-mode': r.mode,
        'data-n': r.n, 'data-median-ns': r.medianNs ?? '' },
      el('td', {}, r.benchmark), el('td', {}, r.class || '-'), el('td', {}, r.target), el('td', {}, r.mode),
      el('td', { class: 'num' }, r.n), el('td', { class: 'num' }, duration(r.medianNs)),
      el('td', { class: 'num' }, r.spreadPercent == null ? '' : '±' + r.spreadPercent.toFixed(1) + '%'),
      el('td', { class: 'num' }, duration(r.minNs)), el('td', { class: 'num' }, duration(r.maxNs)),
      el('td', { class: 'num' }, r.heapUsed == null ? '' : bytes(r.heapUsed)),
      el('td', { class: 'num' }, r.peakRssKb == null ? '' : bytes(r.peakRssKb * 1024)),
      el('td', { class: 'energy-cell' }, energyNode(r.energy)),
      el('td', { class: 'check' }, (checks.get(r.benchmark + '|' + r.target + '|' + r.mode) || []).join(', ')),
      el('td', { class: r.outcome === 'ok' ? 'outcome-ok' : 'outcome-bad' }, r.outcome,
        r.failureDetail ? el('pre', { class: 'output' }, r.failureDetail) : null))))));
}

function chart(benchmark, ms, width) {
  const series = new Map();
  let maxRep = 0;
  for (const m of ms) {
    if (m.outcome !== 'ok' || m.time_ns == null) continue;
    const key = m.target + ' ' + m.mode;
    if (!series.has(key)) series.set(key, []);
    series.get(key)[m.repetition] = m.time_ns / 1000;
    maxRep = Math.max(maxRep, m.repetition);
  }
  const box = el('figure', { class: 'chart', 'data-benchmark': benchmark },
    el('figcaption', {}, el('strong', {}, benchmark), ' ', el('span', { class: 'muted' }, 'every repetition, µs (log scale)')));
  if (series.size === 0) {
    box.append(el('p', { class: 'muted' }, 'no successful repetition to plot'));
    return box;
  }
  const xs = Array.from({ length: maxRep + 1 }, (_, i) => i);
  const data = [xs];
  const opts = {
    width, height: 220,
    scales: { x: { time: false }, y: { distr: 3 } },
    axes: [{ label: 'repetition' }, { label: 'µs', size: 60 }],
    series: [{ label: 'rep' }],
    legend: { live: false },
  };
  let i = 0;
  for (const [key, vals] of series) {
    data.push(xs.map(x => vals[x] ?? null));
    const c = COLORS[i++ % COLORS.length];
    opts.series.push({ label: key, stroke: c, width: 0, points: { show: true, size: 7, fill: c, stroke: c } });
  }
  requestAnimationFrame(() => { opts.width = Math.max(240, box.clientWidth - 20); new uPlot(opts, data, box); });
  return box;
}

(async () => {
  try {
    if (!id || !/^\d+$/.test(id)) throw new Error('no run id given (/run?id=N)');
    const rig = await api('/api/rig');
    document.getElementById('rig-name').textContent = 'benchrig · ' + rig.rig;
    const [run, ms] = await Promise.all([api('/api/runs/' + id), api('/api/runs/' + id + '/measurements')]);
    document.getElementById('title').textContent = 'Run ' + run.id + ' · ' + run.suite + ' · ' + run.state;
    document.title = 'Run ' + run.id + ' - benchrig';
    const targets = el('ul', { id: 'target-info' }, run.targetInfo.map(t => el('li', {},
      el('strong', {}, t.targetId), ' ', t.kind, ': ', t.interpreter || '?', ' ', t.version || '',
      t.kind === 'board' ? ' · firmware sha256 ' + (t.firmwareHash || '-').slice(0, 12) + ' · ' + (t.machine || '') : ' · ' + (t.executable || ''),
      (t.details || '').includes('instruments=simulated') ? el('span', { class: 'badge' }, ' simulated instruments') : null)));
    const meta = el('div', { class: 'panel' },
      el('p', {}, 'started ', when(run.startedAt), ' · ', run.durationS == null ? '' : run.durationS.toFixed(1) + ' s',
        ' · ', run.repetitions + ' repetitions per benchmark and target', run.reason ? el('span', { class: 'reason' }, ' · ' + run.reason) : null),
      targets,
      el('p', {}, 'Download every measurement: ',
        el('a', { href: run.downloads.csv, download: true, id: 'download-csv' }, 'CSV'), ' · ',
        el('a', { href: run.downloads.json, download: true, id: 'download-json' }, 'JSON'), ' · ',
        el('a', { href: '/compare?run=' + run.id }, 'compare interpreters')));
    const byBench = new Map();
    for (const m of ms.measurements) {
      if (!byBench.has(m.benchmark)) byBench.set(m.benchmark, []);
      byBench.get(m.benchmark).push(m);
    }
    const checks = new Map();
    for (const m of ms.measurements) {
      const k = m.benchmark + '|' + m.target + '|' + m.mode;
      if (!checks.has(k)) checks.set(k, []);
      if (m.check != null && !checks.get(k).includes(m.check)) checks.get(k).push(m.check);
    }
    const charts = el('div', { class: 'charts', id: 'charts' });
    content.replaceChildren(meta, el('h2', {}, 'Results'), table(run.rows, checks), el('h2', {}, 'Every repetition'), charts);
    const width = Math.max(260, Math.min(560, charts.clientWidth - 20));
    for (const [b, list] of byBench) charts.append(chart(b, list, width));
    const profiles = await profilesSection(id, Math.max(560, content.clientWidth));
    if (profiles) content.append(profiles);
  } catch (e) {
    showError(content, e);
  }
})();
