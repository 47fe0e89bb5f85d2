"""benchrig's minimal cold entry point: python3 cold.py BENCH_DIR NAME TIER (nonce on stdin).

Times what a short-lived process pays for the benchmark: the import of its module and its first
call, nothing else of the harness before the end of that call (hostrun.py is imported only
afterwards, to print the frame). end_mono_ns is time.monotonic_ns() at the end of the first call:
the controller, whose clock is the same CLOCK_MONOTONIC, takes spawn-to-end-of-first-call from it.
Frame: kind=cold|import_ns|first_call_ns|end_mono_ns|check|outcome|exc|maxrss_kb (hostrun.frame).
"""
import sys
from time import perf_counter_ns as T, monotonic_ns as M

sys.path.insert(0, sys.argv[1])
t0 = T()
r = err = None
try:
    m = __import__(sys.argv[2])
    t1 = T()
    try:
        r = m.bench(*m.TIERS[sys.argv[3]])
    except Exception as ex:
        err = ex
except Exception as ex:   # the module itself failed to import
    t1 = T()
    err = ex
t2 = T()
end = M()
# sys.path[1] is this script's directory, so hostrun is found after the benchmark directory
import hostrun
hostrun.cold_frame(hostrun.Frames(hostrun.read_nonce()), t1 - t0, t2 - t1, end, r, err,
                   getattr(m, 'EXPECT', {}).get(sys.argv[3]) if err is None else None)
