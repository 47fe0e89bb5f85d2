// The compare page's warm-up curves and break-even: per benchmark, each host's cumulative time
// from process start against the calls made (log-log; median of its processes, dashed: their
// range) with the break-even marked, from /api/runs/{id}/breakeven (the report's section, same names).
import { el, api, duration } from '/assets/common.js';
import { textTable } from '/assets/charts.js';

const COLORS = ['#1f5fa8', '#b3261e', '#1e7a3a', '#8a5a00'];

/** A uPlot hook drawing a dashed vertical line at each break-even (calls). */
function marks(calls) {
  return {
    hooks: {
      draw: [u => {
        const ctx = u.ctx;
        ctx.save();
        ctx.setLineDash([5, 4]);
        ctx.strokeStyle = '#222';
        for (const n of calls) {
          const x = u.valToPos(n, 'x', true);
          ctx.beginPath();
          ctx.moveTo(x, u.bbox.top);
          ctx.lineTo(x, u.bbox.top + u.bbox.height);
          ctx.stroke();
        }
        ctx.restore();
      }],
    },
  };
}

function chart(b) {
  const box = el('figure', { class: 'chart', 'data-benchmark': b.benchmark },
    el('figcaption', {}, el('strong', {}, b.benchmark), ' ',
      el('span', { class: 'muted' }, 'cumulative time from process start against calls (log-log; dashed: range of the processes)')));
  const hosts = Object.entries(b.curves).filter(([, c]) => c.median_ns);
  if (hosts.length === 0) {
    box.append(el('p', { class: 'muted' }, 'no curve to plot'));
    return box;
  }
  const data = [b.calls];
  const opts = {
    width: 520, height: 240,
    scales: { x: { time: false, distr: 3 }, y: { distr: 3 } },
    axes: [{ label: 'calls from process start' },
           { label: 'cumulative time', size: 70, values: (u, v) => v.map(ns => duration(ns)) }],
    series: [{ label: 'calls' }],
    legend: { live: false },
    plugins: [marks(b.break_even.filter(x => x.calls != null).map(x => x.calls))],
  };
  hosts.forEach(([target, c], i) => {
    const color = COLORS[i % COLORS.length];
    data.push(c.median_ns, c.low_ns, c.high_ns);
    opts.series.push({ label: target, stroke: color, width: 2 },
      { label: target + ' low', stroke: color, width: 1, dash: [3, 3] },
      { label: target + ' high', stroke: color, width: 1, dash: [3, 3] });
  });
  // the numbers behind the chart at each power of ten of calls and the last point, as the report's table
  const rows = b.calls.map((n, k) => [n, k]).filter(([n, k]) => Math.abs(Math.log10(n) - Math.round(Math.log10(n))) < 1e-9 || k === b.calls.length - 1)
    .map(([n, k]) => [Math.round(n).toLocaleString('en-US') + ' calls',
      ...hosts.map(([, c]) => duration(c.median_ns[k]) + ' (' + duration(c.low_ns[k]) + ' – ' + duration(c.high_ns[k]) + ')')]);
  const table = textTable(b.benchmark + ': cumulative time from process start, median of the processes (range)',
    ['', ...hosts.map(([t]) => t)], rows);
  requestAnimationFrame(() => {
    opts.width = Math.max(240, Math.min(620, box.clientWidth - 20));
    new uPlot(opts, data, (u, init) => { box.insertBefore(u.root, table); init(); });
  });
  box.append(table);
  return box;
}

/** The section for run `id`: the break-even statements and one chart per benchmark run on two hosts. */
export async function breakEvenSection(id) {
  const s = await api('/api/runs/' + id + '/breakeven');
  const box = el('section', { id: 'break-even' }, el('h2', {}, 'Warm-up curves and break-even'), el('p', { class: 'muted' }, s.note));
  const statements = s.benchmarks.flatMap(b => b.break_even.map(x =>
    el('li', { 'data-benchmark': b.benchmark, 'data-status': x.status }, el('strong', {}, b.benchmark), ': ', x.statement)));
  if (statements.length) box.append(el('ul', { class: 'findings' }, statements));
  const charts = el('div', { class: 'charts' });
  s.benchmarks.forEach(b => charts.append(chart(b)));
  box.append(charts);
  return box;
}
