"""benchrig benchmark catalog: `python3 catalog.py DIR` prints JSON describing every benchmark.

Benchmarks are read with `ast` (never imported or run), so a catalog costs nothing and a broken
benchmark cannot hang it. Output:

  {"benchmarks": [{"name", "file", "class", "tiers": {"s": [...], ...}, "expect": {"s": ...},
                   "suites": [...], "description", "bytes", "sha256"}, ...],
   "suites": {"smoke": [...], "default": [...], "nightly": [...]},
   "errors": [{"file", "error"}]}

A file that does not follow the contract (see ../README.md) is listed under "errors", not under
"benchmarks"; the exit code is then 1 (0 when every file is valid, 2 for bad arguments).
"""
import ast
import hashlib
import json
import os
import sys

CLASSES = ('int', 'float', 'bigint', 'alloc', 'string', 'calls', 'generators', 'closures',
           'startup', 'output', 'cli', 'service', 'pipeline', 'embedded')
# the app classes (the decision matrix's rows): workloads that time each operation with bh.op
SUITES = ('smoke', 'default', 'nightly')
REQUIRED = ('NAME', 'CLASS', 'SUITES', 'TIERS', 'EXPECT')


def describe(path):
    with open(path, 'rb') as f:
        raw = f.read()
    tree = ast.parse(raw, filename=path)
    consts = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if name in REQUIRED:
                consts[name] = ast.literal_eval(node.value)
    missing = [k for k in REQUIRED if k not in consts]
    if missing:
        raise ValueError('missing constant(s) %s' % ', '.join(missing))
    if not any(isinstance(n, ast.FunctionDef) and n.name == 'bench' for n in tree.body):
        raise ValueError('no def bench(...)')
    stem = os.path.splitext(os.path.basename(path))[0]
    if consts['NAME'] != stem:
        raise ValueError('NAME %r differs from the file name %r' % (consts['NAME'], stem))
    if consts['CLASS'] not in CLASSES:
        raise ValueError('CLASS %r is not one of %s' % (consts['CLASS'], ', '.join(CLASSES)))
    bad = [s for s in consts['SUITES'] if s not in SUITES]
    if bad:
        raise ValueError('unknown suite(s) %s' % ', '.join(bad))
    tiers, expect = consts['TIERS'], consts['EXPECT']
    if 's' not in tiers:
        raise ValueError("no tier 's'")
    if sorted(tiers) != sorted(expect):
        raise ValueError('TIERS and EXPECT have different keys')
    for t, p in tiers.items():
        if not isinstance(p, tuple):
            raise ValueError('TIERS[%r] is not a tuple' % t)
    for t, e in expect.items():
        if not isinstance(e, (int, str)) or isinstance(e, bool):
            raise ValueError('EXPECT[%r] is not an int or str' % t)
    doc = ast.get_docstring(tree) or ''
    return {
        'name': consts['NAME'],
        'file': os.path.basename(path),
        'class': consts['CLASS'],
        'tiers': {t: list(p) for t, p in tiers.items()},
        'expect': {t: expect[t] for t in tiers},
        'suites': list(consts['SUITES']),
        'description': doc.strip().splitlines()[0] if doc.strip() else '',
        'bytes': len(raw),
        'sha256': hashlib.sha256(raw).hexdigest(),
    }


def main(argv):
    if len(argv) != 2 or not os.path.isdir(argv[1]):
        sys.stderr.write('usage: python3 catalog.py BENCHMARK_DIR\n')
        return 2
    d = argv[1]
    benches, errors = [], []
    for fn in sorted(os.listdir(d)):
        if not fn.endswith('.py') or fn.startswith(('_', '.')):
            continue
        try:
            benches.append(describe(os.path.join(d, fn)))
        except Exception as ex:
            errors.append({'file': fn, 'error': '%s: %s' % (type(ex).__name__, ex)})
    suites = {s: [b['name'] for b in benches if s in b['suites']] for s in SUITES}
    json.dump({'benchmarks': benches, 'suites': suites, 'errors': errors}, sys.stdout, indent=1)
    sys.stdout.write('\n')
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
