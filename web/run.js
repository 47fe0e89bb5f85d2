import { el, api, nav, when, duration, bytes, showError, param, energyNode, micros, times, titled } from '/assets/common.js';
import { strip, textTable } from '/assets/charts.js';
import { profilesSection } from '/assets/profiles.js';
import { concurrencySection } from '/assets/concurrency.js';
import { warmupSection } from '/assets/warmup.js';

nav('runs');
const content = document.getElementById('content');
const id = param('id');

function table(rows, checks) {
  const head = ['benchmark', 'class', 'target', 'mode', 'n', 'median', 'spread', 'min', 'max', 'heap used', 'peak RSS', 'energy (avg / peak mA)', 'self-check', 'outcome'];
  return el('div', { class: 'table-wrap' }, el('table', { id: 'results' },
    el('caption', { class: 'muted' }, 'spread = median absolute deviation / median; times are the target\'s own; failures are counted, never averaged'),
    el('thead', {}, el('tr', {}, head.map(h => el('th', { scope: 'col', class: ['n', 'median', 'spread', 'min', 'max', 'heap used', 'peak RSS'].includes(h) ? 'num' : '' }, h)))),
    el('tbody', {}, rows.map(r => el('tr', {
        class: r.outcome === 'ok' ? '' : 'failed', 'data-benchmark': r.benchmark, 'data-target': r.target, 'data-mode': r.mode,
        'data-n': r.n, 'data-median-ns': r.median_ns ?? '' },
      el('td', {}, r.benchmark), el('td', {}, r.class || '-'), el('td', {}, r.target), el('td', {}, r.mode),
      el('td', { class: 'num' }, r.n), el('td', { class: 'num' }, duration(r.median_ns)),
      el('td', { class: 'num' }, r.spread_percent == null ? '' : '±' + r.spread_percent.toFixed(1) + '%'),
      el('td', { class: 'num' }, duration(r.min_ns)), el('td', { class: 'num' }, duration(r.max_ns)),
      el('td', { class: 'num' }, r.heap_used == null ? '' : bytes(r.heap_used)),
      el('td', { class: 'num' }, r.peak_rss_kb == null ? '' : bytes(r.peak_rss_kb * 1024)),
      el('td', { class: 'energy-cell' }, energyNode(r.energy)),
      el('td', { class: 'check' }, (checks.get(r.benchmark + '|' + r.target + '|' + r.mode) || []).join(', ')),
      el('td', { class: r.outcome === 'ok' ? 'outcome-ok' : 'outcome-bad' }, r.outcome,
        r.failure_detail ? el('pre', { class: 'output' }, r.failure_detail) : null))))));
}

/** Median of the given measurements' field, or null. */
function median(values) {
  const v = values.filter(x => x != null).sort((a, b) => a - b);
  if (!v.length) return null;
  const h = Math.floor(v.length / 2);
  return v.length % 2 ? v[h] : (v[h - 1] + v[h]) / 2;
}

const SPREAD_WARNING = 10; // percent, pyperf's "unstable" limit

/** One row per benchmark: cold and warm per target (µs), a host's whole process, the ratio, warnings. */
function summary(run, ms, cmp) {
  const targets = run.target_info.map(t => t.target_id);
  const hosts = new Set(run.target_info.filter(t => t.kind === 'host').map(t => t.target_id));
  const line = new Map(run.rows.map(r => [r.benchmark + '|' + r.target + '|' + r.mode, r]));
  const duels = new Map();
  for (const row of (cmp ? cmp.rows : [])) for (const b of row.per_benchmark) duels.set(b.benchmark, b);
  const benches = [...new Set(run.rows.map(r => r.benchmark))];
  // two header rows: the target over its columns, then what each column holds (one unit: µs)
  const top = [el('th', { scope: 'col', rowspan: 2 }, 'benchmark')];
  const head = [];
  for (const t of targets) {
    top.push(el('th', { scope: 'colgroup', colspan: hosts.has(t) ? 3 : 2, class: 'group' }, t));
    head.push(el('th', { scope: 'col', class: 'num' }, 'cold µs'), el('th', { scope: 'col', class: 'num' }, 'warm µs'));
    if (hosts.has(t)) head.push(el('th', { scope: 'col', class: 'num', title: 'spawn to the end of the first call' }, 'process µs'));
  }
  top.push(el('th', { scope: 'col', rowspan: 2 }, 'warm: fastest vs runner-up'), el('th', { scope: 'col', rowspan: 2 }, 'warnings'));
  const rows = benches.map(b => {
    const cells = [el('th', { scope: 'row', 'data-label': 'benchmark' }, b)];
    const warnings = [];
    for (const t of targets) {
      for (const mode of ['cold', 'warm']) {
        const r = line.get(b + '|' + t + '|' + mode);
        cells.push(el('td', { class: 'num', 'data-label': t + ' ' + mode + ' µs', 'data-target': t, 'data-mode': mode },
          r ? (r.outcome === 'ok' ? micros(r.median_ns) : r.outcome) : '-'));
        if (r && r.spread_percent != null && r.spread_percent > SPREAD_WARNING) warnings.push(t + ' ' + mode + ' spread ±' + r.spread_percent.toFixed(0) + ' %');
        if (r && r.outcome !== 'ok') warnings.push(t + ' ' + mode + ': ' + r.outcome);
      }
      // a worker process whose warm-up hit its time cap, or whose values drifted, is not warm: its values say less
      const unsteady = new Set(ms.filter(m => m.benchmark === b && m.target === t && m.mode === 'warm' && m.host_steady === false).map(m => m.host_process));
      if (unsteady.size) warnings.push(t + ' warm: ' + unsteady.size + ' process' + (unsteady.size > 1 ? 'es' : '') + ' never steady');
      if (hosts.has(t)) {
        const wall = median(ms.filter(m => m.benchmark === b && m.target === t && m.mode === 'cold' && m.outcome === 'ok').map(m => m.wall_ns));
        cells.push(el('td', { class: 'num', 'data-label': t + ' process µs' }, micros(wall)));
      }
    }
    const d = duels.get(b);
    const w = d && d.warm;
    cells.push(el('td', { 'data-label': 'warm: fastest vs runner-up', class: 'ratio-cell', 'data-verdict': w ? w.verdict : '' },
      w && w.times != null ? [el('span', { class: 'num' }, w.fastest + ' ' + times(w.times)), ' ',
        el('span', { class: 'muted' }, w.verdict === 'faster' ? 'faster than ' + w.runner_up : w.verdict)] : '-'));
    cells.push(el('td', { 'data-label': 'warnings', class: warnings.length ? 'warn' : '' }, warnings.join('; ')));
    return el('tr', { 'data-benchmark': b }, cells);
  });
  return el('div', { class: 'table-wrap' }, el('table', { id: 'summary', class: 'card-table' },
    el('caption', { class: 'muted' }, 'medians in µs; cold = first call (boards: first repetition), process = a host\'s whole process; warnings: spread above ' + SPREAD_WARNING + ' %, failures, or host processes that never reached steady state'),
    el('thead', {}, el('tr', {}, top), el('tr', {}, head)), el('tbody', {}, rows)));
}

/** Per benchmark, a strip of every value per target and mode, each on its own scale. */
function distributions(run, ms) {
  const box = el('div', { class: 'charts', id: 'distributions' });
  const benches = [...new Set(ms.map(m => m.benchmark))];
  const order = run.target_info.map(t => t.target_id);
  for (const b of benches) {
    const fig = el('section', { class: 'chart dist', 'data-benchmark': b, 'aria-label': 'distribution of ' + b },
      el('h3', {}, b, ' ', el('span', { class: 'muted' }, 'every value, µs, each strip on its own scale; box = quartiles, line in the box = median, whiskers = smallest to largest')));
    const table = [];
    order.forEach((t, i) => {
      for (const mode of ['warm', 'cold']) {
        const v = ms.filter(m => m.benchmark === b && m.target === t && m.mode === mode && m.outcome === 'ok' && m.time_ns != null).map(m => m.time_ns / 1000);
        if (!v.length) continue;
        fig.append(strip(v, { title: t + ' ' + mode + ' (n=' + v.length + ', median ' + micros(median(v) * 1000) + ' µs)', index: i, target: t, mode }));
        table.push([t + ' ' + mode, v.length, micros(Math.min(...v) * 1000), micros(median(v) * 1000), micros(Math.max(...v) * 1000)]);
      }
    });
    fig.append(el('div', { class: 'dist-table' }, textTable(b + ': values in µs', ['', 'n', 'min', 'median', 'max'], table)));
    box.append(fig);
  }
  return box;
}

(async () => {
  try {
    if (!id || !/^\d+$/.test(id)) throw new Error('no run id given (/run?id=N)');
    const rig = await api('/api/rig');
    const [run, ms, cmp] = await Promise.all([api('/api/runs/' + id), api('/api/runs/' + id + '/measurements'),
      api('/api/runs/' + id + '/compare').catch(() => null)]);
    document.getElementById('title').textContent = 'Run ' + run.id + ' · ' + run.suite + ' · ' + run.state;
    titled(rig.rig, 'Run ' + run.id + ' (' + run.suite + ', ' + run.state + ')');
    const targets = el('ul', { id: 'target-info' }, run.target_info.map(t => el('li', {},
      el('strong', {}, t.target_id), ' ', t.kind, ': ', t.interpreter || '?', ' ', t.version || '',
      t.kind === 'board' ? ' · firmware sha256 ' + (t.firmware_hash || '-').slice(0, 12) + ' · ' + (t.machine || '') : ' · ' + (t.executable || ''),
      (t.details || '').includes('instruments=simulated') ? el('span', { class: 'badge' }, ' simulated instruments') : null)));
    const meta = el('div', { class: 'panel' },
      el('p', {}, 'started ', when(run.started_at), ' · ', run.duration_s == null ? '' : run.duration_s.toFixed(1) + ' s',
        ' · ', run.repetitions + ' repetitions per benchmark and target', run.reason ? el('span', { class: 'reason' }, ' · ' + run.reason) : null),
      targets,
      el('p', {}, 'Download every measurement: ',
        el('a', { href: run.downloads.csv, download: true, id: 'download-csv' }, 'CSV'), ' · ',
        el('a', { href: run.downloads.json, download: true, id: 'download-json' }, 'JSON'), ' · ',
        el('a', { href: '/compare?run=' + run.id }, 'compare interpreters')));
    const checks = new Map();
    for (const m of ms.measurements) {
      const k = m.benchmark + '|' + m.target + '|' + m.mode;
      if (!checks.has(k)) checks.set(k, []);
      if (m.check != null && !checks.get(k).includes(m.check)) checks.get(k).push(m.check);
    }
    content.replaceChildren(meta, el('h2', {}, 'Results'), summary(run, ms.measurements, cmp),
      el('details', { id: 'all-lines' }, el('summary', {}, 'every line: benchmark × target × mode, with spread, memory, energy and self-check'),
        table(run.rows, checks)),
      el('h2', {}, 'Distributions'), distributions(run, ms.measurements));
    const warmup = await warmupSection(run.id);
    if (warmup) content.append(warmup);
    const profiles = await profilesSection(id, Math.max(560, content.clientWidth));
    if (profiles) content.append(profiles);
    content.append(await concurrencySection(run.id));
  } catch (e) {
    showError(content, e);
  }
})();
