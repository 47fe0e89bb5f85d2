"""benchrig benchmark catalog: `python3 catalog.py DIR [DIR ...]` prints JSON describing every benchmark.

Benchmarks are read with `ast` (never imported or run), so a catalog costs nothing and a broken
benchmark cannot hang it. The first DIR is benchrig's own benchmarks/; further ones are users'
directories (rig config `benchmarks:`, `run --bench-dir`). Output:

  {"benchmarks": [{"name", "file", "dir", "format", "class", "app", "tiers": {"s": [...], ...},
                   "expect": {"s": ...}, "needs": [...], "suites": [...], "description", "bytes",
                   "sha256"}, ...],
   "suites": {"smoke": [...], "default": [...], "nightly": [...], "user": [...], "perfbench": [...]},
   "errors": [{"file", "line", "field", "error"}]}

Two formats: benchrig's contract (see ../README.md), and MicroPython's perf_bench format (a file
with `bm_params` and `def bm_setup`; format "perfbench", tiers keyed "NxM" from bm_params, expect
empty: the controller takes it from CPython, as run-perfbench.py does). "needs" lists what a
perf_bench file needs from a target: complex, native, viper. Suite "user" holds every benchmark
of the further directories, "perfbench" every perf_bench file.

A file that does not follow its contract is listed under "errors" with the line to look at, not
under "benchmarks"; the exit code is then 1 (0 when every file is valid, 2 for bad arguments).
"""
import ast
import hashlib
import json
import os
import sys

CLASSES = ('int', 'float', 'bigint', 'alloc', 'string', 'calls', 'generators', 'closures',
           'startup', 'output', 'perfbench', 'cli', 'service', 'pipeline', 'embedded')
# the last four are the app classes (the decision matrix's rows): workloads that time each operation with bh.op
SUITES = ('smoke', 'default', 'nightly')
# the app class a user's file (benchrig new) says it stands for: the decision matrix's rows
APPS = ('service', 'pipeline', 'cli', 'embedded')
REQUIRED = ('NAME', 'CLASS', 'SUITES', 'TIERS', 'EXPECT')
# not benchmarks: perf_bench's runner helper, which run-perfbench.py skips the same way
NOT_BENCHMARKS = ('benchrun.py',)
OPTIONAL = ('APP',)
# modules of the harness (and of the firmware) that a benchmark's module name would hide
TAKEN = ('bh', 'hostrun', 'cold', 'catalog', 'perfbench', 'phases', 'profrun', 'sampler', 'scaling',
         'gc', 'sys', 'os', 'time', 'math', 'random', 'micropython', 'machine', 'microbit', 'music',
         'array', 'struct', 'collections', 'ucollections', 'utime', 'uos', 'ustruct')
# decorators of MicroPython's code emitters that CPython, PyPy and some firmwares lack
EMITTERS = {'native': 'native', 'viper': 'viper', 'asm_thumb': 'native'}


class Bad(ValueError):
    """A contract problem at a line of the file, about one field (a constant or function)."""

    def __init__(self, message, line=1, field='(file)'):
        ValueError.__init__(self, message)
        self.line = line
        self.field = field


def constants(tree, names):
    consts, lines = {}, {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if name in names:
                try:
                    consts[name] = ast.literal_eval(node.value)
                except ValueError:
                    raise Bad('%s must be a literal (numbers, strings, tuples, dicts), not an expression' % name,
                              node.lineno, name)
                lines[name] = node.lineno
    return consts, lines


def function_line(tree, name):
    for n in tree.body:
        if isinstance(n, ast.FunctionDef) and n.name == name:
            return n.lineno
    return None


def check_name(name, line, field):
    if not isinstance(name, str) or not name.isidentifier():
        raise Bad('%r is not a module name (letters, digits, _)' % (name,), line, field)
    if name in TAKEN:
        raise Bad('the name %r is taken by the harness or the firmware; rename the file' % name, line, field)


def needs(tree):
    """What a file needs from a target beyond plain Python: complex numbers, native/viper emitters."""
    out = set()
    for n in ast.walk(tree):
        if isinstance(n, ast.Constant) and isinstance(n.value, complex):
            out.add('complex')
        elif isinstance(n, ast.Name) and n.id == 'complex':
            out.add('complex')
        elif isinstance(n, (ast.Import, ast.ImportFrom)):
            mods = [a.name for a in n.names] if isinstance(n, ast.Import) else [n.module or '']
            if 'cmath' in mods:
                out.add('complex')
        elif isinstance(n, (ast.FunctionDef, ast.ClassDef)):
            for d in n.decorator_list:
                d = d.func if isinstance(d, ast.Call) else d
                if isinstance(d, ast.Attribute) and isinstance(d.value, ast.Name) and d.value.id == 'micropython' \
                        and d.attr in EMITTERS:
                    out.add(EMITTERS[d.attr])
    return sorted(out)


def perfbench(path, tree, raw):
    """A file in MicroPython's perf_bench format: bm_params {(N, M): params} and bm_setup(params)."""
    consts, lines = constants(tree, ('bm_params',))
    stem = os.path.splitext(os.path.basename(path))[0]
    check_name(stem, 1, '(file name)')
    if 'bm_params' not in consts:
        raise Bad('bm_params must be a literal dict {(N, M): params}', 1, 'bm_params')
    if function_line(tree, 'bm_setup') is None:
        raise Bad('no def bm_setup(params) returning (run, result)', 1, 'bm_setup')
    bp, line = consts['bm_params'], lines['bm_params']
    if not isinstance(bp, dict) or not bp:
        raise Bad('bm_params must be a non-empty dict {(N, M): params}', line, 'bm_params')
    tiers = {}
    for k, p in bp.items():
        if not (isinstance(k, tuple) and len(k) == 2 and all(isinstance(x, int) and not isinstance(x, bool) and x >= 0
                                                             for x in k)):
            raise Bad('bm_params key %r is not (N, M): speed (MHz-ish) and heap (KB) as integers' % (k,), line,
                      'bm_params')
        tiers['%dx%d' % k] = list(p) if isinstance(p, tuple) else [p]
    doc = ast.get_docstring(tree) or ''
    return {
        'name': stem, 'format': 'perfbench', 'class': 'perfbench', 'app': None, 'tiers': tiers, 'expect': {},
        'needs': needs(tree), 'suites': [], 'description': doc.strip().splitlines()[0] if doc.strip() else
        "MicroPython perf_bench: " + stem,
    }


def benchrig(path, tree, raw):
    consts, lines = constants(tree, REQUIRED + OPTIONAL)
    line = lambda k: lines.get(k, 1)
    missing = [k for k in REQUIRED if k not in consts]
    if missing:
        raise Bad('missing constant(s) %s (see the benchmark file contract)' % ', '.join(missing), 1, missing[0])
    if function_line(tree, 'bench') is None:
        raise Bad('no def bench(*params) returning the check value', 1, 'bench')
    stem = os.path.splitext(os.path.basename(path))[0]
    check_name(stem, 1, '(file name)')
    if consts['NAME'] != stem:
        raise Bad('NAME %r differs from the file name %r' % (consts['NAME'], stem), line('NAME'), 'NAME')
    if consts['CLASS'] not in CLASSES:
        raise Bad('CLASS %r is not one of %s' % (consts['CLASS'], ', '.join(CLASSES)), line('CLASS'), 'CLASS')
    if 'APP' in consts and consts['APP'] not in APPS:
        raise Bad('APP %r is not one of %s' % (consts['APP'], ', '.join(APPS)), line('APP'), 'APP')
    if not isinstance(consts['SUITES'], (tuple, list)):
        raise Bad('SUITES must be a tuple of suite names', line('SUITES'), 'SUITES')
    bad = [s for s in consts['SUITES'] if s not in SUITES]
    if bad:
        raise Bad('unknown suite(s) %s; expected some of %s' % (', '.join(map(str, bad)), ', '.join(SUITES)),
                  line('SUITES'), 'SUITES')
    tiers, expect = consts['TIERS'], consts['EXPECT']
    if not isinstance(tiers, dict):
        raise Bad('TIERS must be a dict {tier: (params,)}', line('TIERS'), 'TIERS')
    if not isinstance(expect, dict):
        raise Bad('EXPECT must be a dict {tier: check value}', line('EXPECT'), 'EXPECT')
    if 's' not in tiers:
        raise Bad("no tier 's' (the one every target can run)", line('TIERS'), 'TIERS')
    if sorted(tiers) != sorted(expect):
        raise Bad('TIERS and EXPECT have different keys (%s vs %s)' % (sorted(tiers), sorted(expect)),
                  line('EXPECT'), 'EXPECT')
    for t, p in tiers.items():
        if not isinstance(p, tuple):
            raise Bad('TIERS[%r] is not a tuple; write (%r,) for one parameter' % (t, p), line('TIERS'), 'TIERS')
    for t, e in expect.items():
        if not isinstance(e, (int, str)) or isinstance(e, bool):
            raise Bad('EXPECT[%r] is not an int or str' % t, line('EXPECT'), 'EXPECT')
    doc = ast.get_docstring(tree) or ''
    return {
        'name': consts['NAME'], 'format': 'benchrig', 'class': consts['CLASS'], 'app': consts.get('APP'),
        'tiers': {t: list(p) for t, p in tiers.items()}, 'expect': {t: expect[t] for t in tiers}, 'needs': [],
        'suites': list(consts['SUITES']),
        'description': doc.strip().splitlines()[0] if doc.strip() else '',
    }


def describe(path):
    with open(path, 'rb') as f:
        raw = f.read()
    try:
        tree = ast.parse(raw, filename=path)
    except SyntaxError as ex:
        raise Bad('SyntaxError: %s' % ex.msg, ex.lineno or 1, '(syntax)')
    has = lambda name: any(isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name
                                                             for t in n.targets) for n in tree.body)
    d = perfbench(path, tree, raw) if has('bm_params') and not has('NAME') else benchrig(path, tree, raw)
    d.update({'file': os.path.basename(path), 'dir': os.path.abspath(os.path.dirname(path)), 'bytes': len(raw),
              'sha256': hashlib.sha256(raw).hexdigest()})
    return d


def main(argv):
    dirs = argv[1:]
    if not dirs or not all(os.path.isdir(d) for d in dirs):
        sys.stderr.write('usage: python3 catalog.py BENCHMARK_DIR [USER_DIR ...]\n')
        return 2
    benches, errors, seen = [], [], {}
    for i, d in enumerate(dirs):
        for fn in sorted(os.listdir(d)):
            if not fn.endswith('.py') or fn.startswith(('_', '.')) or fn in NOT_BENCHMARKS:
                continue
            path = os.path.abspath(os.path.join(d, fn))
            try:
                b = describe(path)
            except Bad as ex:
                errors.append({'file': path, 'line': ex.line, 'field': ex.field, 'error': str(ex)})
                continue
            except Exception as ex:   # unreadable file, bad encoding...
                errors.append({'file': path, 'line': 1, 'field': '(file)', 'error': '%s: %s' % (type(ex).__name__, ex)})
                continue
            if b['name'] in seen:
                errors.append({'file': path, 'line': 1, 'field': '(file name)',
                               'error': 'a benchmark named %r exists already: %s' % (b['name'], seen[b['name']])})
                continue
            seen[b['name']] = path
            if i > 0:
                b['suites'].append('user')
            if b['format'] == 'perfbench':
                b['suites'].append('perfbench')
            benches.append(b)
    suites = {s: [b['name'] for b in benches if s in b['suites']] for s in SUITES + ('user', 'perfbench')}
    json.dump({'benchmarks': benches, 'suites': suites, 'errors': errors}, sys.stdout, indent=1)
    sys.stdout.write('\n')
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
