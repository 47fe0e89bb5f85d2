// Small SVG charts drawn by hand (uPlot draws lines and points, not bars with whiskers or strips).
// Every chart comes with a text table behind it (a <details> under the figure), and series are told
// apart by label and marker shape, never by colour alone.
import { el } from '/assets/common.js';

const NS = 'http://www.w3.org/2000/svg';
export const MARKERS = ['circle', 'square', 'triangle', 'diamond'];
export const COLORS = ['#1f5fa8', '#b3261e', '#1e7a3a', '#8a5a00', '#6a3d9a', '#0b7285'];

export function svg(tag, attrs = {}, ...children) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) e.setAttribute(k, String(v));
  for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

/** A marker of shape index i centred on (x, y). */
export function marker(i, x, y, r, color) {
  const shape = MARKERS[i % MARKERS.length];
  if (shape === 'circle') return svg('circle', { cx: x, cy: y, r, fill: color });
  if (shape === 'square') return svg('rect', { x: x - r, y: y - r, width: 2 * r, height: 2 * r, fill: color });
  if (shape === 'triangle') return svg('path', { d: `M${x},${y - r * 1.2}L${x + r * 1.1},${y + r * .9}L${x - r * 1.1},${y + r * .9}Z`, fill: color });
  return svg('path', { d: `M${x},${y - r * 1.3}L${x + r * 1.1},${y}L${x},${y + r * 1.3}L${x - r * 1.1},${y}Z`, fill: color });
}

export function textTable(caption, head, rows) {
  return el('details', { class: 'chart-table' }, el('summary', {}, 'the numbers as a table'),
    el('div', { class: 'table-wrap' }, el('table', {},
      el('caption', { class: 'muted' }, caption),
      el('thead', {}, el('tr', {}, head.map((h, i) => el('th', { scope: 'col', class: i ? 'num' : '' }, h)))),
      el('tbody', {}, rows.map(r => el('tr', {}, r.map((c, i) => el(i ? 'td' : 'th', i ? { class: 'num' } : { scope: 'row' }, c))))))));
}

/**
 * Horizontal bars of ratios on a log axis centred on 1 (the baseline), with interval whiskers and a
 * "n.s." mark where the test saw no significant difference.
 * items: [{label, value, low, high, significant, note}]; opts: {title, axis, format, caption, id}
 */
export function ratioBars(items, opts) {
  const rowH = 22, left = 170, right = 80, top = 26, width = 620;
  const plotW = width - left - right;
  const vals = items.flatMap(i => [i.value, i.low, i.high]).filter(v => v > 0 && Number.isFinite(v));
  const span = Math.max(Math.log10(2), ...vals.map(v => Math.abs(Math.log10(v)))) * 1.05;
  const x = v => left + plotW / 2 + (Math.log10(v) / span) * (plotW / 2);
  const h = top + items.length * rowH + 28;
  const s = svg('svg', { viewBox: `0 0 ${width} ${h}`, width: '100%', role: 'img', 'aria-label': opts.title, class: 'bars' });
  // ticks at powers of 2 / 10 within the span
  const ticks = [1 / 100, 1 / 10, 1 / 4, 1 / 2, 1, 2, 4, 10, 100].filter(t => Math.abs(Math.log10(t)) <= span);
  for (const t of ticks) {
    s.append(svg('line', { x1: x(t), x2: x(t), y1: top - 4, y2: h - 24, stroke: t === 1 ? '#333' : '#ddd', 'stroke-width': t === 1 ? 1.5 : 1 }));
    s.append(svg('text', { x: x(t), y: h - 10, 'text-anchor': 'middle', class: 'tick' }, t >= 1 ? t + '×' : '1/' + Math.round(1 / t) + '×'));
  }
  s.append(svg('text', { x: left + plotW / 2, y: 14, 'text-anchor': 'middle', class: 'axis' }, opts.axis));
  items.forEach((it, k) => {
    const y = top + k * rowH;
    s.append(svg('text', { x: left - 6, y: y + 14, 'text-anchor': 'end', class: 'label' }, it.label));
    if (!(it.value > 0)) {
      s.append(svg('text', { x: left + plotW / 2 + 4, y: y + 14, class: 'label' }, it.note || 'no value'));
      return;
    }
    const x0 = x(1), x1 = x(it.value);
    s.append(svg('rect', { x: Math.min(x0, x1), y: y + 4, width: Math.max(1, Math.abs(x1 - x0)), height: rowH - 8,
      fill: it.significant ? (it.value >= 1 ? '#2f6fb5' : '#c0504d') : '#b8b8b8', 'data-significant': it.significant }));
    if (it.low > 0 && it.high > 0) {
      const yl = y + rowH / 2;
      s.append(svg('line', { x1: x(it.low), x2: x(it.high), y1: yl, y2: yl, stroke: '#111', 'stroke-width': 1.2 }));
      for (const v of [it.low, it.high]) s.append(svg('line', { x1: x(v), x2: x(v), y1: yl - 5, y2: yl + 5, stroke: '#111' }));
    }
    // the value label goes beyond the whisker, never on top of it
    const edge = Math.max(x1, it.high > 0 ? x(it.high) : x1, x0);
    s.append(svg('text', { x: Math.min(edge + 5, width - right + 5), y: y + 14, class: 'value' },
      opts.format(it.value) + (it.significant ? '' : ' n.s.')));
  });
  const fig = el('figure', { class: 'chart', id: opts.id, 'data-bars': items.length }, el('figcaption', {}, opts.title), s);
  fig.append(textTable(opts.caption || opts.title, ['', 'value', 'interval', 'significant'],
    items.map(it => [it.label, opts.format(it.value), it.low > 0 ? opts.format(it.low) + ' – ' + opts.format(it.high) : '-', it.significant ? 'yes' : 'no (n.s.)'])));
  return fig;
}

/** Plain horizontal bars on a linear axis from 0: [{label, value}], opts: {title, format, unit, id}. */
export function plainBars(items, opts) {
  const rowH = 22, left = 170, right = 80, top = 8, width = 420;
  const plotW = width - left - right;
  const max = Math.max(...items.map(i => i.value || 0), 1e-12);
  const h = top + items.length * rowH + 10;
  const s = svg('svg', { viewBox: `0 0 ${width} ${h}`, width: '100%', role: 'img', 'aria-label': opts.title, class: 'bars' });
  items.forEach((it, k) => {
    const y = top + k * rowH;
    s.append(svg('text', { x: left - 6, y: y + 14, 'text-anchor': 'end', class: 'label' }, it.label));
    const w = (it.value || 0) / max * plotW;
    s.append(svg('rect', { x: left, y: y + 4, width: Math.max(1, w), height: rowH - 8, fill: it.color || '#6b8fc7' }));
    s.append(svg('text', { x: left + w + 5, y: y + 14, class: 'value' }, it.value == null ? 'not measured' : opts.format(it.value)));
  });
  const fig = el('figure', { class: 'chart', id: opts.id }, el('figcaption', {}, opts.title, ' ', el('span', { class: 'muted' }, '(linear scale from 0)')), s);
  fig.append(textTable(opts.title, ['', opts.unit], items.map(it => [it.label, it.value == null ? '-' : opts.format(it.value)])));
  return fig;
}

/**
 * A strip of every value of one series on its own linear scale, with the median and quartiles
 * drawn as a box. values in µs. opts: {title, index (marker shape), id}
 */
export function strip(values, opts) {
  const width = 300, height = 70, pad = 14;
  const sorted = [...values].sort((a, b) => a - b);
  const q = p => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))))];
  const lo = sorted[0], hi = sorted[sorted.length - 1];
  const span = hi - lo || Math.max(hi * 0.01, 1e-9);
  const x = v => pad + (v - lo) / span * (width - 2 * pad);
  const color = COLORS[(opts.index || 0) % COLORS.length];
  const s = svg('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', 'aria-label': opts.title, class: 'strip' });
  s.append(svg('rect', { x: x(q(.25)), y: 14, width: Math.max(1, x(q(.75)) - x(q(.25))), height: 24, fill: '#eef2f8', stroke: '#8aa' }));
  s.append(svg('line', { x1: x(q(.5)), x2: x(q(.5)), y1: 10, y2: 42, stroke: '#111', 'stroke-width': 2 }));
  sorted.forEach((v, i) => s.append(marker(opts.index || 0, x(v), 26 + ((i % 5) - 2) * 2, 3, color)));
  s.append(svg('text', { x: pad, y: 60, class: 'tick' }, fmt(lo)));
  s.append(svg('text', { x: width - pad, y: 60, 'text-anchor': 'end', class: 'tick' }, fmt(hi) + ' µs'));
  return el('figure', { class: 'strip-fig', 'data-target': opts.target, 'data-n': values.length },
    el('figcaption', {}, opts.title), s);
}

function fmt(us) {
  return us < 10 ? us.toFixed(2) : us < 1000 ? us.toFixed(1) : Math.round(us).toLocaleString('en-US');
}
