# benchrig phase timer: a benchmark names its phases; runs on MicroPython 1.9.2 (micro:bit), CPython, PyPy.
# Boards have no profiler hook, so this is how a board says where its time goes. See ../README.md.
try:
    from time import ticks_us as T, ticks_diff as D
except ImportError:
    from time import perf_counter_ns as N
    T = lambda: N() // 1000
    D = int.__sub__
P = []
C = [None, 0]


def ph(name):
    # ends the running phase (if any) and starts `name`; ph(None) ends the last one
    t = T()
    if C[0] is not None:
        P.append((C[0], D(t, C[1])))
    C[0] = name
    C[1] = T()


def out(k):
    # one @BR2 frame with the controller's nonce k: phases=name:us,name:us,...
    import bh
    bh.fr(k, 'phases=' + ','.join('%s:%d' % (bh.tx(n, 20).replace(',', '/').replace(':', '/'), u) for n, u in P))
    del P[:]
