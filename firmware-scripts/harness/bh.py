# benchrig harness: one source for MicroPython 1.9.2+, CPython, PyPy.
# rep() prints one @BR2 frame line; see firmware-scripts/README.md.
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
# Frame writer: hosts point it at their private frame pipe, so benchmark output cannot forge frames.
W = print
# An app workload's per-operation times (T() units), kept here by op(), never printed one by one.
L = []


def ck(s):
    # Adler-32 of the characters (frames are ASCII), printed as 8 hex digits. The sums are reduced
    # once at the end: under 4 KB they stay below 2**30, a board's small ints (longer: big ints, still right); a
    # loop without % or ord() per character costs a board a fraction of the frame's time
    a = 1
    b = 0
    for c in bytes(s, 'utf8'):
        a += c
        b += a
    return '%04x%04x' % (b % 65521, a % 65521)


def tx(v, n):
    # a field value: printable ASCII without '|', at most n characters
    return ''.join(c if ' ' <= c <= '~' and c != '|' else '/' for c in str(v)[:n])


def fr(k, s):
    # one frame: the controller's nonce k, the fields s, then the checksum of everything before it
    s = '@BR2|n=%s|%s|' % (k, s)
    W(s + 'c=' + ck(s) + '|@')


def op(f, xs):
    # an app workload's operations: f(x) for each x, the time of each call kept in L
    a = L.append
    for x in xs:
        t = T()
        f(x)
        a(D(T(), t))


def lq(c):
    # latency fields over L (sorted in place; c calls made it): ops per call, nearest-rank p50/p95/p99 ns
    n = len(L)
    if not n:
        return ''
    L.sort()
    s = '|ops=%d' % (n // c)
    for q in (50, 95, 99):
        s += '|p%d_ns=%d' % (q, L[(q * n + 99) // 100 - 1] * M)
    return s


def rep(mod, tier, n, mode, k):
    global L
    L = []
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
    fr(k, 'bench=%s|tier=%s|rep=%d|mode=%s|t_ns=%d|free0=%d|free1=%d|free2=%d|outcome=%s|check=%s|exc=%s'
       % (mod.NAME, tier, n, mode, t, f0, f1, F(), o, tx(r, 60), tx(x, 100)) + lq(1))
    return t, o


def vc(m, t, n, o, k, c):
    # for a call that raised outside the benchmark: checks its arguments against their checksum c
    # and prints a damaged=1 frame when they arrived damaged, nothing when intact; the controller then
    # sends the plain call again (run from here, or with arguments kept from here, a recursive
    # benchmark was seen to hit MicroPython 1.9.2's stack limit sooner)
    if ck('%s|%s|%d|%s|%s' % (m, t, n, o, k)) != c:
        fr(k, 'damaged=1')
