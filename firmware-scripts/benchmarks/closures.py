"""Closures: counters with nonlocal, adders and lambdas over locals."""
NAME = 'closures'
CLASS = 'closures'
SUITES = ('smoke', 'default', 'nightly')
TIERS = {'s': (80,), 'm': (30000,), 'l': (200000,)}
EXPECT = {'s': 9880, 'm': 14985000, 'l': 99900000}


def counter(step):
    c = 0

    def inc():
        nonlocal c
        c += step
        return c
    return inc


def adder(k):
    return lambda x: x + k


def bench(n):
    inc = counter(3)
    t = 0
    for i in range(n):
        f = adder(i % 5)
        t += f(inc()) % 1000
    return t
