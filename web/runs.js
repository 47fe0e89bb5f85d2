import { el, api, nav, when, showError, param, titled } from '/assets/common.js';

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
    titled(rig.rig, 'Runs');
    const page = await api('/api/runs?limit=' + limit + '&offset=' + offset);
    if (page.runs.length === 0) {
      content.replaceChildren(el('p', {}, 'No runs yet. Start one on the Bench page or with ', el('code', {}, 'benchrig run'), '.'));
      return;
    }
    const button = el('button', { type: 'submit', id: 'compare-runs', disabled: true }, 'Compare the two ticked runs');
    const hint = el('span', { class: 'muted', id: 'compare-hint', 'aria-live': 'polite' }, 'tick two runs (the older one is the baseline)');
    const ticked = () => [...content.querySelectorAll('input[name=pick]:checked')].map(i => Number(i.value));
    const onTick = () => {
      const n = ticked().length;
      button.disabled = n !== 2;
      hint.textContent = n === 2 ? 'ready' : n > 2 ? 'tick only two runs' : 'tick ' + (2 - n) + ' more run(s)';
    };
    const rows = page.runs.map(r => el('tr', { class: r.state === 'failed' || r.state === 'interrupted' ? 'failed' : '' },
      el('td', {}, el('input', { type: 'checkbox', name: 'pick', value: r.id, 'aria-label': 'compare run ' + r.id, onchange: onTick })),
      el('td', {}, el('a', { href: '/run?id=' + r.id }, 'run ' + r.id)),
      el('td', {}, r.state, r.reason ? el('div', { class: 'muted' }, r.reason) : null),
      el('td', {}, r.rig),
      el('td', {}, r.suite),
      el('td', {}, r.targets.join(', ')),
      el('td', { class: 'num' }, r.repetitions),
      el('td', {}, when(r.started_at)),
      el('td', { class: 'num' }, dur(r.duration_s)),
      el('td', {}, el('a', { href: '/compare?run=' + r.id }, 'interpreters'), ' · ',
        el('a', { href: '/changes?a=' + r.id + '&b=latest' }, 'against latest'))));
    const form = el('form', { id: 'pick-runs', class: 'inline', onsubmit: e => {
      e.preventDefault();
      const [x, y] = ticked().sort((p, q) => p - q);
      location.href = '/changes?a=' + x + '&b=' + y;
    } }, button, hint);
    const pager = el('nav', { 'aria-label': 'More runs', class: 'panel' },
      offset > 0 ? el('a', { href: '/runs?offset=' + Math.max(0, offset - limit) }, '← newer') : null, ' ',
      page.next ? el('a', { href: '/runs?offset=' + (offset + limit) }, 'older →') : null);
    content.replaceChildren(form, el('div', { class: 'table-wrap' }, el('table', { id: 'runs' },
      el('thead', {}, el('tr', {}, ['compare', 'run', 'state', 'rig', 'suite', 'targets', 'reps', 'started', 'duration', ''].map(h => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, rows))), pager);
  } catch (e) {
    showError(content, e);
  }
})();
