import { el, api, nav, duration, when, showError, param, titled } from '/assets/common.js';

nav('history');
const content = document.getElementById('content');
// targets far apart (a board's milliseconds beside a host's microseconds) start on the log axis
const SPAN_FOR_LOG = 10;
// series colours: red and green are kept for the regression markers
const COLORS = ['#1f5fa8', '#8a5a00', '#6a3d9a', '#0b7285', '#444444', '#a0456e'];
// each target also has its own marker and dash, so no series is told apart by colour alone
const SHAPES = ['circle', 'square', 'triangle', 'diamond'];
const DASHES = [[], [8, 4], [2, 3], [10, 3, 2, 3]];
const look = i => ({ color: COLORS[i % COLORS.length], shape: SHAPES[i % SHAPES.length], dash: DASHES[i % DASHES.length] });

function bandsPlugin(bands) {
  // Fills the band between each target's q1 and q3 series (spread) behind the medians.
  return {
    hooks: {
      drawSeries: [(u, si) => {
        for (const { lo, hi, color, after } of bands) {
          if (si !== after) continue;
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
        }
      }],
    },
  };
}

/** Draws a marker shape centred on (x, y), r its half size in canvas pixels. */
function shape(ctx, kind, x, y, r) {
  ctx.beginPath();
  if (kind === 'square') ctx.rect(x - r, y - r, 2 * r, 2 * r);
  else if (kind === 'triangle') { ctx.moveTo(x, y - r * 1.2); ctx.lineTo(x + r * 1.1, y + r * 0.8); ctx.lineTo(x - r * 1.1, y + r * 0.8); ctx.closePath(); }
  else if (kind === 'diamond') { ctx.moveTo(x, y - r * 1.3); ctx.lineTo(x + r, y); ctx.lineTo(x, y + r * 1.3); ctx.lineTo(x - r, y); ctx.closePath(); }
  else ctx.arc(x, y, r, 0, 2 * Math.PI);
  ctx.fill();
}

function shapesPlugin() {
  // uPlot draws every point as a circle: each median series gets its own marker instead
  return {
    hooks: {
      draw: [u => {
        const ctx = u.ctx;
        u.series.forEach((s, si) => {
          if (!s.marker) return;
          ctx.save();
          ctx.fillStyle = s.markerColor;
          for (let i = 0; i < u.data[0].length; i++) {
            const v = u.data[si][i];
            if (v == null) continue;
            shape(ctx, s.marker, u.valToPos(u.data[0][i], 'x', true), u.valToPos(v, 'y', true), 4 * devicePixelRatio);
          }
          ctx.restore();
        });
      }],
    },
  };
}

function percent(change) {
  return (change >= 0 ? '+' : '') + (change * 100).toFixed(1) + '%';
}

function markersPlugin(alerts, named) {
  // A vertical line at each run where a step was detected, labelled with its direction and size.
  return {
    hooks: {
      draw: [u => {
        const ctx = u.ctx;
        const top = u.bbox.top, bottom = u.bbox.top + u.bbox.height;
        alerts.forEach((a, k) => {
          const x = u.valToPos(a.run, 'x', true);
          if (!Number.isFinite(x) || x < u.bbox.left - 1 || x > u.bbox.left + u.bbox.width + 1) return;
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
          ctx.fillText(' ' + (named ? a.target + ' ' : '') + a.direction + ' ' + percent(a.change) + ' ', x, top + s * (2.8 + 1.6 * k));
          ctx.restore();
        });
      }],
    },
  };
}

/** A legend that wraps under the plot: per target its colour, dash and marker drawn small, and its name. */
function legend(targets) {
  return el('ul', { class: 'legend' }, targets.map((t, i) => {
    const { color, shape: kind, dash } = look(i);
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('width', '34'); svg.setAttribute('height', '12'); svg.setAttribute('aria-hidden', 'true');
    const line = document.createElementNS(svg.namespaceURI, 'line');
    Object.entries({ x1: 1, y1: 6, x2: 33, y2: 6, stroke: color, 'stroke-width': 2, 'stroke-dasharray': dash.join(' ') })
      .forEach(([k, v]) => line.setAttribute(k, v));
    const mark = document.createElementNS(svg.namespaceURI, 'path');
    mark.setAttribute('d', { circle: 'M17 2a4 4 0 1 0 0.01 0', square: 'M13 2h8v8h-8z', triangle: 'M17 1l5 9h-10z', diamond: 'M17 0l4 6l-4 6l-4 -6z' }[kind]);
    mark.setAttribute('fill', color);
    svg.append(line, mark);
    return el('li', { 'data-target': t, 'data-marker': kind, 'data-dash': dash.join(' ') || 'solid' }, svg, ' ', t);
  }));
}

/** One mode's chart: every shown target's median per run overlaid, its interquartile band, regression markers. */
function chart(hs, mode, width, logScale) {
  const shown = hs.map(h => ({ target: h.target, pts: h.points.filter(p => p.mode === mode && p.median_ns != null) }));
  const mine = hs.flatMap(h => h.alerts.filter(a => a.mode === mode).map(a => ({ ...a, target: h.target })));
  const single = hs.length === 1;
  const box = el('figure', { class: 'chart', 'data-mode': mode, 'data-markers': mine.length }, el('figcaption', {}, el('strong', {}, mode),
    el('span', { class: 'muted' }, ' median per run (µs) of ' + hs.map(h => h.target).join(', ') + ', with the interquartile band'
      + (single ? ' and min/max' : '')),
    mine.length ? el('span', { class: 'marker-legend' }, ' · dashed line = regression detected') : null));
  if (shown.every(s => s.pts.length === 0)) { box.append(el('p', { class: 'muted' }, 'no successful ' + mode + ' measurements')); return box; }
  const xs = [...new Set(shown.flatMap(s => s.pts.map(p => p.run)))].sort((a, b) => a - b);
  const us = v => v == null ? null : v / 1000;
  const data = [xs];
  const series = [{ label: 'run' }];
  const bands = [];
  shown.forEach((s, i) => {
    const at = new Map(s.pts.map(p => [p.run, p]));
    const col = f => xs.map(x => (at.has(x) ? us(at.get(x)[f]) : null));
    const { color, shape: kind, dash } = look(i);
    const m = data.length;
    data.push(col('median_ns'), col('q1_ns'), col('q3_ns'));
    series.push({ label: s.target, stroke: color, width: 2, dash, spanGaps: true, points: { show: false }, marker: kind, markerColor: color },
      { label: s.target + ' q1', stroke: 'transparent', points: { show: false } },
      { label: s.target + ' q3', stroke: 'transparent', points: { show: false } });
    bands.push({ lo: m + 1, hi: m + 2, after: m, color: color + (single ? '2e' : '1a') });
    if (single) {
      data.push(col('min_ns'), col('max_ns'));
      series.push({ label: 'min', stroke: '#999', dash: [4, 4], width: 1, points: { show: false } },
        { label: 'max', stroke: '#999', dash: [4, 4], width: 1, points: { show: false } });
    }
  });
  const opts = {
    width, height: 240, plugins: [bandsPlugin(bands), shapesPlugin(), markersPlugin(mine, !single)],
    scales: { x: { time: false }, y: { distr: logScale ? 3 : 1 } },
    // runs are whole numbers: ticks only at integers
    axes: [{ label: 'run', incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000], values: (u, splits) => splits.map(v => Number.isInteger(v) ? v : '') },
      { label: logScale ? 'µs (log scale)' : 'µs', size: 60 }],
    legend: { show: false },
    series,
  };
  const key = legend(hs.map(h => h.target));
  box.append(key);
  // the plot goes above its legend; the drawn chart stays reachable from its figure (tests, the console)
  requestAnimationFrame(() => {
    opts.width = Math.max(240, box.clientWidth - 20);
    box.plot = new uPlot(opts, data, (u, init) => { box.insertBefore(u.root, key); init(); });
  });
  return box;
}

const history = (name, target) => api('/api/benchmarks/' + encodeURIComponent(name) + '/history' + (target ? '?target=' + encodeURIComponent(target) : ''));

(async () => {
  try {
    const rig = await api('/api/rig');
    document.getElementById('rig-name').textContent = 'benchrig · ' + rig.rig;
    const benchmarks = await api('/api/benchmarks');
    const name = param('benchmark') || (benchmarks[0] && benchmarks[0].name);
    if (!name) { content.replaceChildren(el('p', {}, 'No benchmarks.')); return; }
    // the targets asked for (target=a&target=b), else every target that ran the benchmark
    const asked = new URLSearchParams(location.search).getAll('target').filter(Boolean);
    const first = await history(name, asked[0]);
    const wanted = asked.length ? [...new Set(asked)] : first.targets;
    const hs = first.target == null ? [] : await Promise.all(wanted.map(t => (t === first.target ? first : history(name, t))));
    const shownTargets = hs.map(h => h.target);
    const medians = hs.flatMap(h => h.points.map(p => p.median_ns)).filter(v => v > 0);
    const logScale = param('scale') ? param('scale') === 'log' : Math.max(...medians) > SPAN_FOR_LOG * Math.min(...medians);
    const form = el('form', { class: 'inline', method: 'get', action: '/history' },
      el('label', {}, 'benchmark', el('select', { name: 'benchmark' },
        benchmarks.map(b => el('option', { value: b.name, selected: b.name === name }, b.name + ' (' + b.class + ')')))),
      el('fieldset', { id: 'pick-targets' }, el('legend', {}, 'targets (none ticked: all)'),
        first.targets.map(t => el('label', {}, el('input', { type: 'checkbox', name: 'target', value: t, checked: shownTargets.includes(t) }), ' ', t))),
      el('label', {}, 'time axis', el('select', { name: 'scale', id: 'scale' },
        el('option', { value: 'linear', selected: !logScale }, 'linear'), el('option', { value: 'log', selected: logScale }, 'log'))),
      el('button', { type: 'submit' }, 'Show'));
    const charts = el('div', { class: 'charts', id: 'charts' });
    const on = shownTargets.length ? ' on ' + shownTargets.join(', ') : '';
    titled(rig.rig, 'History of ' + name + on);
    document.getElementById('title').textContent = 'History · ' + name + on;
    // change of the median against the previous run of the same target and mode
    const prev = new Map();
    const change = new Map();
    for (const h of hs) {
      for (const p of h.points) {
        const k = h.target + '|' + p.mode;
        const before = prev.get(k);
        if (before != null && p.median_ns != null && before > 0) change.set(p, p.median_ns / before - 1);
        if (p.median_ns != null) prev.set(k, p.median_ns);
      }
    }
    const lines = hs.flatMap(h => h.points.map(p => ({ target: h.target, p })))
      .sort((a, b) => a.p.run - b.p.run || shownTargets.indexOf(a.target) - shownTargets.indexOf(b.target));
    const rows = lines.map(({ target, p }) => el('tr', { class: p.regression ? 'regression ' + p.regression.direction : '',
        'data-target': target, 'data-run': p.run, 'data-mode': p.mode },
      el('td', {}, el('a', { href: '/run?id=' + p.run }, 'run ' + p.run)), el('td', {}, when(p.at)), el('td', {}, target), el('td', {}, p.mode),
      el('td', { class: 'num' }, p.n), el('td', { class: 'num' }, duration(p.median_ns)),
      el('td', { class: 'num', 'data-field': 'change' }, change.has(p) ? percent(change.get(p)) : '-'),
      el('td', { class: 'num' }, duration(p.q1_ns) + ' – ' + duration(p.q3_ns)),
      el('td', { class: 'num' }, duration(p.min_ns) + ' – ' + duration(p.max_ns)),
      el('td', { class: 'num' }, p.failures),
      el('td', {}, p.regression ? el('span', { class: 'badge flag' }, 'step: ' + p.regression.direction + ' ' + percent(p.regression.change)) : '')));
    const alerts = hs.flatMap(h => h.alerts.map(a => ({ ...a, target: h.target })));
    const alertList = alerts.length === 0
      ? el('p', { class: 'muted', id: 'alerts' }, 'No regression detected for ' + name + ' on ' + (shownTargets.join(', ') || '-') + '.')
      : el('ol', { id: 'alerts', class: 'alerts' }, alerts.map(a => el('li', { 'data-run': a.run, 'data-mode': a.mode, 'data-target': a.target, class: a.direction },
        el('strong', {}, a.direction + ' ' + percent(a.change)), ' · ', a.target, ' ', a.mode, ' · from ',
        el('a', { href: '/run?id=' + a.run }, 'run ' + a.run), ' (', when(a.at), '): median ',
        duration(a.before_ns), ' → ', duration(a.after_ns), ', p = ', a.p_value.toPrecision(2),
        a.detected_by ? el('span', { class: 'muted' }, ' · found after run ' + a.detected_by) : null)));
    content.replaceChildren(form,
      el('p', {}, shownTargets.length ? name + ' on ' + shownTargets.join(', ') + ' across runs.' : 'No measurements of ' + name + ' yet.'),
      charts,
      el('h2', {}, 'Detected regressions'),
      el('p', { class: 'muted' }, 'Steps found by change-point detection over the nightly medians (a single noisy night raises nothing).'),
      alertList,
      el('h2', {}, 'Runs'),
      el('div', { class: 'table-wrap' }, el('table', { id: 'history' },
        el('caption', { class: 'muted' }, 'the numbers behind the charts: one line per run, target and mode; change = against the same target\'s previous run'),
        el('thead', {}, el('tr', {}, ['run', 'at', 'target', 'mode', 'n', 'median', 'change', 'q1 – q3', 'min – max', 'failed', 'regression']
          .map(x => el('th', { scope: 'col' }, x)))),
        el('tbody', {}, rows))));
    if (hs.length) {
      const width = Math.max(260, Math.min(560, charts.clientWidth - 20));
      charts.append(chart(hs, 'cold', width, logScale), chart(hs, 'warm', width, logScale));
    }
  } catch (e) {
    showError(content, e);
  }
})();
