import { el, api, nav, when, showError, param } from '/assets/common.js';

nav('runs');
const content = document.getElementById('content');
const limit = 25;
const offset = Math.max(0, Number(param('offset')) || 0);

function dur(s) {
  if (s === null || s === undefined) return '-';
  if (s < 120) return s.toFixed(1) + ' s';
  return (s / 60).toFixed(1) + ' min';
}

(async () => {
  try {
    const rig = await api('/api/rig');
    document.getElementById('rig-name').textContent = 'benchrig · ' + rig.rig;
    const page = await api('/api/runs?limit=' + limit + '&offset=' + offset);
    if (page.runs.length === 0) {
      content.replaceChildren(el('p', {}, 'No runs yet. Start one on the Bench page or with ', el('code', {}, 'benchrig run'), '.'));
      return;
    }
    const rows = page.runs.map(r => el('tr', { class: r.state === 'failed' || r.state === 'interrupted' ? 'failed' : '' },
      el('td', {}, el('a', { href: '/run?id=' + r.id }, 'run ' + r.id)),
      el('td', {}, r.state, r.reason ? el('div', { class: 'muted' }, r.reason) : null),
      el('td', {}, r.rig),
      el('td', {}, r.suite),
      el('td', {}, r.targets.join(', ')),
      el('td', { class: 'num' }, r.repetitions),
      el('td', {}, when(r.startedAt)),
      el('td', { class: 'num' }, dur(r.durationS)),
      el('td', {}, el('a', { href: '/compare?run=' + r.id }, 'compare'))));
    const pager = el('nav', { 'aria-label': 'More runs', class: 'panel' },
      offset > 0 ? el('a', { href: '/runs?offset=' + Math.max(0, offset - limit) }, '← newer') : null, ' ',
      page.next ? el('a', { href: '/runs?offset=' + (offset + limit) }, 'older →') : null);
    content.replaceChildren(el('div', { class: 'table-wrap' }, el('table', { id: 'runs' },
      el('thead', {}, el('tr', {}, ['run', 'state', 'rig', 'suite', 'targets', 'reps', 'started', 'duration', ''].map(h => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, rows))), pager);
  } catch (e) {
    showError(content, e);
  }
})();
