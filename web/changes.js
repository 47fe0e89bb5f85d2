import { el, api, nav, duration, showError, param, percent, titled, when, times } from '/assets/common.js';
import { ratioBars } from '/assets/charts.js';

nav('runs');
const content = document.getElementById('content');

function runLabel(r) {
  return 'run ' + r.id + ' (' + r.suite + ', ' + when(r.started_at) + ')';
}

(async () => {
  try {
    const rig = await api('/api/rig');
    const a = param('a'), b = param('b') || 'latest';
    const ok = v => /^\d+$/.test(v) || v === 'latest';
    if (!a || !ok(a) || !ok(b)) throw new Error('give two runs: /changes?a=RUN&b=RUN (b may be "latest"); tick two runs on the Runs page');
    const d = await api('/api/compare/' + a + '/' + b);
    titled(rig.rig, 'Run ' + d.a.id + ' against run ' + d.b.id);
    document.getElementById('title').textContent = 'Run ' + d.a.id + ' → run ' + d.b.id;
    const rows = d.changes.map(c => el('tr', { 'data-benchmark': c.benchmark, 'data-target': c.target, 'data-mode': c.mode,
        'data-verdict': c.verdict, class: 'verdict-' + c.verdict.replace(/ /g, '-') },
      el('th', { scope: 'row', 'data-label': 'benchmark' }, c.benchmark),
      el('td', { 'data-label': 'target' }, c.target), el('td', { 'data-label': 'mode' }, c.mode),
      el('td', { class: 'num', 'data-label': 'A median' }, duration(c.a_median_ns)),
      el('td', { class: 'num', 'data-label': 'B median' }, duration(c.b_median_ns)),
      el('td', { class: 'num', 'data-label': 'change' }, percent(c.change)),
      el('td', { class: 'num', 'data-label': 'interval' }, c.low == null ? '-' : percent(c.low) + ' … ' + percent(c.high)),
      el('td', { class: 'num', 'data-label': 'p' }, c.p == null ? '-' : c.p.toPrecision(2)),
      el('td', { 'data-label': 'verdict' }, el('strong', {}, c.verdict), c.reason ? el('div', { class: 'muted' }, c.reason) : null,
        c.warnings.length ? el('ul', { class: 'caveats' }, c.warnings.map(w => el('li', {}, 'warning: ' + w))) : null)));
    const chart = ratioBars(d.changes.filter(c => c.change != null).map(c => ({
      label: c.benchmark + ' · ' + c.target + ' ' + c.mode,
      // drawn as speed: A time / B time, so right of 1× is faster in B
      value: 1 / (1 + c.change), low: 1 / (1 + c.high), high: 1 / (1 + c.low),
      significant: c.verdict === 'faster' || c.verdict === 'slower',
    })), {
      id: 'change-chart', title: 'speed of run ' + d.b.id + ' relative to run ' + d.a.id + ' (A time / B time; log-ratio axis: right of 1× faster in run ' + d.b.id + ', left slower; whiskers = interval; n.s. = no verdict)',
      axis: 'log-ratio axis, speed of B vs A',
      format: times,
    });
    content.replaceChildren(
      el('p', {}, 'A = ', el('a', { href: '/run?id=' + d.a.id }, runLabel(d.a)), ', B = ', el('a', { href: '/run?id=' + d.b.id }, runLabel(d.b)), '. ',
        el('strong', { id: 'summary' }, d.summary.slower + ' slower, ' + d.summary.faster + ' faster, ' + d.summary.undecided + ' without a significant change or verdict'),
        '; the largest change comes first.'),
      ...(d.notes.length ? [el('ul', { class: 'caveats', id: 'notes' }, d.notes.map(n => el('li', {}, n)))] : []),
      el('div', { class: 'table-wrap' }, el('table', { id: 'changes', class: 'card-table' },
        el('thead', {}, el('tr', {}, ['benchmark', 'target', 'mode', 'A median', 'B median', 'change', 'interval', 'p', 'verdict']
          .map((h, i) => el('th', { scope: 'col', class: i >= 3 && i <= 7 ? 'num' : '' }, h)))),
        el('tbody', {}, rows))),
      chart,
      el('p', { class: 'muted' }, d.rule, '. The same table on the command line: ', el('code', {}, 'benchrig compare ' + d.a.id + ' ' + d.b.id)));
  } catch (e) {
    showError(content, e);
  }
})();
