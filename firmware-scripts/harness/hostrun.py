"""benchrig host runner for CPython and PyPy (not for MicroPython).

    python3 hostrun.py --bench-dir DIR --bench NAME --tier T --mode cold|warm --reps N --nonce K
                       [--warmup-max W] [--warmup-seconds S]

cold: ONE repetition (rep=0, mode=cold) in this fresh process; the controller measures
      spawn-to-result wall time around the whole process.
warm: warm-up repetitions (printed with mode=warmup, rep=0,1,...) until steady state, then N
      measured repetitions (mode=warm, rep=0..N-1).

Steady-state rule: stop warming up as soon as the last 5 warm-up times satisfy
(max - min) / median <= 5 %  (steady=1), or after W warm-ups (default 30) or S seconds of
warm-up (default 10), whichever comes first (steady=0 when a limit, not the rule, ended it).
A warm-up repetition that does not end 'ok' also ends the warm-up (steady=0): a failing
benchmark is not warmed up further.

Every repetition prints one @BR2 frame carrying --nonce (see bh.py and ../README.md); the last is
@BR2|n=NONCE|proc=1|impl=...|version=...|executable=...|maxrss_kb=...|warmups=...|steady=...|rule=...|c=...|@
Exit code 0 whatever the benchmark did (its outcome is in the lines); 2 for bad arguments.
"""
import argparse
import importlib
import os
import platform
import sys
import time

STEADY_WINDOW = 5
STEADY_SPREAD = 0.05


def steady(times):
    """True when the last STEADY_WINDOW times have (max-min)/median <= STEADY_SPREAD."""
    if len(times) < STEADY_WINDOW:
        return False
    w = sorted(times[-STEADY_WINDOW:])
    med = w[len(w) // 2]
    if med <= 0:
        return True
    return (w[-1] - w[0]) / med <= STEADY_SPREAD


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
    try:
        import resource
        r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return r // 1024 if sys.platform == 'darwin' else r  # bytes on macOS, KB on Linux
    except Exception:
        return -1


def bad(parser, msg):
    parser.print_usage(sys.stderr)
    sys.stderr.write('hostrun.py: error: %s\n' % msg)
    sys.exit(2)


def main(argv=None):
    ap = argparse.ArgumentParser(description='Run one benchmark on this interpreter (benchrig).')
    ap.add_argument('--bench-dir', required=True)
    ap.add_argument('--bench', required=True)
    ap.add_argument('--tier', required=True)
    ap.add_argument('--mode', required=True, choices=('cold', 'warm'))
    ap.add_argument('--reps', type=int, default=1)
    ap.add_argument('--nonce', required=True, help="the controller's nonce, echoed in every frame")
    ap.add_argument('--warmup-max', type=int, default=30)
    ap.add_argument('--warmup-seconds', type=float, default=10.0)
    a = ap.parse_args(argv)
    if a.reps < 1:
        bad(ap, '--reps must be >= 1')
    if a.warmup_max < 0 or a.warmup_seconds < 0:
        bad(ap, '--warmup-max and --warmup-seconds must be >= 0')
    if not a.bench.isidentifier():
        bad(ap, '--bench must be a module name, not %r' % a.bench)
    if not os.path.isfile(os.path.join(a.bench_dir, a.bench + '.py')):
        bad(ap, 'no benchmark %s.py in %s' % (a.bench, a.bench_dir))

    here = os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, here)
    sys.path.insert(0, os.path.abspath(a.bench_dir))
    import bh

    warmups = 0
    is_steady = 0
    try:
        mod = importlib.import_module(a.bench)
        tiers = mod.TIERS
    except Exception as ex:  # a broken benchmark file is the benchmark's failure, not ours
        bh.fr(a.nonce, 'bench=%s|tier=%s|rep=0|mode=%s|t_ns=0|free0=-1|free1=-1|free2=-1|outcome=error|check=|exc=%s'
              % (a.bench, a.tier, a.mode, bh.tx('%s: %s' % (type(ex).__name__, ex), 120)))
        mod = None
    if mod is not None:
        if a.tier not in tiers or a.tier not in getattr(mod, 'EXPECT', {}):
            bad(ap, 'benchmark %s has no tier %r (tiers: %s)' % (a.bench, a.tier, ','.join(sorted(tiers))))
        sys.stdout.flush()
        if a.mode == 'cold':
            bh.rep(mod, a.tier, 0, 'cold', a.nonce)
        else:
            times = []
            start = time.monotonic()
            while warmups < a.warmup_max and time.monotonic() - start < a.warmup_seconds:
                t, outcome = bh.rep(mod, a.tier, warmups, 'warmup', a.nonce)
                warmups += 1
                if outcome != 'ok':
                    break
                times.append(t)
                if steady(times):
                    is_steady = 1
                    break
            for i in range(a.reps):
                bh.rep(mod, a.tier, i, 'warm', a.nonce)
    impl = platform.python_implementation().lower()
    bh.fr(a.nonce, 'proc=1|impl=%s|version=%s|executable=%s|maxrss_kb=%d|warmups=%d|steady=%d|rule=%s'
          % (impl, platform.python_version(), bh.tx(sys.executable, 200), maxrss_kb(), warmups, is_steady,
             'last%d(max-min)/median<=%d%%;max%d;%gs' % (STEADY_WINDOW, STEADY_SPREAD * 100,
                                                       a.warmup_max, a.warmup_seconds)))
    sys.stdout.flush()
    return 0


if __name__ == '__main__':
    sys.exit(main())
