import { el, api, nav, duration, bytes, showError, param, energyNode, times, titled, millijoules } from '/assets/common.js';
import { ratioBars, plainBars } from '/assets/charts.js';
import { appClassSection } from '/assets/appclass.js';
import { breakEvenSection } from '/assets/breakeven.js';

nav('compare');
const content = document.getElementById('content');

function memory(c) {
  const parts = [];
  if (c.heap_used != null) parts.push('heap used ' + bytes(c.heap_used));
  if (c.peak_rss_kb != null) parts.push('peak RSS ' + bytes(c.peak_rss_kb * 1024));
  return parts.length ? parts.join(', ') : 'memory: -';
}

/** One test's outcome in words: the ratio to the runner-up with its interval, or why there is none. */
function duelNode(d) {
  if (!d) return el('span', { class: 'muted' }, '-');
  const attrs = { class: 'duel', 'data-verdict': d.verdict, 'data-mode': d.mode };
  if (d.times == null) return el('div', attrs, el('strong', {}, 'no verdict'), el('div', { class: 'muted' }, d.reason));
  const interval = d.low != null ? ' [' + times(d.low) + ' – ' + times(d.high) + ']' : '';
  const p = d.p != null ? 'p = ' + d.p.toPrecision(2) : '';
  if (d.verdict === 'faster') {
    return el('div', attrs,
      el('strong', { class: 'winner' }, d.fastest_label), ' ',
      el('span', { class: 'num ratio' }, times(d.times) + ' faster'), el('span', { class: 'num muted' }, interval),
      el('div', { class: 'muted' }, 'than ', d.runner_up_label, ' · ', el('span', { class: 'num' }, duration(d.fastest_ns)), ' vs ',
        el('span', { class: 'num' }, duration(d.runner_up_ns)), ' · ', el('span', { class: 'num' }, p)));
  }
  return el('div', attrs,
    el('strong', {}, d.verdict), d.verdict === 'no verdict' ? null : el('span', { class: 'num muted' }, ' ' + p),
    el('div', { class: 'muted' }, d.fastest_label, ' ', el('span', { class: 'num' }, times(d.times)), el('span', { class: 'num' }, interval),
      ' vs ', d.runner_up_label, ' · ', el('span', { class: 'num' }, duration(d.fastest_ns)), ' vs ', el('span', { class: 'num' }, duration(d.runner_up_ns))),
    d.reason ? el('div', { class: 'muted reason-text' }, d.reason) : null);
}

function verdictTable(m) {
  const body = [];
  for (const row of m.rows) {
    body.push(el('tr', { 'data-class': row.workload_class, class: 'class-row' },
      el('th', { scope: 'row', 'data-label': 'class' }, row.workload_class, el('div', { class: 'muted' }, row.benchmarks.length + ' benchmark(s)')),
      el('td', { 'data-label': 'cold (short-lived process)' }, duelNode(row.cold)),
      el('td', { 'data-label': 'warm (long-running process)' }, duelNode(row.warm))));
    // a class of one benchmark is that benchmark: no second row saying the same
    for (const b of row.per_benchmark.length > 1 ? row.per_benchmark : []) {
      body.push(el('tr', { 'data-benchmark': b.benchmark, 'data-of-class': row.workload_class, class: 'bench-row' },
        el('th', { scope: 'row', 'data-label': 'benchmark' }, el('span', { class: 'muted' }, '↳ '), b.benchmark),
        el('td', { 'data-label': 'cold' }, duelNode(b.cold)),
        el('td', { 'data-label': 'warm' }, duelNode(b.warm))));
    }
  }
  return el('div', { class: 'table-wrap' }, el('table', { id: 'verdicts', class: 'card-table' },
    el('caption', { class: 'muted' }, 'per class and per benchmark: the fastest target, its ratio to the runner-up (runner-up time / fastest time) with the interval, and the test\'s verdict'),
    el('thead', {}, el('tr', {}, ['workload class / benchmark', 'cold (short-lived process)', 'warm (long-running process)'].map(h => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, body)));
}

function cell(c) {
  if (!c || c.benchmarks === 0) return el('td', { class: 'muted', 'data-label': c ? labelOf(c.interpreter) : '' }, 'not run');
  return el('td', { 'data-interpreter': c.interpreter, 'data-label': labelOf(c.interpreter) },
    el('div', {}, el('span', { class: 'num' }, 'cold ' + duration(c.cold_ns)), ' · ', el('span', { class: 'num' }, 'warm ' + duration(c.warm_ns))),
    el('div', { class: 'muted' }, memory(c)),
    c.energy ? el('div', { class: 'cell-energy' }, 'energy ', energyNode(c.energy)) : null,
    el('div', { class: 'muted' }, c.targets.join(', ')),
    c.complete ? null : el('div', { class: 'outcome-bad' }, c.failures.length ? c.failures.join('; ') : 'incomplete'));
}

function baseTable(m) {
  const head = el('tr', {}, el('th', { scope: 'col' }, 'workload class'), m.interpreters.map(i => el('th', { scope: 'col' }, labelOf(i))));
  const body = m.rows.map(row => {
    const byInterp = new Map(row.cells.map(c => [c.interpreter, c]));
    return el('tr', { 'data-class': row.workload_class },
      el('th', { scope: 'row', 'data-label': 'class' }, row.workload_class, el('div', { class: 'muted' }, row.benchmarks.join(', '))),
      m.interpreters.map(i => cell(byInterp.get(i))));
  });
  return el('div', { class: 'table-wrap' }, el('table', { id: 'matrix', class: 'card-table' },
    el('caption', { class: 'muted' }, 'the base numbers: geometric mean over the class of the median times, memory, energy'),
    el('thead', {}, head), el('tbody', {}, body)));
}

function relativeCharts(m) {
  const out = [];
  for (const mode of ['warm', 'cold']) {
    const items = m.relative.filter(r => r.mode === mode && r.target !== m.baseline).map(r => ({
      label: r.benchmark + ' · ' + r.target, value: r.speed, low: r.low, high: r.high, significant: r.significant,
    }));
    if (!items.length) continue;
    out.push(ratioBars(items, {
      id: 'relative-' + mode,
      title: mode + ': speed relative to ' + m.baseline + ' (baseline time / target time; log-ratio axis: right of 1× faster, left slower; whiskers = interval; grey "n.s." = not significant)',
      axis: 'log-ratio axis, speed vs ' + m.baseline,
      format: times,
    }));
  }
  return out;
}

function sideCharts(m) {
  const mem = [];
  const energy = [];
  for (const row of m.rows) {
    for (const c of row.cells) {
      if (c.benchmarks === 0) continue;
      const v = c.peak_rss_kb != null ? c.peak_rss_kb * 1024 : c.heap_used;
      if (v != null) mem.push({ label: row.workload_class + ' · ' + labelOf(c.interpreter), value: v, color: c.peak_rss_kb != null ? '#6b8fc7' : '#8a5a00' });
      if (c.energy) energy.push({ label: row.workload_class + ' · ' + labelOf(c.interpreter), value: c.energy.millijoules });
    }
  }
  const out = [];
  if (mem.length) out.push(plainBars(mem, { id: 'memory-bars', title: 'memory: peak RSS (hosts) or heap used (boards)', unit: 'bytes', format: bytes }));
  out.push(energy.length ? plainBars(energy, { id: 'energy-bars', title: 'energy per repetition', unit: 'mJ', format: millijoules })
    : el('p', { class: 'muted', id: 'energy-bars' }, 'energy: not measured in this run'));
  return out;
}

/** Every caveat once: a caveat of every class is said for the page, the others name their classes. */
function caveats(m) {
  const where = new Map();
  for (const row of m.rows) for (const c of row.caveats) {
    if (!where.has(c)) where.set(c, []);
    where.get(c).push(row.workload_class);
  }
  const items = [...where].map(([c, classes]) => el('li', {}, classes.length === m.rows.length ? c : c + ' (' + classes.join(', ') + ')'));
  return el('section', { id: 'caveats', 'aria-labelledby': 'caveats-h' }, el('h2', { id: 'caveats-h' }, 'Caveats and how the numbers were made'),
    el('ul', { class: 'caveats' }, items), el('ul', { class: 'muted' }, m.notes.map(n => el('li', {}, n))));
}

(async () => {
  try {
    const rig = await api('/api/rig');
    const runs = (await api('/api/runs?limit=50')).runs;
    let id = param('run');
    if (!id) {
      const done = runs.find(r => r.state === 'done') || runs[0];
      if (!done) { titled(rig.rig, 'Compare'); content.replaceChildren(el('p', {}, 'No runs yet.')); return; }
      id = String(done.id);
    }
    if (!/^\d+$/.test(id)) throw new Error('bad run id');
    const baseline = param('baseline');
    const m = await api('/api/runs/' + id + '/compare' + (baseline ? '?baseline=' + encodeURIComponent(baseline) : ''));
    titled(rig.rig, 'Compare interpreters, run ' + id);
    document.getElementById('title').textContent = 'Compare interpreters · run ' + id;
    const picker = el('form', { class: 'inline', method: 'get', action: '/compare' },
      el('label', {}, 'run', el('select', { name: 'run', id: 'run-picker' },
        runs.map(r => el('option', { value: r.id, selected: String(r.id) === id }, 'run ' + r.id + ' · ' + r.suite + ' · ' + r.state)))),
      el('label', {}, 'baseline target', el('select', { name: 'baseline', id: 'baseline-picker' },
        m.targets.map(t => el('option', { value: t, selected: t === m.baseline }, t)))),
      el('button', { type: 'submit' }, 'Show'));
    content.replaceChildren(picker, await appClassSection(id),
      el('p', {}, 'Run ', el('a', { href: '/run?id=' + id }, id), ': which target is fastest for each kind of work, by how much, and whether the test can tell. ',
        el('a', { href: '/changes?a=' + id + '&b=latest' }, 'compare this run with the latest run')),
      el('h2', {}, 'Verdict per workload class'),
      verdictTable(m),
      el('h2', {}, 'Speed, memory and energy'),
      el('div', { class: 'chart-row' }, el('div', { class: 'chart-col' }, relativeCharts(m)), el('div', { class: 'chart-col' }, sideCharts(m))),
      el('h2', {}, 'Base numbers'),
      baseTable(m),
      caveats(m));
    content.append(await breakEvenSection(id));
  } catch (e) {
    showError(content, e);
  }
})();

function labelOf(i) {
  return { micropython: 'MicroPython (board)', cpython: 'CPython', pypy: 'PyPy' }[i] || i;
}
