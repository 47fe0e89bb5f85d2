"""Recursive Fibonacci, repeated: call overhead (recursion depth <= n; the micro:bit allows ~6 frames)."""
NAME = 'fib'
CLASS = 'calls'
SUITES = ('smoke', 'default', 'nightly')
TIERS = {'s': (4, 25), 'm': (20, 10), 'l': (25, 10)}
EXPECT = {'s': 375, 'm': 67695, 'l': 750295}


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def bench(n, r):
    t = 0
    for i in range(r):
        t += fib(n) + i
    return t
