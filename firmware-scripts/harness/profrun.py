"""benchrig profile runner for CPython and PyPy (not for MicroPython).

    python3 profrun.py --bench-dir DIR --bench NAME --tier T --nonce K --out DIR
                       [--rate HZ] [--warmup-seconds S] [--seconds S] [--cprofile-seconds S] [--no-wall] [--no-sample]

1. warm-up: bench(*TIERS[T]) is called repeatedly for --warmup-seconds (default 2; PyPy's JIT
   settles within ~2,000 calls of the suite's functions, see FACTS), so the sampler profiles
   compiled code rather than the JIT compiling it. A simple bounded warm-up, not hostrun.py's
   steady-state rule. A throw-away sampler runs through it, so its handlers are compiled too.
2. sampled: calls repeat for --seconds (default 2) under sampler.Sampler at --rate (default
   1000 Hz); the stacks go to OUT/stacks.folded (flamegraph.pl input, weights in microseconds).
3. deterministic: calls repeat for --cprofile-seconds (default 1, at least one call) under
   cProfile; the table goes to OUT/cprofile.tsv: function, file, line, calls, primitive calls,
   self seconds, cumulative seconds.

Prints one @BR2 frame carrying --nonce (see bh.py):
@BR2|n=K|prof=1|bench=...|tier=...|impl=...|version=...|executable=...|rate_hz=...|cpu_signals=...
|wall_signals=...|warmup_calls=...|warmup_s=...|calls=...|sampled_s=...|cpu_s=...|builtin_s=...
|waiting_s=...|descheduled_s=...|phase_cpu_s=...|cprofile_calls=...|outcome=ok|wrong|memory|error|check=...|exc=...|c=...|@
Exit code 0 whatever the benchmark did; 2 for bad arguments.
"""
import argparse
import cProfile
import importlib
import os
import platform
import pstats
import sys
import time
import traceback


def bad(parser, msg):
    parser.print_usage(sys.stderr)
    sys.stderr.write('profrun.py: error: %s\n' % msg)
    sys.exit(2)


def repeat(fn, params, seconds, at_least=1):
    """Calls fn(*params) until `seconds` have passed (and at least `at_least` times); returns (calls, last value)."""
    n = 0
    r = None
    end = time.perf_counter() + seconds
    while n < at_least or time.perf_counter() < end:
        r = fn(*params)
        n += 1
    return n, r


def cprofile_table(prof, path):
    st = pstats.Stats(prof)
    rows = []
    for (file, line, name), (cc, nc, tt, ct, _callers) in st.stats.items():
        rows.append((tt, name, file, line, nc, cc, ct))
    rows.sort(key=lambda r: -r[0])
    with open(path, 'w') as f:
        f.write('function\tfile\tline\tcalls\tprimitive_calls\tself_s\tcumulative_s\n')
        for tt, name, file, line, nc, cc, ct in rows:
            clean = lambda s: str(s).replace('\t', ' ').replace('\n', ' ')
            f.write('%s\t%s\t%d\t%d\t%d\t%.9f\t%.9f\n' % (clean(name), clean(os.path.basename(file)), line, nc, cc, tt, ct))


def main(argv=None):
    ap = argparse.ArgumentParser(description='Profile one benchmark on this interpreter (benchrig).')
    ap.add_argument('--bench-dir', required=True)
    ap.add_argument('--bench', required=True)
    ap.add_argument('--tier', required=True)
    ap.add_argument('--nonce', required=True)
    ap.add_argument('--out', required=True, help='folder for stacks.folded and cprofile.tsv')
    ap.add_argument('--rate', type=float, default=1000.0)
    ap.add_argument('--warmup-seconds', type=float, default=2.0)
    ap.add_argument('--seconds', type=float, default=2.0)
    ap.add_argument('--cprofile-seconds', type=float, default=1.0)
    ap.add_argument('--no-wall', action='store_true', help='sample CPU time only (no ITIMER_REAL)')
    ap.add_argument('--no-sample', action='store_true', help='run the sampled phase without the sampler (a baseline)')
    a = ap.parse_args(argv)
    if a.rate <= 0 or a.rate > 10000:
        bad(ap, '--rate must be in (0, 10000] Hz')
    if min(a.warmup_seconds, a.seconds, a.cprofile_seconds) < 0:
        bad(ap, 'durations must be >= 0')
    if not a.bench.isidentifier():
        bad(ap, '--bench must be a module name, not %r' % a.bench)
    if not os.path.isfile(os.path.join(a.bench_dir, a.bench + '.py')):
        bad(ap, 'no benchmark %s.py in %s' % (a.bench, a.bench_dir))
    if not os.path.isdir(a.out):
        bad(ap, 'no folder %s' % a.out)

    here = os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, here)
    sys.path.insert(0, os.path.abspath(a.bench_dir))
    import bh
    import sampler

    fields = {'warmup_calls': 0, 'warmup_s': 0.0, 'calls': 0, 'phase_cpu_s': 0.0, 'cprofile_calls': 0}
    smp = sampler.Sampler(a.rate, wall=not a.no_wall, roots=(repeat.__code__,))
    outcome, check, exc = 'error', '', ''
    try:
        mod = importlib.import_module(a.bench)
        params, expect = mod.TIERS[a.tier], mod.EXPECT[a.tier]
    except KeyError:
        bad(ap, 'benchmark %s has no tier %r' % (a.bench, a.tier))
    except Exception as ex:   # a broken benchmark file is the benchmark's failure
        mod = None
        exc = '%s: %s' % (type(ex).__name__, ex)
    if mod is not None:
        try:
            t0 = time.perf_counter()
            # a throw-away sampler runs through the warm-up too, so PyPy has compiled the handlers
            # and the code under signals before the sampled phase (PyPy: ~1.6x cost otherwise)
            warm = sampler.Sampler(a.rate, wall=not a.no_wall, roots=(repeat.__code__,))
            if not a.no_sample:
                warm.start()
            try:
                fields['warmup_calls'], r = repeat(mod.bench, params, a.warmup_seconds, at_least=1)
            finally:
                if not a.no_sample:
                    warm.stop()
            fields['warmup_s'] = time.perf_counter() - t0
            smp.callees = warm.callees
            if not a.no_sample:
                smp.start()
            try:
                t0 = time.perf_counter()
                c0 = time.process_time()
                fields['calls'], r = repeat(mod.bench, params, a.seconds)
                fields['phase_cpu_s'] = time.process_time() - c0
                smp.elapsed_s = time.perf_counter() - t0
            finally:
                if not a.no_sample:
                    smp.stop()
            prof = cProfile.Profile()
            prof.enable()
            try:
                fields['cprofile_calls'], r = repeat(mod.bench, params, a.cprofile_seconds)
            finally:
                prof.disable()
            cprofile_table(prof, os.path.join(a.out, 'cprofile.tsv'))
            outcome = 'ok' if r == expect else 'wrong'
            check = r
        except Exception as ex:
            traceback.print_exc()   # stderr: the controller shows its tail with the failure
            outcome = 'memory' if isinstance(ex, MemoryError) else 'error'
            exc = '%s: %s' % (type(ex).__name__, ex)
    with open(os.path.join(a.out, 'stacks.folded'), 'w') as f:
        for line in smp.folded():
            f.write(line + '\n')
    bh.fr(a.nonce, 'prof=1|bench=%s|tier=%s|impl=%s|version=%s|executable=%s|rate_hz=%g|cpu_signals=%d|wall_signals=%d'
          '|warmup_calls=%d|warmup_s=%.3f|calls=%d|sampled_s=%.6f|cpu_s=%.6f|builtin_s=%.6f|waiting_s=%.6f'
          '|descheduled_s=%.6f|phase_cpu_s=%.6f|cprofile_calls=%d|outcome=%s|check=%s|exc=%s'
          % (a.bench, a.tier, platform.python_implementation().lower(), platform.python_version(),
             bh.tx(sys.executable, 200), a.rate, smp.cpu_signals, smp.wall_signals, fields['warmup_calls'],
             fields['warmup_s'], fields['calls'], smp.elapsed_s, smp.cpu_s, smp.builtin_s, smp.waiting_s,
             smp.descheduled_s, fields['phase_cpu_s'], fields['cprofile_calls'], outcome, bh.tx(check, 60), bh.tx(exc, 100)))
    sys.stdout.flush()
    return 0


if __name__ == '__main__':
    sys.exit(main())
