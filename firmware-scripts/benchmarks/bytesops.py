"""Bytes and bytearray: append, extend, concatenate, slice, find, split."""
NAME = 'bytesops'
CLASS = 'string'
SUITES = ('nightly',)
TIERS = {'s': (3, 60), 'm': (300, 300), 'l': (1000, 1000)}
EXPECT = {'s': 1649, 'm': 859050, 'l': 9548500}


def bench(rounds, n):
    t = 0
    for r in range(rounds):
        a = bytearray()
        for i in range(n):
            a.append(48 + (i * 7 + r) % 10)
            if i % 10 == 9:
                a.extend(b' ')
        b = bytes(a)
        for w in b.split(b' '):
            if w:
                t += w[0] + len(w)
        t += b.find(b'0') + len(b[3:-3]) + len(b + b)
    return t
