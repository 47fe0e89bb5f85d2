import { el, api, nav, duration, when, showError, param, titled } from '/assets/common.js';

nav('history');
const content = document.getElementById('content');
const logScale = param('scale') === 'log';

function bandsPlugin(lo, hi, color) {
  // Fills the band between the q1 and q3 series (spread) behind the medians.
  return {
    hooks: {
      drawSeries: [(u, si) => {
        if (si !== 1) return;
        const ctx = u.ctx;
        const xs = u.data[0];
        ctx.save();
        ctx.fillStyle = color;
        ctx.beginPath();
        let started = false;
        for (let i = 0; i < xs.length; i++) {
          if (u.data[hi][i] == null) continue;
          const x = u.valToPos(xs[i], 'x', true), y = u.valToPos(u.data[hi][i], 'y', true);
          if (!started) { ctx.moveTo(x, y); started = true; } else ctx.lineTo(x, y);
        }
        for (let i = xs.length - 1; i >= 0; i--) {
          if (u.data[lo][i] == null) continue;
          ctx.lineTo(u.valToPos(xs[i], 'x', true), u.valToPos(u.data[lo][i], 'y', true));
        }
        ctx.closePath();
        ctx.fill();
        ctx.restore();
      }],
    },
  };
}

function percent(change) {
  return (change >= 0 ? '+' : '') + (change * 100).toFixed(1) + '%';
}

function markersPlugin(alerts) {
  // A vertical line at each run where a step was detected, labelled with its direction and size.
  return {
    hooks: {
      draw: [u => {
        const ctx = u.ctx;
        const top = u.bbox.top, bottom = u.bbox.top + u.bbox.height;
        for (const a of alerts) {
          const x = u.valToPos(a.run, 'x', true);
          if (!Number.isFinite(x) || x < u.bbox.left - 1 || x > u.bbox.left + u.bbox.width + 1) continue;
          const color = a.direction === 'slower' ? '#b3261e' : '#1e7a3a';
          ctx.save();
          ctx.strokeStyle = color;
          ctx.fillStyle = color;
          ctx.lineWidth = 2 * devicePixelRatio;
          ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
          ctx.beginPath(); ctx.moveTo(x, top); ctx.lineTo(x, bottom); ctx.stroke();
          ctx.setLineDash([]);
          const s = 7 * devicePixelRatio;
          ctx.beginPath(); ctx.moveTo(x - s, top); ctx.lineTo(x + s, top); ctx.lineTo(x, top + s * 1.4); ctx.closePath(); ctx.fill();
          ctx.font = (11 * devicePixelRatio) + 'px sans-serif';
          ctx.textAlign = x > u.bbox.left + u.bbox.width / 2 ? 'right' : 'left';
          ctx.fillText(' ' + a.direction + ' ' + percent(a.change) + ' ', x, top + s * 2.8);
          ctx.restore();
        }
      }],
    },
  };
}

function chart(points, mode, width, alerts) {
  const pts = points.filter(p => p.mode === mode && p.medianNs != null);
  const mine = alerts.filter(a => a.mode === mode);
  const box = el('figure', { class: 'chart', 'data-mode': mode, 'data-markers': mine.length }, el('figcaption', {}, el('strong', {}, mode),
    el('span', { class: 'muted' }, ' median per run (µs) with the interquartile band and min/max'),
    mine.length ? el('span', { class: 'marker-legend' }, ' · dashed line = regression detected') : null));
  if (pts.length === 0) { box.append(el('p', { class: 'muted' }, 'no successful ' + mode + ' measurements')); return box; }
  const xs = pts.map(p => p.run);
  const us = v => v == null ? null : v / 1000;
  const data = [xs, pts.map(p => us(p.medianNs)), pts.map(p => us(p.q1Ns)), pts.map(p => us(p.q3Ns)),
    pts.map(p => us(p.minNs)), pts.map(p => us(p.maxNs))];
  const opts = {
    width, height: 240, plugins: [bandsPlugin(2, 3, 'rgba(31,95,168,0.18)'), markersPlugin(mine)],
    scales: { x: { time: false }, y: { distr: logScale ? 3 : 1 } },
    // runs are whole numbers: ticks only at integers
    axes: [{ label: 'run', incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000], values: (u, splits) => splits.map(v => Number.isInteger(v) ? v : '') },
      { label: logScale ? 'µs (log scale)' : 'µs', size: 60 }],
    legend: { show: false },
    series: [{ label: 'run' },
      { label: 'median', stroke: '#1f5fa8', width: 2, points: { show: true, size: 6 } },
      { label: 'q1', stroke: 'transparent', points: { show: false } },
      { label: 'q3', stroke: 'transparent', points: { show: false } },
      { label: 'min', stroke: '#999', dash: [4, 4], width: 1, points: { show: false } },
      { label: 'max', stroke: '#999', dash: [4, 4], width: 1, points: { show: false } }],
  };
  requestAnimationFrame(() => { opts.width = Math.max(240, box.clientWidth - 20); new uPlot(opts, data, box); });
  return box;
}

(async () => {
  try {
    const rig = await api('/api/rig');
    document.getElementById('rig-name').textContent = 'benchrig · ' + rig.rig;
    const benchmarks = await api('/api/benchmarks');
    const name = param('benchmark') || (benchmarks[0] && benchmarks[0].name);
    if (!name) { content.replaceChildren(el('p', {}, 'No benchmarks.')); return; }
    const target = param('target') || '';
    const h = await api('/api/benchmarks/' + encodeURIComponent(name) + '/history' + (target ? '?target=' + encodeURIComponent(target) : ''));
    const form = el('form', { class: 'inline', method: 'get', action: '/history' },
      el('label', {}, 'benchmark', el('select', { name: 'benchmark' },
        benchmarks.map(b => el('option', { value: b.name, selected: b.name === name }, b.name + ' (' + b.class + ')')))),
      el('label', {}, 'target', el('select', { name: 'target' },
        h.targets.map(t => el('option', { value: t, selected: t === h.target }, t)))),
      el('label', {}, 'time axis', el('select', { name: 'scale', id: 'scale' },
        el('option', { value: 'linear', selected: !logScale }, 'linear'), el('option', { value: 'log', selected: logScale }, 'log'))),
      el('button', { type: 'submit' }, 'Show'));
    const charts = el('div', { class: 'charts', id: 'charts' });
    titled(rig.rig, 'History of ' + name + (h.target ? ' on ' + h.target : ''));
    document.getElementById('title').textContent = 'History · ' + name + (h.target ? ' on ' + h.target : '');
    // change of the median against the previous run of the same mode
    const prev = new Map();
    const change = new Map();
    for (const p of h.points) {
      const before = prev.get(p.mode);
      if (before != null && p.medianNs != null && before > 0) change.set(p, p.medianNs / before - 1);
      if (p.medianNs != null) prev.set(p.mode, p.medianNs);
    }
    const rows = h.points.map(p => el('tr', { class: p.regression ? 'regression ' + p.regression.direction : '' },
      el('td', {}, el('a', { href: '/run?id=' + p.run }, 'run ' + p.run)), el('td', {}, when(p.at)), el('td', {}, p.mode),
      el('td', { class: 'num' }, p.n), el('td', { class: 'num' }, duration(p.medianNs)),
      el('td', { class: 'num', 'data-field': 'change' }, change.has(p) ? percent(change.get(p)) : '-'),
      el('td', { class: 'num' }, duration(p.q1Ns) + ' – ' + duration(p.q3Ns)),
      el('td', { class: 'num' }, p.failures),
      el('td', {}, p.regression ? el('span', { class: 'badge flag' }, 'step: ' + p.regression.direction + ' ' + percent(p.regression.change)) : '')));
    const alertList = h.alerts.length === 0
      ? el('p', { class: 'muted', id: 'alerts' }, 'No regression detected for ' + name + ' on ' + (h.target || '-') + '.')
      : el('ol', { id: 'alerts', class: 'alerts' }, h.alerts.map(a => el('li', { 'data-run': a.run, 'data-mode': a.mode, class: a.direction },
        el('strong', {}, a.direction + ' ' + percent(a.change)), ' · ', a.mode, ' · from ',
        el('a', { href: '/run?id=' + a.run }, 'run ' + a.run), ' (', when(a.at), '): median ',
        duration(a.beforeNs), ' → ', duration(a.afterNs), ', p = ', a.pValue.toPrecision(2),
        a.detectedBy ? el('span', { class: 'muted' }, ' · found after run ' + a.detectedBy) : null)));
    content.replaceChildren(form,
      el('p', {}, h.target ? name + ' on ' + h.target + ' across runs.' : 'No measurements of ' + name + ' yet.'),
      charts,
      el('h2', {}, 'Detected regressions'),
      el('p', { class: 'muted' }, 'Steps found by change-point detection over the nightly medians (a single noisy night raises nothing).'),
      alertList,
      el('h2', {}, 'Runs'),
      el('div', { class: 'table-wrap' }, el('table', { id: 'history' },
        el('thead', {}, el('tr', {}, ['run', 'at', 'mode', 'n', 'median', 'change', 'q1 – q3', 'failed', 'regression'].map(x => el('th', { scope: 'col' }, x)))),
        el('tbody', {}, rows))));
    const width = Math.max(260, Math.min(560, charts.clientWidth - 20));
    charts.append(chart(h.points, 'cold', width, h.alerts), chart(h.points, 'warm', width, h.alerts));
  } catch (e) {
    showError(content, e);
  }
})();
