"""Dict churn: insert, look up and delete string and int keys."""
NAME = 'dictops'
CLASS = 'alloc'
SUITES = ('nightly',)
TIERS = {'s': (3, 40), 'm': (100, 500), 'l': (300, 2000)}
EXPECT = {'s': 1059, 'm': 5068250, 'l': 230814750}


def bench(rounds, size):
    t = 0
    for r in range(rounds):
        d = {}
        for i in range(size):
            d['k%d' % i] = i
            d[i] = r
        for i in range(0, size, 3):
            t += d['k%d' % i] + d[i]
            del d['k%d' % i]
        t += len(d)
    return t
