// The run page's warm-up curves: per benchmark, one chart per host target of each worker process's
// time per call against the call number (log axis: warm-ups take few calls, values many), the
// steady point marked (where the process's values begin, after hostrun.py's steady-state rule held),
// from /api/runs/{id}/warmup. Processes are told apart by marker shape; a table of every point is
// behind each chart.
import { el, api, micros } from '/assets/common.js';
import { chartBox, textTable, MARKERS, COLORS, TEXT } from '/assets/charts.js';

function median(v) {
  const s = [...v].sort((a, b) => a - b);
  const h = Math.floor(s.length / 2);
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

function calls(n) {
  return Math.round(n).toLocaleString('en-US');
}

/** One host's chart: a line of points per process, the steady points enlarged, the median steady point and time as lines. */
function hostChart(bench, host, index) {
  const fig = el('figure', { class: 'chart warmup', 'data-benchmark': bench, 'data-target': host.target });
  const ps = host.processes;
  if (!ps.length) {
    fig.append(el('figcaption', {}, el('strong', {}, host.target)), el('p', { class: 'muted' }, host.missing || 'no warm-up values'));
    return fig;
  }
  const color = COLORS[index % COLORS.length];
  const steadyCall = median(ps.map(p => p.steady_from_call));
  const steadyUs = median(ps.map(p => p.steady_ns_per_call)) / 1000;
  const allSteady = ps.every(p => p.steady);
  const said = (allSteady ? 'steady from call ' : 'not steady (time cap reached); values from call ') + calls(steadyCall);
  const title = bench + ' on ' + host.target + ': time per call against call number';
  const option = {
    animation: false,
    textStyle: TEXT,
    aria: { enabled: true, label: { description: title + ', ' + said } },
    legend: { type: 'scroll', bottom: 0, textStyle: TEXT, itemWidth: 18, itemHeight: 10 },
    grid: { left: 8, right: 16, top: 30, bottom: 58, containLabel: true },
    tooltip: { trigger: 'item', formatter: p => p.seriesName + ': call ' + calls(p.value[0]) + ', ' + micros(p.value[1] * 1000) + ' µs per call' },
    xAxis: { type: 'log', logBase: 10, min: 1, name: 'call number (log scale)', nameLocation: 'middle', nameGap: 24,
      axisLabel: { ...TEXT, formatter: v => calls(v) }, nameTextStyle: { ...TEXT, color: '#555' } },
    yAxis: { type: 'value', min: 0, name: 'µs per call', nameTextStyle: { ...TEXT, color: '#555', align: 'left' },
      axisLabel: { ...TEXT, formatter: v => micros(v * 1000) } },
    series: ps.map((p, i) => ({
      type: 'line', name: 'process ' + p.process, symbol: MARKERS[i % MARKERS.length], symbolSize: 6,
      lineStyle: { color, width: 1.2, opacity: 0.7 }, itemStyle: { color },
      data: p.calls.map((c, k) => (k === p.warmups
        ? { value: [c, p.ns_per_call[k] / 1000], symbolSize: 12, itemStyle: { color: '#fff', borderColor: '#111', borderWidth: 2 } }
        : [c, p.ns_per_call[k] / 1000])),
      // the median steady point of the processes, and their median steady time per call, once
      markLine: i ? undefined : { silent: true, symbol: 'none', lineStyle: { color: '#111', type: 'dashed', width: 1.2 },
        label: { ...TEXT, fontSize: 10 },
        data: [{ xAxis: steadyCall, label: { formatter: said, position: 'end' } },
          { yAxis: steadyUs, label: { formatter: micros(steadyUs * 1000) + ' µs', position: 'insideStartTop' } }] },
    })),
  };
  fig.append(el('figcaption', {}, el('strong', {}, host.target), ' ',
    el('span', { class: 'muted' }, said + ' (median of ' + ps.length + ' process' + (ps.length > 1 ? 'es' : '') + '), then '
      + micros(steadyUs * 1000) + ' µs per call; circled: each process\'s first value')),
    chartBox(260, title + ', ' + said, option));
  const rows = ps.flatMap(p => p.calls.map((c, k) => [
    'process ' + p.process + ', call ' + calls(c), micros(p.ns_per_call[k]),
    k < p.warmups ? 'warm-up' : k === p.warmups ? (p.steady ? 'steady point' : 'first value (not steady)') : 'value']));
  fig.append(textTable(title + ' (µs per call)', ['', 'µs per call', 'phase'], rows));
  return fig;
}

/** The section for run `id`, or null when no host ran (boards have no warm-up values). */
export async function warmupSection(id) {
  const s = await api('/api/runs/' + id + '/warmup');
  if (!s.benchmarks.length) return null;
  return el('section', { id: 'warmup' }, el('h2', {}, 'Warm-up'), el('p', { class: 'muted' }, s.note),
    s.benchmarks.map(b => el('section', { class: 'warmup-bench', 'data-benchmark': b.benchmark },
      el('h3', {}, b.benchmark), el('div', { class: 'charts' }, b.hosts.map((h, i) => hostChart(b.benchmark, h, i))))));
}
