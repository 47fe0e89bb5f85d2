# benchrig harness: one source for MicroPython 1.9.2+, CPython, PyPy.
# rep() prints one @BR1 frame line; see firmware-scripts/README.md.
import gc
try:
    from time import ticks_us as T, ticks_diff as D
    F = gc.mem_free
    M = 1000
except ImportError:
    from time import perf_counter_ns as T
    D = int.__sub__
    F = lambda: -1
    M = 1
# Marker pin hook: the controller sets K to the pin's write method when the board has a marker_pin.
K = int


def rep(mod, tier, n, mode):
    p = mod.TIERS[tier]
    e = mod.EXPECT[tier]
    r = x = ''
    gc.collect()
    f0 = F()
    K(1)
    t0 = T()
    try:
        r = mod.bench(*p)
        t1 = T()
        K(0)
        f1 = F()
        o = 'ok' if r == e else 'wrong'
    except Exception as ex:
        t1 = T()
        K(0)
        f1 = F()
        r = ''
        o = 'memory' if isinstance(ex, MemoryError) else 'error'
        x = str(type(ex)).split("'")[1].split('.')[-1] + ': ' + str(ex)[:80]
        ex = None
    gc.collect()
    t = D(t1, t0) * M
    r = str(r)[:60]
    for c in '|\r\n':
        r = r.replace(c, '/')
        x = x.replace(c, '/')
    print('@BR1|bench=%s|tier=%s|rep=%d|mode=%s|t_ns=%d|free0=%d|free1=%d|free2=%d|outcome=%s|check=%s|exc=%s|@'
          % (mod.NAME, tier, n, mode, t, f0, f1, F(), o, r, x))
    return t, o
