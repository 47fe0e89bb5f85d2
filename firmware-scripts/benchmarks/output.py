"""Output throughput: print short lines to stdout (the board's serial link is slow)."""
NAME = 'output'
CLASS = 'output'
SUITES = ('default', 'nightly')
TIERS = {'s': (20,), 'm': (2000,), 'l': (20000,)}
EXPECT = {'s': 290, 'm': 32890, 'l': 348890}


def bench(n):
    t = 0
    for i in range(n):
        s = 'out %d abcdefgh' % i
        print(s)
        t += len(s)
    return t
