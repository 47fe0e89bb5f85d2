// Bar charts with interval whiskers and per-target strips, drawn by Apache ECharts (served from its
// webjar at /vendor/; uPlot, used for the line charts, has no bars with whiskers or box plots).
// This module only turns our numbers into ECharts options. Every chart comes with a text table
// behind it (a <details> under the figure), and series are told apart by label and marker shape,
// never by colour alone. The SVG renderer keeps labels in the DOM, where the tests and screen
// readers find them.
import * as echarts from '/vendor/echarts.esm.min.js';
import { el } from '/assets/common.js';

export const MARKERS = ['circle', 'rect', 'triangle', 'diamond'];
export const COLORS = ['#1f5fa8', '#b3261e', '#1e7a3a', '#8a5a00', '#6a3d9a', '#0b7285'];
export const TEXT = { fontFamily: 'system-ui, sans-serif', fontSize: 11, color: '#222' };
const ROW_PX = 24;

export function textTable(caption, head, rows) {
  return el('details', { class: 'chart-table' }, el('summary', {}, 'the numbers as a table'),
    el('div', { class: 'table-wrap' }, el('table', {},
      el('caption', { class: 'muted' }, caption),
      el('thead', {}, el('tr', {}, head.map((h, i) => el('th', { scope: 'col', class: i ? 'num' : '' }, h)))),
      el('tbody', {}, rows.map(r => el('tr', {}, r.map((c, i) => el(i ? 'td' : 'th', i ? { class: 'num' } : { scope: 'row' }, c))))))));
}

/**
 * A box ECharts draws into once it is laid out (figures are built before they are attached), and
 * redraws at its new width when the page resizes.
 */
export function chartBox(heightPx, label, option) {
  const box = el('div', { class: 'echart', style: 'height:' + heightPx + 'px', role: 'img', 'aria-label': label });
  let chart = null;
  new ResizeObserver(() => {
    if (!box.clientWidth) return;
    if (chart) { chart.resize(); return; }
    chart = echarts.init(box, null, { renderer: 'svg' });
    chart.setOption(option);
  }).observe(box);
  return box;
}

/** Speed ratios are drawn on log2: 1× at 0, each tick a doubling or halving. */
function ratioTick(v) {
  const r = Math.pow(2, Math.abs(v));
  const s = Number.isInteger(v) ? String(r) : r.toPrecision(2);
  return v >= 0 ? s + '×' : '1/' + s + '×';
}

/**
 * Horizontal bars of ratios on a log axis centred on 1 (the baseline), with interval whiskers and a
 * "n.s." mark where the test saw no significant difference.
 * items: [{label, value, low, high, significant, note}]; opts: {title, axis, format, caption, id}
 */
export function ratioBars(items, opts) {
  const lg = v => (v > 0 && Number.isFinite(v) ? Math.log2(v) : null);
  const has = it => lg(it.value) !== null;
  const whiskered = it => lg(it.low) !== null && lg(it.high) !== null;
  const span = Math.max(1, Math.ceil(Math.max(0, ...items.flatMap(it => [it.value, it.low, it.high]).map(lg)
    .filter(v => v !== null).map(Math.abs)) * 1.05));
  const color = it => (it.significant ? (it.value >= 1 ? '#2f6fb5' : '#c0504d') : '#b8b8b8');
  const label = it => (has(it) ? opts.format(it.value) + (it.significant ? '' : ' n.s.') : it.note || 'no value');
  const option = {
    animation: false,
    textStyle: TEXT,
    aria: { enabled: true, label: { description: opts.title } },
    grid: { left: 8, right: 76, top: 8, bottom: 34, containLabel: true },
    tooltip: {
      trigger: 'axis', axisPointer: { type: 'shadow' },
      formatter: ps => {
        const it = items[ps[0].dataIndex];
        return [it.label, label(it), whiskered(it) ? 'interval ' + opts.format(it.low) + ' – ' + opts.format(it.high) : '']
          .filter(Boolean).map(escape).join('<br>');
      },
    },
    xAxis: {
      type: 'value', min: -span, max: span, minInterval: 1, name: opts.axis, nameLocation: 'middle', nameGap: 22,
      axisLabel: { formatter: ratioTick, ...TEXT }, nameTextStyle: { ...TEXT, color: '#555' },
    },
    yAxis: {
      type: 'category', inverse: true, data: items.map(it => it.label), axisTick: { show: false },
      axisLabel: { ...TEXT, width: 160, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar', barWidth: ROW_PX - 10,
        data: items.map(it => (has(it) ? { value: lg(it.value), itemStyle: { color: color(it) } } : '-')),
        // the baseline: 1×
        markLine: { silent: true, symbol: 'none', label: { show: false }, lineStyle: { color: '#333', type: 'solid', width: 1.5 },
          data: [{ xAxis: 0 }] },
      },
      {
        // interval whiskers, and the value label beyond the whisker, never on top of it
        type: 'custom', silent: true,
        data: items.map((it, k) => [k, whiskered(it) ? lg(it.low) : null, whiskered(it) ? lg(it.high) : null, has(it) ? lg(it.value) : 0]),
        encode: { y: 0, x: [1, 2, 3] },
        renderItem: (params, api) => {
          const it = items[params.dataIndex];
          const y = api.coord([0, api.value(0)])[1];
          const children = [];
          let edge = Math.max(api.coord([0, 0])[0], api.coord([api.value(3), 0])[0]);
          if (whiskered(it)) {
            const [xl, xh] = [api.coord([api.value(1), 0])[0], api.coord([api.value(2), 0])[0]];
            const line = (x1, y1, x2, y2) => ({ type: 'line', shape: { x1, y1, x2, y2 }, style: { stroke: '#111', lineWidth: 1.2 } });
            children.push(line(xl, y, xh, y), line(xl, y - 5, xl, y + 5), line(xh, y - 5, xh, y + 5));
            edge = Math.max(edge, xh);
          }
          children.push({ type: 'text', x: edge + 5, y,
            style: { text: label(it), verticalAlign: 'middle', fill: '#222', font: '11px system-ui, sans-serif' } });
          return { type: 'group', children };
        },
      },
    ],
  };
  const fig = el('figure', { class: 'chart', id: opts.id, 'data-bars': items.length }, el('figcaption', {}, opts.title),
    chartBox(items.length * ROW_PX + 52, opts.title, option));
  fig.append(textTable(opts.caption || opts.title, ['', 'value', 'interval', 'significant'],
    items.map(it => [it.label, opts.format(it.value), it.low > 0 ? opts.format(it.low) + ' – ' + opts.format(it.high) : '-', it.significant ? 'yes' : 'no (n.s.)'])));
  return fig;
}

/** Plain horizontal bars on a linear axis from 0: [{label, value, color}], opts: {title, format, unit, id}. */
export function plainBars(items, opts) {
  const option = {
    animation: false,
    textStyle: TEXT,
    aria: { enabled: true, label: { description: opts.title } },
    grid: { left: 8, right: 84, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' },
      formatter: ps => escape(items[ps[0].dataIndex].label) + '<br>' + escape(valueLabel(items[ps[0].dataIndex])) },
    xAxis: { type: 'value', min: 0, show: false },
    yAxis: { type: 'category', inverse: true, data: items.map(it => it.label), axisTick: { show: false },
      axisLabel: { ...TEXT, width: 160, overflow: 'truncate' } },
    series: [{
      // a bar too short to see still shows where it is
      type: 'bar', barWidth: ROW_PX - 10, barMinHeight: 1,
      data: items.map(it => ({ value: it.value ?? 0, itemStyle: { color: it.color || '#6b8fc7' } })),
      label: { show: true, position: 'right', ...TEXT, formatter: p => valueLabel(items[p.dataIndex]) },
    }],
  };
  function valueLabel(it) {
    return it.value == null ? 'not measured' : opts.format(it.value);
  }
  const fig = el('figure', { class: 'chart', id: opts.id }, el('figcaption', {}, opts.title, ' ', el('span', { class: 'muted' }, '(linear scale from 0)')),
    chartBox(items.length * ROW_PX + 16, opts.title, option));
  fig.append(textTable(opts.title, ['', opts.unit], items.map(it => [it.label, it.value == null ? '-' : opts.format(it.value)])));
  return fig;
}

/**
 * Every value of one series on its own linear scale, over a box plot of its quartiles (whiskers to
 * the smallest and largest value). values in µs. opts: {title, index (marker shape), target, mode}
 */
export function strip(values, opts) {
  const sorted = [...values].sort((a, b) => a - b);
  const q = p => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))))];
  const lo = sorted[0], hi = sorted[sorted.length - 1];
  const pad = hi > lo ? 0 : Math.max(hi * 0.01, 1e-9);
  const index = opts.index || 0;
  const tick = v => fmt(v) + (v >= hi ? ' µs' : '');
  const option = {
    animation: false,
    textStyle: TEXT,
    aria: { enabled: true, label: { description: opts.title } },
    // one tick at each end, the smallest and the largest value; room for half of each centred label
    grid: { left: 6 + halfWidth(tick(lo - pad)), right: 6 + halfWidth(tick(hi + pad)), top: 4, bottom: 22 },
    xAxis: { type: 'value', min: lo - pad, max: hi + pad, interval: hi - lo + 2 * pad, splitLine: { show: false },
      axisLabel: { ...TEXT, formatter: tick } },
    yAxis: [{ type: 'category', data: [''], show: false }, { type: 'value', min: -1, max: 1, show: false }],
    series: [
      { type: 'boxplot', yAxisIndex: 0, silent: true, boxWidth: [8, 26], data: [[lo, q(.25), q(.5), q(.75), hi]],
        itemStyle: { color: '#eef2f8', borderColor: '#557', borderWidth: 1.2 } },
      // spread vertically a little so equal values stay countable
      { type: 'scatter', yAxisIndex: 1, symbol: MARKERS[index % MARKERS.length], symbolSize: 6, silent: true, clip: false,   // the smallest and largest value sit on the axis' ends
        data: sorted.map((v, i) => [v, ((i % 5) - 2) * 0.14]),
        itemStyle: { color: COLORS[index % COLORS.length], opacity: 0.85 } },
    ],
  };
  return el('figure', { class: 'strip-fig', 'data-target': opts.target, 'data-mode': opts.mode, 'data-n': values.length },
    el('figcaption', {}, opts.title), chartBox(76, opts.title, option));
}

function fmt(us) {
  return us < 10 ? us.toFixed(2) : us < 1000 ? us.toFixed(1) : Math.round(us).toLocaleString('en-US');
}

/** Half the width of an axis label in the 11 px font, about 6.5 px a character. */
function halfWidth(text) {
  return text.length * 3.3;
}

function escape(s) {
  return String(s).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}
