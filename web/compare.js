import { el, api, nav, duration, bytes, showError, param, energyNode } from '/assets/common.js';
import { appClassSection } from '/assets/appclass.js';
import { breakEvenSection } from '/assets/breakeven.js';

nav('compare');
const content = document.getElementById('content');

function memory(c) {
  const parts = [];
  if (c.heapUsed != null) parts.push('heap used ' + bytes(c.heapUsed));
  if (c.peakRssKb != null) parts.push('peak RSS ' + bytes(c.peakRssKb * 1024));
  return parts.length ? parts.join(', ') : 'memory: -';
}

function cell(c, row) {
  if (c.benchmarks === 0) return el('td', { class: 'muted' }, 'not run');
  const warmWin = row.winnerWarm === c.interpreter;
  const coldWin = row.winnerCold === c.interpreter;
  return el('td', { 'data-interpreter': c.interpreter },
    el('div', { class: 'num' }, el('span', { class: coldWin ? 'winner' : '' }, 'cold ' + duration(c.coldNs)), ' · ',
      el('span', { class: warmWin ? 'winner' : '' }, 'warm ' + duration(c.warmNs))),
    el('div', { class: 'muted' }, memory(c)),
    c.energy ? el('div', { class: 'cell-energy' }, 'energy ', energyNode(c.energy)) : null,
    el('div', { class: 'muted' }, c.targets.join(', ')),
    c.complete ? null : el('div', { class: 'outcome-bad' }, c.failures.length ? c.failures.join('; ') : 'incomplete'));
}

(async () => {
  try {
    const rig = await api('/api/rig');
    document.getElementById('rig-name').textContent = 'benchrig · ' + rig.rig;
    const runs = (await api('/api/runs?limit=50')).runs;
    let id = param('run');
    if (!id) {
      const done = runs.find(r => r.state === 'done') || runs[0];
      if (!done) { content.replaceChildren(el('p', {}, 'No runs yet.')); return; }
      id = String(done.id);
    }
    if (!/^\d+$/.test(id)) throw new Error('bad run id');
    const m = await api('/api/runs/' + id + '/compare');
    const picker = el('form', { class: 'inline', method: 'get', action: '/compare' },
      el('label', {}, 'run', el('select', { name: 'run', id: 'run-picker' },
        runs.map(r => el('option', { value: r.id, selected: String(r.id) === id }, 'run ' + r.id + ' · ' + r.suite + ' · ' + r.state)))),
      el('button', { type: 'submit' }, 'Show'));
    const head = el('tr', {}, el('th', { scope: 'col' }, 'workload class'),
      m.interpreters.map(i => el('th', { scope: 'col' }, labelOf(i))), el('th', { scope: 'col' }, 'winner'));
    const body = [];
    for (const row of m.rows) {
      const byInterp = new Map(row.cells.map(c => [c.interpreter, c]));
      const winner = el('td', { class: 'winner-cell' },
        el('div', {}, 'warm: ', el('strong', { class: 'winner', 'data-winner': 'warm' }, row.winnerWarm ? labelOf(row.winnerWarm) : 'none')),
        el('div', {}, 'cold: ', el('strong', { class: 'winner', 'data-winner': 'cold' }, row.winnerCold ? labelOf(row.winnerCold) : 'none')));
      body.push(el('tr', { 'data-class': row.workloadClass },
        el('th', { scope: 'row' }, row.workloadClass, el('div', { class: 'muted' }, row.benchmarks.join(', '))),
        m.interpreters.map(i => cell(byInterp.get(i), row)), winner));
      if (row.caveats.length) {
        body.push(el('tr', { class: 'caveat-row' }, el('td', { colspan: m.interpreters.length + 2 },
          el('ul', { class: 'caveats' }, row.caveats.map(c => el('li', {}, c))))));
      }
    }
    content.replaceChildren(picker, await appClassSection(id),
      el('h2', {}, 'By workload class'),
      el('p', {}, 'Run ', el('a', { href: '/run?id=' + id }, id), ': which interpreter is fastest for each kind of work. ',
        'Times are shown as measured (cold and warm side by side), never as percentages alone.'),
      el('div', { class: 'table-wrap' }, el('table', { id: 'matrix' }, el('thead', {}, head), el('tbody', {}, body))),
      el('ul', { class: 'muted' }, m.notes.map(n => el('li', {}, n))));
    content.append(await breakEvenSection(id));
  } catch (e) {
    showError(content, e);
  }
})();

function labelOf(i) {
  return { micropython: 'MicroPython (board)', cpython: 'CPython', pypy: 'PyPy' }[i] || i;
}
