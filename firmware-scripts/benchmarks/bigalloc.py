"""Deliberately too big for a micro:bit: a list of 5000 items (20 KB on a 10 KB heap)."""
NAME = 'bigalloc'
CLASS = 'alloc'
SUITES = ()
TIERS = {'s': (5000,), 'm': (50000,), 'l': (500000,)}
EXPECT = {'s': 5000, 'm': 50000, 'l': 500000}


def bench(n):
    a = [0] * n
    for i in range(n):
        a[i] = i
    return len(a)
