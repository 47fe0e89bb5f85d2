"""benchrig host runner for CPython and PyPy (not for MicroPython): one worker process.

    python3 hostrun.py --bench-dir DIR --bench NAME --tier T --values N [--loops L]
                       [--min-value-ms MS] [--warmup-window W] [--warmup-tolerance X]
                       [--max-warmup-s S] [--process P]

The first line of stdin is the frame nonce (the controller's, new for every process); frames go
to the process's original stdout alone, and the benchmark's own stdout is pointed at stderr, so
nothing a benchmark prints can pass for a frame.

A value is `loops` back-to-back calls of bench(*TIERS[tier]) timed together with perf_counter_ns
(pyperf's outer loop); there is no forced garbage collection around calls. `loops` is a power of
two calibrated so that a value lasts at least --min-value-ms (default 100): from 1 it is doubled,
or, once a value lasts 1 ms or more, scaled straight to the power of two that reaches the minimum.
--loops L starts from L (the controller passes the loops the first process found) and still
doubles whenever a value falls short, as it does when a JIT speeds the code up.

Warm-up: values are taken and reported (kind=warmup) until the steady-state rule holds over the
per-call times of the last 2W values that lasted at least half the minimum (W = --warmup-window,
default 3), with a Theil-Sen line fitted through them and allowed = max(X * newer median,
3 * median absolute residual from that line) (X = --warmup-tolerance, default 0.03):
  1. the median of the newer W differs from the median of the older W by at most allowed, and
  2. the fitted slope times the 2W-1 steps of the window is at most allowed
so a JIT still speeding up, or a slow drift, fails the rule, while noise with no trend (a busy
machine) passes it and shows as spread instead. Warm-up ends unsteady (steady=0) when
--max-warmup-s (default 10) seconds pass first. Then --values N values are taken (kind=value),
all with the same loops; when one falls short of the minimum, the values taken so far become
warm-ups, loops are doubled and the values start again (after warm-up again while the cap allows,
else at once with steady=0), so every value lasts at least the minimum. Four or more values that
still move one way, by more than VALUE_DRIFT first to last (three that double or halve in order),
make the process unsteady too.

Frames are @BR2 frames (bh.fr: the nonce, the fields, an Adler-32 checksum; see ../README.md),
all printed by Frames.frame(); outcome is the harness's cross-check against EXPECT (ok, wrong,
error, memory); the controller decides from check:
  kind=warmup|i=<n>|loops=<L>|value_ns=<ns>|check=...|outcome=...|exc=...
  kind=value |i=<n>|loops=<L>|value_ns=<ns>|check=...|outcome=...|exc=...[|ops|p50_ns|p95_ns|p99_ns]
  kind=proc  |impl|version|executable|maxrss_kb|warmups|steady|loops|rule
cold.py is the minimal cold entry point and prints its one frame through frame() too.
Exit code 0 whatever the benchmark did; 2 for bad arguments.
"""
import os
import sys
from time import perf_counter_ns as T

import bh   # this script's directory: the harness (an app workload keeps its per-op times in bh.L)

MS = 1000000
# Field lengths as bh.rep prints them (check 60, exception 100 characters); others up to 200.
FIELD_CHARS = {'check': 60, 'exc': 100}
# A value this long tells the speed well enough to scale loops in one step instead of doubling.
SCALE_FROM_NS = 1 * MS
# values that rise (or fall) every time by this much in all are a trend, not a busy machine's noise:
# a JIT that sped up while the work drifted can pass warm-up's rule by chance, the values cannot
VALUE_DRIFT = 0.20
# three noisy values fall in order one time in three, four one in twelve: three are judged only
# when they at least double (or halve) in order, which a busy machine's noise did not do here
DRIFT_MIN_VALUES = 4
DRIFT_FEW_VALUES = 3
DRIFT_FEW_FACTOR = 2.0


class Frames:
    """Writes @BR2 frames (bh.fr: nonce, fields, Adler-32) to the original stdout alone."""

    def __init__(self, nonce):
        sys.stdout.flush()
        self.fd = os.dup(1)
        os.dup2(2, 1)   # the benchmark's prints go to stderr from now on
        self.nonce = nonce

    def _write(self, line):
        data = (line + '\n').encode('ascii', 'replace')
        while data:
            data = data[os.write(self.fd, data):]

    def frame(self, fields):
        """The one place every host frame is printed."""
        import bh
        bh.W = self._write
        bh.fr(self.nonce, '|'.join('%s=%s' % (k, bh.tx(v, FIELD_CHARS.get(k, 200))) for k, v in fields))


def read_nonce():
    line = sys.stdin.readline().strip()
    return line if line.isalnum() else ''


def maxrss_kb():
    # Linux keeps ru_maxrss across execve, so a process spawned by a large parent (the JVM) would
    # report the parent's peak; VmHWM belongs to this process image alone.
    try:
        with open('/proc/self/status') as f:
            for line in f:
                if line.startswith('VmHWM:'):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return -1


def failure(ex):
    kind = 'memory' if isinstance(ex, MemoryError) else 'error'
    return kind, '%s: %s' % (type(ex).__name__, str(ex)[:80])


def median(xs):
    s = sorted(xs)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2.0


def steady(per_call, w, tol):
    """The steady-state rule of the module docstring over per-call times (oldest first)."""
    if len(per_call) < 2 * w:
        return False
    win = per_call[-2 * w:]
    n = len(win)
    old, new = median(win[:w]), median(win[w:])
    if new <= 0:
        return False
    slope = median([(win[j] - win[i]) / float(j - i) for i in range(n) for j in range(i + 1, n)])
    base = median([y - slope * x for x, y in enumerate(win)])
    noise = median([abs(y - base - slope * x) for x, y in enumerate(win)])
    allowed = max(tol * new, 3 * noise)
    return abs(new - old) <= allowed and abs(slope) * (n - 1) <= allowed


def drifting(value_ns):
    """True when the values move one way only, by more than VALUE_DRIFT from first to last (by
    DRIFT_FEW_FACTOR when there are only DRIFT_FEW_VALUES of them)."""
    if len(value_ns) < DRIFT_FEW_VALUES:
        return False
    steps = [b - a for a, b in zip(value_ns, value_ns[1:])]
    if not (all(d > 0 for d in steps) or all(d < 0 for d in steps)):
        return False
    lo, hi = min(value_ns[0], value_ns[-1]), max(value_ns[0], value_ns[-1])
    if len(value_ns) < DRIFT_MIN_VALUES:
        return hi > DRIFT_FEW_FACTOR * lo
    return hi - lo > VALUE_DRIFT * lo


def next_loops(loops, value_ns, min_ns):
    if value_ns < SCALE_FROM_NS:
        return loops * 2
    want = loops * min_ns / float(value_ns)
    n = loops * 2
    while n < want:
        n *= 2
    return n


def op(f, xs):
    """bh.op for host workers: the same loop and list, with a plain subtraction where a board needs
    ticks_diff (int.__sub__, a call per operation: a third of the recording's cost on CPython)."""
    a = bh.L.append
    for x in xs:
        t = T()
        f(x)
        a(T() - t)


bh.op = op


def take(fn, params, loops):
    """One value: (value_ns, last result, None) or (elapsed, None, (outcome, exc))."""
    r = None
    bh.L = []   # an app workload's per-op times (bh.op) of this value alone
    t0 = T()
    try:
        for _ in range(loops):
            r = fn(*params)
    except Exception as ex:
        return T() - t0, None, failure(ex)
    return T() - t0, r, None


def said(r, ex, expect):
    """The harness's own verdict (a cross-check: the controller decides): ok, wrong, or the failure."""
    if ex is not None:
        return failure(ex)
    return ('ok' if r == expect else 'wrong'), ''


def latency(calls):
    """An app workload's per-operation fields over bh.L after `calls` calls: ops (per call), p50_ns,
    p95_ns, p99_ns (nearest rank); none for a benchmark that does not time operations."""
    return [tuple(f.split('=')) for f in bh.lq(calls).split('|')[1:]]


def value_frame(frames, kind, i, loops, t, r, err, expect, lat=()):
    outcome, exc = err if err else said(r, None, expect)
    frames.frame([('kind', kind), ('i', i), ('loops', loops), ('value_ns', t),
                  ('check', '' if err else r), ('outcome', outcome), ('exc', exc)] + list(lat))


def cold_frame(frames, import_ns, first_call_ns, end_mono_ns, r, ex, expect):
    outcome, exc = said(r, ex, expect)
    frames.frame([('kind', 'cold'), ('import_ns', import_ns), ('first_call_ns', first_call_ns),
                  ('end_mono_ns', end_mono_ns), ('check', '' if ex is not None else r),
                  ('outcome', outcome), ('exc', exc), ('maxrss_kb', maxrss_kb())] + latency(1))


def parse(argv):
    import argparse
    ap = argparse.ArgumentParser(description='One benchmark worker process on this interpreter (benchrig).')
    ap.add_argument('--bench-dir', required=True)
    ap.add_argument('--bench', required=True)
    ap.add_argument('--tier', required=True)
    ap.add_argument('--values', type=int, default=3)
    ap.add_argument('--loops', type=int, default=1)
    ap.add_argument('--min-value-ms', type=float, default=100.0)
    ap.add_argument('--warmup-window', type=int, default=3)
    ap.add_argument('--warmup-tolerance', type=float, default=0.03)
    ap.add_argument('--max-warmup-s', type=float, default=10.0)
    ap.add_argument('--process', type=int, default=0)
    a = ap.parse_args(argv)
    problems = [msg for bad, msg in (
        (a.values < 1, '--values must be >= 1'), (a.loops < 1, '--loops must be >= 1'),
        (a.min_value_ms <= 0, '--min-value-ms must be > 0'), (a.warmup_window < 1, '--warmup-window must be >= 1'),
        (not 0 < a.warmup_tolerance < 1, '--warmup-tolerance must be in (0, 1)'),
        (a.max_warmup_s < 0, '--max-warmup-s must be >= 0'),
        (not a.bench.isidentifier(), '--bench must be a module name, not %r' % a.bench),
        (not os.path.isfile(os.path.join(a.bench_dir, a.bench + '.py')),
         'no benchmark %s.py in %s' % (a.bench, a.bench_dir))) if bad]
    if problems:
        ap.print_usage(sys.stderr)
        sys.stderr.write('hostrun.py: error: %s\n' % problems[0])
        sys.exit(2)
    return a


def load(bench_dir, name, tier):
    """(module, None) or (None, (outcome, exc)); a tier the module lacks exits with code 2."""
    sys.path.insert(0, os.path.abspath(bench_dir))
    try:
        mod = __import__(name)
        params = mod.TIERS[tier] if tier in mod.TIERS else None
    except Exception as ex:   # a broken benchmark file is the benchmark's failure, not ours
        return None, failure(ex)
    if params is None:
        sys.stderr.write('hostrun.py: error: benchmark %s has no tier %r (tiers: %s)\n'
                         % (name, tier, ','.join(sorted(mod.TIERS))))
        sys.exit(2)
    return mod, None


def run(a, frames):
    """Warm-up until steady (or the cap), then the values; returns (warmups, steady, loops)."""
    mod, err = load(a.bench_dir, a.bench, a.tier)
    if err:
        value_frame(frames, 'warmup', 0, 1, 0, None, err, None)
        return 0, False, 1
    fn, params = mod.bench, mod.TIERS[a.tier]
    expect = getattr(mod, 'EXPECT', {}).get(a.tier)
    min_ns = a.min_value_ms * MS
    loops, warmups, per_call = a.loops, 0, []
    start = T()
    is_steady = False
    while True:
        while not is_steady:
            t, r, err = take(fn, params, loops)
            value_frame(frames, 'warmup', warmups, loops, t, r, err, expect)
            warmups += 1
            if err:
                return warmups, False, loops
            if t >= min_ns / 2:
                per_call.append(t / float(loops))
                is_steady = steady(per_call, a.warmup_window, a.warmup_tolerance)
            if t < min_ns:
                loops = next_loops(loops, t, min_ns)
            if not is_steady and T() - start >= a.max_warmup_s * 1e9:
                break
        values = []
        for i in range(a.values):
            t, r, err = take(fn, params, loops)
            values.append((t, r, err, latency(loops)))
            if err or t < min_ns:
                break
        short = [v for v in values if v[0] < min_ns and not v[2]]
        if not short:
            break
        is_steady = False   # it sped up after warm-up; once past the cap it is not warmed up again
        for t, r, err, _ in values:   # the speed changed after warm-up: these were warm-ups after all
            value_frame(frames, 'warmup', warmups, loops, t, r, err, expect)
            warmups += 1
        loops = next_loops(loops, short[0][0], min_ns)
    for i, (t, r, err, lat) in enumerate(values):
        value_frame(frames, 'value', i, loops, t, r, err, expect, lat)
        if err:
            return warmups, False, loops
    ok = len(values) == a.values and all(v[0] >= min_ns for v in values)
    return warmups, is_steady and ok and not drifting([v[0] for v in values]), loops


def main(argv=None):
    a = parse(argv)
    frames = Frames(read_nonce())
    warmups, is_steady, loops = run(a, frames)
    import platform
    frames.frame([('kind', 'proc'), ('process', a.process), ('impl', platform.python_implementation().lower()),
                  ('version', platform.python_version()), ('executable', sys.executable),
                  ('maxrss_kb', maxrss_kb()), ('warmups', warmups), ('steady', int(is_steady)), ('loops', loops),
                  ('rule', 'last %d vs previous %d medians and Theil-Sen drift within %g%%; min value %g ms; cap %g s; '
                   '%d+ values one way by over %g%% (3 by 2x) = unsteady'
                   % (a.warmup_window, a.warmup_window, a.warmup_tolerance * 100, a.min_value_ms, a.max_warmup_s,
                      DRIFT_MIN_VALUES, VALUE_DRIFT * 100))])
    return 0


if __name__ == '__main__':
    sys.exit(main())
