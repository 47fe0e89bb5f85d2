import { el, api, bytes, nav, showError, token, setToken } from '/assets/common.js';

nav('bench');
const content = document.getElementById('content');
let rig = null;
let startedHere = false;
const cards = new Map();
/** Per target: when its first measurement of the current run arrived and how many were done then (for the ETA). */
const pace = new Map();

function field(dl, label, value, key) {
  dl.append(el('dt', {}, label), el('dd', { 'data-field': key }, value ?? '-'));
}

function renderCard(b) {
  const title = el('h3', {}, b.id, ' ', el('span', { class: 'muted' }, b.kind === 'board' ? '(board)' : '(host)'));
  const state = el('span', { class: 'state state-' + b.state, 'data-field': 'state' }, b.state);
  const dl = el('dl');
  if (b.kind === 'board') {
    field(dl, 'model', b.model + ' · ' + b.connection + (b.simulated ? ' (simulated)' : ''), 'model');
    field(dl, 'firmware', b.version ? (b.interpreter || '') + ' ' + b.version : 'not seen yet', 'version');
    field(dl, 'heap', b.heap_total != null ? bytes(b.heap_free) + ' free of ' + bytes(b.heap_total) : '-', 'heap');
    field(dl, 'flash', b.fs_used != null ? bytes(b.fs_used) + ' used' + (b.fs_free != null ? ', ' + bytes(b.fs_free) + ' free' : '') : '-', 'flash');
  } else {
    field(dl, 'interpreter', b.version ? (b.interpreter || '') + ' ' + b.version : b.command + ' (not seen yet)', 'version');
    field(dl, 'executable', b.executable || b.command, 'executable');
  }
  field(dl, 'benchmark', b.progress && !b.progress.finished ? b.progress.benchmark || 'starting' : '-', 'benchmark');
  const prog = el('progress', { max: 1, value: 0, 'aria-label': 'progress of ' + b.id, 'data-field': 'progress' });
  const progText = el('span', { class: 'muted', 'data-field': 'progress-text' }, '');
  const reason = el('p', { class: 'reason', 'data-field': 'reason' }, b.reason || '');
  const actions = el('div', { class: 'card-actions', 'data-field': 'actions' });
  const card = el('section', { class: 'card', id: 'card-' + b.id, 'data-kind': b.kind, 'aria-label': b.kind + ' ' + b.id },
    el('div', {}, title, ' ', state), dl, prog, progText, reason, actions);
  cards.set(b.id, card);
  setActions(b.id, b.state);
  // progress of an earlier run is not this run's: a board outside the current run shows none
  if (b.progress && rig && b.progress.run === rig.current_run) setProgress(b.id, b.progress);
  return card;
}

function clearProgress(id) {
  const card = cards.get(id);
  if (!card) return;
  card.querySelector('[data-field=progress]').value = 0;
  card.querySelector('[data-field=progress-text]').textContent = '';
  card.querySelector('[data-field=benchmark]').textContent = '-';
  pace.delete(id);
}

/** "about 2 min left", from the pace of this run's measurements so far on the target. */
function eta(id, p) {
  if (p.finished || !p.done) return '';
  const now = Date.now();
  if (!pace.has(id)) { pace.set(id, { at: now, done: p.done }); return ''; }
  const start = pace.get(id);
  const rate = (p.done - start.done) / ((now - start.at) / 1000);
  if (!(rate > 0)) return '';
  const left = (p.expected - p.done) / rate;
  return ' · about ' + (left < 90 ? Math.round(left) + ' s' : Math.round(left / 60) + ' min') + ' left';
}

function setProgress(id, p) {
  const card = cards.get(id);
  if (!card || !p) return;
  const prog = card.querySelector('[data-field=progress]');
  prog.max = Math.max(1, p.expected);
  prog.value = p.done;
  card.querySelector('[data-field=progress-text]').textContent = p.done + ' / ' + p.expected + ' measurements' +
    (p.finished ? ' (finished)' : eta(id, p));
  card.querySelector('[data-field=benchmark]').textContent = p.finished ? '-' : (p.benchmark || 'starting');
  if (p.problem) card.querySelector('[data-field=reason]').textContent = p.problem;
}

function setState(id, state, reason) {
  const card = cards.get(id);
  if (!card) return;
  const s = card.querySelector('[data-field=state]');
  s.className = 'state state-' + state;
  s.textContent = state;
  card.querySelector('[data-field=reason]').textContent = reason || '';
  setActions(id, state);
}

/** A quarantined board gets a Release button, when actions are enabled (the token is configured). */
function setActions(id, state) {
  const card = cards.get(id);
  if (!card || card.dataset.kind !== 'board') return;
  const box = card.querySelector('[data-field=actions]');
  if (state !== 'QUARANTINED' || !rig || !rig.actions_enabled) { box.replaceChildren(); return; }
  const status = el('span', { class: 'muted', role: 'status', 'aria-live': 'polite' });
  const button = el('button', { type: 'button', class: 'release', 'data-board': id, onclick: async () => {
    const tokField = document.getElementById('token');
    const t = (tokField && tokField.value.trim()) || token();
    if (tokField && tokField.value.trim()) setToken(tokField.value.trim());
    button.disabled = true;
    status.textContent = ' Releasing…';
    try {
      const r = await api('/api/boards/' + encodeURIComponent(id) + '/release', { method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + t }, body: '{}' });
      status.textContent = ' ' + r.message;
      const boards = await api('/api/boards');
      const b = boards.find(x => x.id === id);
      if (b) setState(id, b.state, b.reason);
    } catch (e) {
      button.disabled = false;
      status.textContent = ' Could not release: ' + (e.status !== 401 ? e.message : t ? 'the token is wrong: it is not the value of '
        + rig.token_env + ' the controller was started with' : 'the token is missing: enter it in the token field above');
    }
  } }, 'Release ' + id);
  box.replaceChildren(button, status);
}

function actionsPanel() {
  if (!rig.actions_enabled) {
    return el('p', { class: 'muted', id: 'actions-disabled' },
      'Starting runs from the browser is disabled: the controller runs without the token variable ' + rig.token_env + '.');
  }
  const status = el('p', { id: 'run-status', role: 'status', 'aria-live': 'polite' });
  const suite = el('input', { name: 'suite', id: 'suite', list: 'suite-list', value: rig.default_suite, size: 14,
    'aria-describedby': 'suite-help' });
  const suites = el('datalist', { id: 'suite-list' }, rig.suites.map(s => el('option', { value: s })));
  const targets = el('fieldset', { id: 'targets' }, el('legend', {}, 'targets'),
    rig.targets.map(t => el('label', {}, el('input', { type: 'checkbox', name: 'target', value: t, checked: true }), ' ', t)));
  const reps = el('input', { type: 'number', name: 'repetitions', id: 'repetitions', min: 1, max: 1000, value: rig.default_repetitions });
  const tok = el('input', { type: 'password', name: 'token', id: 'token', autocomplete: 'off', value: token() });
  const form = el('form', { class: 'inline', id: 'start-form', onsubmit: async ev => {
    ev.preventDefault();
    setToken(tok.value.trim());
    const chosen = [...targets.querySelectorAll('input:checked')].map(i => i.value);
    if (!chosen.length) { status.textContent = 'Tick at least one target: a run needs somewhere to run.'; return; }
    if (!tok.value.trim()) { status.textContent = 'Enter the token: the value of ' + rig.token_env + ' the controller was started with.'; tok.focus(); return; }
    status.textContent = 'Asking for the run…';
    try {
      const r = await api('/api/runs', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + tok.value.trim() },
        body: JSON.stringify({ suite: suite.value, targets: chosen, repetitions: Number(reps.value) }) });
      startedHere = true;
      // no second start while this one waits for its turn; run-finished enables it again
      document.getElementById('start-run').disabled = true;
      status.textContent = 'Run queued: ' + r.suite + ' on ' + r.targets.join(', ') + ' (' + r.benchmarks.length + ' benchmarks). Waiting for it to start…';
    } catch (e) {
      status.textContent = e.status === 401 ? 'The token is wrong: it is not the value of ' + rig.token_env + ' the controller was started with.'
        : 'Could not start the run: ' + e.message;
    }
  } },
    el('label', {}, 'suite (or benchmarks a,b)', suite, suites,
      el('span', { id: 'suite-help', class: 'muted' }, rig.suites.join(', '))), targets, el('label', {}, 'repetitions', reps),
    el('label', {}, 'token', tok), el('button', { type: 'submit', id: 'start-run', disabled: !!rig.current_run }, 'Start run'));
  return el('div', { class: 'panel' }, el('h3', {}, 'Start a run'), form, status);
}

async function load() {
  try {
    rig = await api('/api/rig');
    document.getElementById('rig-name').textContent = 'benchrig · ' + rig.rig;
    running(rig.current_run);
    const boards = await api('/api/boards');
    cards.clear();
    const current = el('p', { id: 'current-run', role: 'status', 'aria-live': 'polite' },
      rig.current_run ? 'Run ' + rig.current_run + ' is running.' : 'No run is running.');
    content.replaceChildren(
      el('p', { class: 'muted' }, rig.simulated ? 'Simulated rig: boards are emulated, instruments are simulated.' : 'Platform: ' + rig.platform),
      current, actionsPanel(),
      el('h2', {}, 'Boards'), el('div', { class: 'cards', id: 'boards' }, boards.filter(b => b.kind === 'board').map(renderCard)),
      el('h2', {}, 'Hosts'), el('div', { class: 'cards', id: 'hosts' }, boards.filter(b => b.kind === 'host').map(renderCard)));
  } catch (e) {
    showError(content, e);
  }
}

/** Start is disabled while a run runs, and the page title says which. */
function running(run) {
  const b = document.getElementById('start-run');
  if (b) b.disabled = !!run;
  document.title = (run ? 'Run ' + run + ' running · ' : '') + 'Bench - benchrig';
}

function listen() {
  const es = new EventSource('/api/events');
  const data = ev => JSON.parse(ev.data);
  es.addEventListener('hello', () => document.body.dataset.live = 'yes');
  es.addEventListener('run-started', ev => {
    const d = data(ev);
    const cur = document.getElementById('current-run');
    if (cur) cur.textContent = 'Run ' + d.run + ' is running: ' + d.suite + ' on ' + d.targets.join(', ') + '.';
    running(d.run);
    const status = document.getElementById('run-status');
    if (status && startedHere) status.textContent = 'Run ' + d.run + ' started.';
    for (const id of cards.keys()) if (!d.targets.includes(id)) clearProgress(id);
    for (const [t, n] of Object.entries(d.expected)) setProgress(t, { done: 0, expected: n, benchmark: null, finished: false });
    for (const t of d.targets) if (cards.get(t)?.dataset.kind === 'host') setState(t, 'RUNNING', '');
  });
  es.addEventListener('benchmark-started', ev => {
    const d = data(ev);
    setProgress(d.target, { done: d.done, expected: d.expected, benchmark: d.benchmark, finished: false });
  });
  es.addEventListener('measured', ev => {
    const d = data(ev);
    setProgress(d.target, { done: d.done, expected: d.expected, benchmark: d.benchmark, finished: false });
  });
  es.addEventListener('target-finished', ev => {
    const d = data(ev);
    const card = cards.get(d.target);
    if (card) {
      card.querySelector('[data-field=benchmark]').textContent = '-';
      const t = card.querySelector('[data-field=progress-text]');
      if (!t.textContent.includes('finished')) t.textContent += ' (finished)';
      if (d.problem) card.querySelector('[data-field=reason]').textContent = d.problem;
      if (card.dataset.kind === 'host') setState(d.target, 'IDLE', '');
    }
  });
  es.addEventListener('board-state', ev => {
    const d = data(ev);
    setState(d.board, d.state, d.reason);
  });
  es.addEventListener('run-finished', ev => {
    const d = data(ev);
    const cur = document.getElementById('current-run');
    if (cur) cur.replaceChildren('Run ' + d.run + ' ended: ' + d.state + '. ', el('a', { href: '/run?id=' + d.run }, 'See its results'));
    running(null);
    const status = document.getElementById('run-status');
    if (status) status.textContent = 'Run ' + d.run + ' ended: ' + d.state + '.';
    if (startedHere) location.assign('/run?id=' + encodeURIComponent(d.run));
  });
}

load().then(listen);
