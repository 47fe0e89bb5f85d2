"""Test fixture: EXPECT is deliberately wrong, so every run is a WRONG_RESULT."""
NAME = 'wrongresult'
CLASS = 'int'
SUITES = ()
TIERS = {'s': (6,), 'm': (7,), 'l': (8,)}
EXPECT = {'s': 43, 'm': 43, 'l': 43}


def bench(n):
    return n * 7
