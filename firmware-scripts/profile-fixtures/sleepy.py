"""Profiler fixture: waits (sleeps) nearly all the time, computes almost nothing."""
import time
NAME = 'sleepy'
CLASS = 'io'
SUITES = ()
TIERS = {'s': (1,), 'm': (4,), 'l': (10,)}
EXPECT = {'s': 1, 'm': 4, 'l': 10}


def nap(n):
    for i in range(n):
        time.sleep(0.004)
    return n


def bench(n):
    return nap(n)
