"""The plain reference `selfbench hosts` compares the rig's warm values with (CPython/PyPy only).

    python3 refloop.py BENCH_DIR NAME TIER NONCE [WARMUP_S] [VALUE_S] [VALUES]

No protocol, no steady-state rule: call bench(*TIERS[tier]) for WARMUP_S seconds (default 2, long
past a JIT's warm-up here), then time VALUES (default 3) values of `loops` back-to-back calls, with
`loops` doubled until one value lasts VALUE_S seconds (default 1). Prints one frame (see
../harness/bh.py) with the median time per call in ns.
"""
import os
import sys
import time

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, '..', 'harness'))
import bh  # noqa: E402


def main(argv):
    bench_dir, name, tier, nonce = argv[1:5]
    warmup_s = float(argv[5]) if len(argv) > 5 else 2.0
    value_s = float(argv[6]) if len(argv) > 6 else 1.0
    values = int(argv[7]) if len(argv) > 7 else 3
    sys.path.insert(0, bench_dir)
    mod = __import__(name)
    f, p = mod.bench, mod.TIERS[tier]
    end = time.perf_counter() + warmup_s
    while time.perf_counter() < end:
        f(*p)
    loops = 1
    while True:
        t0 = time.perf_counter_ns()
        for _ in range(loops):
            f(*p)
        t = time.perf_counter_ns() - t0
        if t >= value_s * 1e9:
            break
        loops *= 2
    per_call = [t / loops]
    for _ in range(values - 1):
        t0 = time.perf_counter_ns()
        for _ in range(loops):
            f(*p)
        per_call.append((time.perf_counter_ns() - t0) / loops)
    per_call.sort()
    bh.fr(nonce, 'ref=1|bench=%s|tier=%s|loops=%d|values=%d|per_call_ns=%d' % (name, tier, loops, values,
                                                                             per_call[len(per_call) // 2]))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
