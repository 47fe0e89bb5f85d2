// A flame graph drawn as SVG from folded stacks ([[frames root first], weight] pairs), no library.
// Names are only ever set as text (textContent) or attribute values: a frame named like markup
// stays text. Click a frame to zoom to it (its ancestors stay, full width); click the root to reset.
const SVG = 'http://www.w3.org/2000/svg';
const ROW = 18;

function node(name) { return { name, value: 0, children: new Map(), parent: null }; }

/** The call tree of the stacks: each node's value is the weight of the stacks passing through it. */
export function tree(stacks) {
  const root = node('all');
  for (const [frames, weight] of stacks) {
    root.value += weight;
    let n = root;
    for (const f of frames) {
      let c = n.children.get(f);
      if (!c) { c = node(f); c.parent = n; n.children.set(f, c); }
      c.value += weight;
      n = c;
    }
  }
  return root;
}

function depth(n) { let d = 0; for (const c of n.children.values()) d = Math.max(d, depth(c)); return d + 1; }

function kind(name) {
  if (name.startsWith('[built-in] ')) return 'builtin';
  if (name.startsWith('[waiting] ')) return 'waiting';
  return 'python';
}

function svgEl(tag, attrs) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

/** An element holding a search box and the SVG flame graph of `stacks`, `width` pixels wide. */
export function flameGraph(stacks, width, label) {
  const root = tree(stacks);
  const rows = depth(root);
  const height = rows * ROW;
  const wrap = document.createElement('div');
  wrap.className = 'flame';
  const search = document.createElement('input');
  search.type = 'search';
  search.placeholder = 'search frames';
  search.setAttribute('aria-label', 'search frames of ' + label);
  const found = document.createElement('span');
  found.className = 'muted flame-found';
  const svg = svgEl('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img' });
  svg.setAttribute('aria-label', 'flame graph of ' + label);
  wrap.append(search, ' ', found, svg);
  let focus = root;

  function draw() {
    svg.replaceChildren();
    const ancestors = new Set();
    for (let a = focus; a; a = a.parent) ancestors.add(a);
    const scale = width / Math.max(1, focus.value);
    const q = search.value.trim().toLowerCase();
    let matched = 0;
    const place = (n, x, level, w) => {
      const y = height - (level + 1) * ROW;   // root at the bottom
      const g = svgEl('g', { class: 'frame ' + kind(n.name) + (q && n.name.toLowerCase().includes(q) ? ' match' : ''),
        'data-name': n.name, 'data-width': w.toFixed(1), tabindex: 0 });
      const share = root.value ? (100 * n.value / root.value).toFixed(1) : '0';
      const title = svgEl('title', {});
      title.textContent = n.name + ' — ' + share + ' % (' + (n.value / 1000).toFixed(1) + ' ms)';
      const rect = svgEl('rect', { x: x.toFixed(1), y, width: Math.max(0, w - 0.5).toFixed(1), height: ROW - 1, rx: 2 });
      g.append(title, rect);
      if (w > 30) {
        const t = svgEl('text', { x: (x + 3).toFixed(1), y: y + ROW - 5 });
        const fit = Math.floor((w - 6) / 6.5);
        t.textContent = n.name.length > fit ? n.name.slice(0, Math.max(0, fit - 1)) + '…' : n.name;
        g.append(t);
      }
      g.addEventListener('click', () => { focus = n === focus ? (n.parent || root) : n; draw(); });
      g.addEventListener('keydown', e => { if (e.key === 'Enter') { focus = n; draw(); } });
      svg.append(g);
      if (q && n.name.toLowerCase().includes(q)) matched += n.value;
      let cx = x;
      for (const c of [...n.children.values()].sort((a, b) => a.name < b.name ? -1 : 1)) {
        if (!ancestors.has(c) && !isUnder(c, focus) && focus !== root) continue;
        const cw = ancestors.has(c) && c !== focus ? width : c.value * scale;
        place(c, ancestors.has(c) ? 0 : cx, level + 1, cw);
        if (!ancestors.has(c)) cx += cw;
      }
    };
    place(root, 0, 0, width);
    found.textContent = q ? 'matched ' + (root.value ? (100 * Math.min(matched, root.value) / root.value).toFixed(1) : 0) + ' %' : '';
  }
  function isUnder(n, anc) { for (let a = n.parent; a; a = a.parent) if (a === anc) return true; return false; }
  search.addEventListener('input', draw);
  draw();
  return wrap;
}
