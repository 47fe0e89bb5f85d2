"""Profiler fixture: time goes into the built-in sorted() on a big list."""
NAME = 'sorting'
CLASS = 'alloc'
SUITES = ()
TIERS = {'s': (2000,), 'm': (50000,), 'l': (200000,)}
EXPECT = {'s': 0, 'm': 0, 'l': 0}
DATA = {}


def data(n):
    d = DATA.get(n)
    if d is None:
        x = 12345
        d = []
        for i in range(n):
            x = (x * 1103515245 + 12345) % 2147483648
            d.append(x)
        DATA[n] = d
    return d


def bench(n):
    s = sorted(data(n))
    return s[0] - min(s)
