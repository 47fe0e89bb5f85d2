// Shared helpers. Everything from the server is inserted as text (textContent), never as markup.

/** Creates an element; string/number children become text nodes, attrs are set as attributes. */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = String(v);
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

export async function api(path, options = {}) {
  const res = await fetch(path, options);
  const type = res.headers.get('content-type') || '';
  const body = type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    const msg = body && body.error ? body.error : res.status + ' ' + res.statusText;
    const err = new Error(msg);
    err.status = res.status;
    throw err;
  }
  return body;
}

export function duration(ns) {
  if (ns === null || ns === undefined || Number.isNaN(ns)) return '-';
  if (ns < 1e6) return (ns / 1e3).toFixed(1) + ' µs';
  if (ns < 1e9) return (ns / 1e6).toFixed(2) + ' ms';
  return (ns / 1e9).toFixed(3) + ' s';
}

export function bytes(b) {
  if (b === null || b === undefined) return '-';
  if (b < 10 * 1024) return b + ' B';
  if (b < 10 * 1024 * 1024) return (b / 1024).toFixed(1) + ' KB';
  return (b / 1048576).toFixed(1) + ' MB';
}

export function when(iso) {
  if (!iso) return '-';
  const d = new Date(iso);
  return d.toLocaleString();
}

export function param(name) {
  return new URLSearchParams(location.search).get(name);
}

/** Marks the current page in the navigation; every page but the bench (which says more) tells which run runs. */
export function nav(current) {
  for (const a of document.querySelectorAll('header nav a')) {
    if (a.dataset.page === current) a.setAttribute('aria-current', 'page');
  }
  if (current !== 'bench') liveRun();
}

/** "Run N is running" in a live region of the header, kept current by the run's events. */
function liveRun() {
  const say = el('p', { id: 'live-run', class: 'live-run', role: 'status', 'aria-live': 'polite' });
  document.querySelector('header').append(say);
  const running = run => say.replaceChildren(el('a', { href: '/run?id=' + run }, 'Run ' + run), ' is running.');
  api('/api/rig').then(r => { if (r.current_run) running(r.current_run); }).catch(() => {});
  const es = new EventSource('/api/events');
  es.addEventListener('run-started', ev => running(JSON.parse(ev.data).run));
  es.addEventListener('run-finished', ev => {
    const d = JSON.parse(ev.data);
    say.replaceChildren(el('a', { href: '/run?id=' + d.run }, 'Run ' + d.run), ' ended: ' + d.state + '.');
  });
  addEventListener('pagehide', () => es.close());
}

export function showError(where, err) {
  where.replaceChildren(el('p', { class: 'error', role: 'alert' }, 'Error: ' + err.message));
}

/** The token the user typed (kept for this browser tab only). */
export function token() {
  return sessionStorage.getItem('benchrig-token') || '';
}

export function setToken(t) {
  if (t) sessionStorage.setItem('benchrig-token', t);
  else sessionStorage.removeItem('benchrig-token');
}

export function millijoules(mj) {
  if (mj === null || mj === undefined || Number.isNaN(mj)) return '-';
  if (mj < 10) return mj.toFixed(3) + ' mJ';
  if (mj < 10000) return mj.toFixed(1) + ' mJ';
  return (mj / 1000).toFixed(2) + ' J';
}

/**
 * Energy as "1.234 mJ · 24.1 / 25.0 mA" followed by a "simulated" label when it came from a
 * simulated sensor, and a label per flag ("short-window") when some windows were flagged.
 * e: {millijoules, average_milliamps, peak_milliamps, simulated, flags: [...]}
 */
export function energyNode(e) {
  if (!e) return el('span', { class: 'muted' }, 'not measured');
  return el('span', { class: 'energy', 'data-energy-mj': e.millijoules },
    el('span', { class: 'num' }, millijoules(e.millijoules)), ' · ',
    el('span', { class: 'num', title: 'average / peak current' },
      e.average_milliamps.toFixed(1) + ' / ' + e.peak_milliamps.toFixed(1) + ' mA'),
    e.simulated ? el('span', { class: 'badge sim', title: 'from a simulated sensor (power model), not measured' }, 'simulated') : null,
    (e.flags || []).map(f => el('span', { class: 'badge flag', title: flagHelp(f) }, f)));
}

function flagHelp(f) {
  return {
    'short-window': 'window too short for the sensor\'s sampling rate: not precise',
    'tick-mismatch': 'GPIO-measured width and the board\'s ticks disagree beyond the documented jitter',
  }[f] || f;
}

/** One unit for a whole column: µs with a precision that suits the value (no unit, the header says it). */
export function micros(ns) {
  if (ns === null || ns === undefined || Number.isNaN(ns)) return '-';
  const us = ns / 1e3;
  if (us < 10) return us.toFixed(2);
  if (us < 1000) return us.toFixed(1);
  return Math.round(us).toLocaleString('en-US');
}

/** A ratio as "4.2×" (≥ 10 without decimals). */
export function times(x) {
  if (x === null || x === undefined || Number.isNaN(x)) return '-';
  return (x >= 10 ? x.toFixed(0) : x >= 1.995 ? x.toFixed(1) : x.toFixed(2)) + '×';
}

/** A change as "+12.3 %". */
export function percent(f) {
  if (f === null || f === undefined || Number.isNaN(f)) return '-';
  return (f >= 0 ? '+' : '−') + Math.abs(f * 100).toFixed(1) + ' %';
}

/** Says the rig's name in the header and names the page in the window title. */
export function titled(rig, page) {
  document.getElementById('rig-name').textContent = 'benchrig · ' + rig;
  document.title = page + ' - benchrig';
}
