"""Profiler fixture: one known hot function (spin) does nearly all the work."""
NAME = 'hotloop'
CLASS = 'int'
SUITES = ()
TIERS = {'s': (2000,), 'm': (20000,), 'l': (200000,)}
EXPECT = {'s': 1999, 'm': 19999, 'l': 199999}


def spin(n):
    s = 0
    for i in range(n):
        s += i * i % 7
    return s


def bench(n):
    return spin(n) // 2
