// The decision matrix by app class (issue 14): which interpreter for a CLI, a service, a pipeline,
// an embedded device; each cell's base numbers, the pick or "no verdict" with its reason, the
// evidence, and the two tests to run on one's own app. The model is /api/runs/ID/appclass.
import { el, api, duration } from '/assets/common.js';

function workloadLine(w) {
  const name = w.workload + ': ';
  if (w.outcome === 'DOES_NOT_FIT') {
    return el('div', { class: 'outcome-bad', 'data-fit': 'no' }, name + 'does not fit (needed at least ' + w.heap_needed_bytes
      + ' bytes of heap, ' + w.heap_free_bytes + ' free)');
  }
  if (w.outcome !== 'ok') return el('div', { class: 'outcome-bad' }, name + w.outcome);
  const parts = ['cold ' + duration(w.cold_ns), 'warm ' + duration(w.warm_ns)];
  if (w.p95_ns != null) parts.push('p95 ' + duration(w.p95_ns) + ' per op');
  if (w.ops_per_s != null) parts.push(Math.round(w.ops_per_s).toLocaleString('en') + ' ops/s');
  if (w.peak_rss_kb != null) parts.push((w.peak_rss_kb / 1024).toFixed(1) + ' MB RSS');
  if (w.heap_used_bytes != null) parts.push((w.heap_used_bytes / 1024).toFixed(1) + ' KB heap');
  if (w.mj_per_op != null) parts.push(w.mj_per_op.toFixed(4) + ' mJ/op' + (w.energy_simulated ? ' (simulated)' : ''));
  return el('div', { class: 'num' }, name + parts.join(', '));
}

function cell(c) {
  return el('td', { 'data-applicable': String(c.applicable) },
    c.applicable ? null : el('div', { class: 'muted' }, 'not applicable: ' + c.reason),
    c.workloads.map(workloadLine));
}

function verdict(row) {
  return row.pick != null
    ? el('div', {}, 'pick: ', el('strong', { class: 'winner', 'data-pick': row.pick }, row.pick), ' (' + row.confidence + ')')
    : el('div', { 'data-pick': '' }, 'no verdict: ' + row.no_verdict);
}

/** The section for run `id`: the app-class matrix, its rules, each row's evidence and tests. */
export async function appClassSection(id) {
  const m = await api('/api/runs/' + id + '/appclass');
  const targets = Object.keys(m.targets);
  const head = el('tr', {}, el('th', { scope: 'col' }, 'your app'), targets.map(t => el('th', { scope: 'col' }, m.targets[t])),
    el('th', { scope: 'col' }, 'verdict'));
  const rows = m.rows.map(r => el('tr', { 'data-app-class': r.app_class },
    el('th', { scope: 'row' }, r.title, el('div', { class: 'muted' }, r.workloads.join(', '))),
    targets.map(t => cell(r.cells[t])),
    el('td', { class: 'winner-cell' }, verdict(r),
      el('details', {}, el('summary', {}, 'evidence and the two tests to run on your app'),
        el('ul', {}, r.evidence.map(e => el('li', {}, e))),
        el('ol', { class: 'app-tests' }, r.tests.map(t => el('li', {}, t)))))));
  return el('section', { id: 'app-classes' },
    el('h2', {}, 'Which interpreter for your app'),
    el('div', { class: 'table-wrap' }, el('table', { id: 'app-matrix' }, el('thead', {}, head), el('tbody', {}, rows))),
    el('ul', { class: 'muted' }, Object.entries(m.rules).map(([k, v]) => el('li', {}, el('strong', {}, k), ' ' + v))),
    el('p', { class: 'muted' }, m.note));
}
