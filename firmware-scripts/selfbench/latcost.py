"""Cost of the per-operation latency recording (bh.op) against the same loop without it.

    python3 latcost.py [--tier m] [--trials 11] [--min-ms 50]

For each app workload that times its operations with bh.op, runs bench(*TIERS[tier]) with the
recording bh.op of the host workers (hostrun.op) and with a plain bh.op (the same loop, no timing, nothing kept), interleaved trial
by trial so a passing load hits both alike; a trial is as many calls as last --min-ms. Prints one
line per workload: per-call medians (CPU time of this process), the overhead in percent (median of
the per-trial ratios) and per operation in ns.
"""
import os
import sys
from time import process_time_ns as T   # CPU time: a busy machine's waits for a core do not count

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'harness'))
sys.path.insert(0, os.path.join(HERE, '..', 'benchmarks'))
import bh  # noqa: E402
import hostrun  # noqa: E402  (sets bh.op to the host workers' recording loop)

WORKLOADS = ('webreq', 'pipeline', 'clijob', 'devlog')


def plain(f, xs):
    for x in xs:
        f(x)


def trial(fn, params, op, loops):
    bh.op = op
    bh.L = []
    t0 = T()
    for _ in range(loops):
        fn(*params)
    return (T() - t0) / float(loops)


def median(xs):
    s = sorted(xs)
    return s[len(s) // 2]


def main(argv):
    import argparse
    ap = argparse.ArgumentParser()
    ap.add_argument('--tier', default='m')
    ap.add_argument('--trials', type=int, default=21)
    ap.add_argument('--min-ms', type=float, default=50.0)
    a = ap.parse_args(argv)
    recording = bh.op
    import platform
    print('%s %s, tier %s, %d interleaved trials of >= %g ms' % (platform.python_implementation(),
          platform.python_version(), a.tier, a.trials, a.min_ms))
    for name in WORKLOADS:
        mod = __import__(name)
        params = mod.TIERS[a.tier]
        loops = 1
        while trial(mod.bench, params, recording, loops) * loops < a.min_ms * 1e6:
            loops *= 2
        for _ in range(3):   # warm both variants up (PyPy's JIT)
            trial(mod.bench, params, recording, loops)
            trial(mod.bench, params, plain, loops)
        rec, pl, ratio = [], [], []
        for _ in range(a.trials):
            r = trial(mod.bench, params, recording, loops)
            p = trial(mod.bench, params, plain, loops)
            rec.append(r)
            pl.append(p)
            ratio.append(r / p)
        trial(mod.bench, params, recording, 1)
        ops = len(bh.L)
        print('%-9s recorded %10.1f us  plain %10.1f us  overhead %+6.1f %%  %+6.0f ns per op  (%d ops per call, %d calls per trial)'
              % (name, median(rec) / 1e3, median(pl) / 1e3, (median(ratio) - 1) * 100,
                 (median(rec) - median(pl)) / ops, ops, loops))
    bh.op = recording
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
