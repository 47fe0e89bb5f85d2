// The run page's concurrency section: speedup over one worker per workload, threads vs processes
// vs asyncio, CPython vs PyPy, from /api/runs/{id}/concurrency (the report's section, same names).
import { el, api } from '/assets/common.js';
import { textTable } from '/assets/charts.js';

const DASH = { threads: [], processes: [8, 4], asyncio: [2, 3] };
const COLORS = ['#1f5fa8', '#b3261e', '#1e7a3a', '#8a5a00', '#6a3d9a', '#0b7285'];

function chart(workload, figures) {
  const box = el('figure', { class: 'chart', 'data-workload': workload },
    el('figcaption', {}, el('strong', {}, workload), ' ',
      el('span', { class: 'muted' }, 'speedup over one worker of the same kind (dashes: processes; dots: asyncio)')));
  const series = new Map();
  for (const f of figures) {
    if (f.speedup == null) continue;
    const key = f.target + ' ' + f.kind;
    if (!series.has(key)) series.set(key, { kind: f.kind, target: f.target, points: new Map() });
    series.get(key).points.set(f.workers, f.speedup);
  }
  if (series.size === 0) {
    box.append(el('p', { class: 'muted' }, 'no figure to plot'));
    return box;
  }
  const xs = [...new Set(figures.filter(f => f.speedup != null).map(f => f.workers))].sort((a, b) => a - b);
  const data = [xs];
  const targets = [...new Set([...series.values()].map(s => s.target))];
  const opts = {
    width: 480, height: 220,
    scales: { x: { time: false } },
    axes: [{ label: 'workers', values: (u, v) => v.map(x => Number.isInteger(x) ? String(x) : '') },
           { label: 'speedup (x)', size: 50 }],
    series: [{ label: 'workers' }],
    legend: { live: false },
  };
  for (const [key, s] of series) {
    data.push(xs.map(x => s.points.get(x) ?? null));
    const c = COLORS[targets.indexOf(s.target) % COLORS.length];
    opts.series.push({ label: key, stroke: c, width: 2, dash: DASH[s.kind] || [], points: { show: true, size: 6, fill: c } });
  }
  const table = textTable(workload + ': speedup over one worker of the same kind', ['', ...xs.map(x => x + (x === 1 ? ' worker' : ' workers'))],
    [...series].map(([key, s]) => [key, ...xs.map(x => (s.points.has(x) ? s.points.get(x).toFixed(2) + '×' : '-'))]));
  requestAnimationFrame(() => {
    opts.width = Math.max(240, Math.min(560, box.clientWidth - 20));
    new uPlot(opts, data, (u, init) => { box.insertBefore(u.root, table); init(); });
  });
  box.append(table);
  return box;
}

function notes(figures) {
  const rows = figures.filter(f => f.note);
  if (rows.length === 0) return null;
  return el('ul', { class: 'concurrency-notes' }, rows.map(f =>
    el('li', {}, el('strong', {}, f.target), ' ', f.workload, f.kind === '-' ? '' : ' ' + f.kind + ' x' + f.workers, ': ', f.note)));
}

/** The section for run `id`, or a short note when the run has no concurrency figures. */
export async function concurrencySection(id) {
  const c = await api('/api/runs/' + id + '/concurrency');
  const box = el('section', { id: 'concurrency' }, el('h2', {}, 'Concurrency'), el('p', { class: 'muted' }, c.note));
  if (c.figures.length === 0) return box;
  const findings = Object.entries(c.findings);
  if (findings.length) box.append(el('ul', { class: 'findings' }, findings.map(([t, g]) => el('li', {}, el('strong', {}, t), ': ', g))));
  const charts = el('div', { class: 'charts' });
  for (const w of [...new Set(c.figures.map(f => f.workload))]) {
    charts.append(chart(w, c.figures.filter(f => f.workload === w)));
  }
  box.append(charts);
  const n = notes(c.figures);
  if (n) box.append(n);
  return box;
}
