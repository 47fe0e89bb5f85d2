"""String building: formatting, join, split, replace, upper, find."""
NAME = 'strbuild'
CLASS = 'string'
SUITES = ('smoke', 'default', 'nightly')
TIERS = {'s': (2, 12), 'm': (200, 100), 'l': (1000, 200)}
EXPECT = {'s': 540, 'm': 431600, 'l': 4557000}


def bench(rounds, n):
    t = 0
    for r in range(rounds):
        parts = []
        for i in range(n):
            parts.append('%s-%d:%02d' % ('ab', i, r % 60))
        s = ','.join(parts)
        s = s.replace('ab', 'xyz').upper()
        w = s.split(',')
        t += len(s) + len(w) + s.find('XYZ-%d:' % (n - 1))
        t += sum(len(x) for x in w if x.endswith('0'))
    return t
