"""Generator pipelines with yield and yield from."""
NAME = 'genyield'
CLASS = 'generators'
SUITES = ('smoke', 'default', 'nightly')
TIERS = {'s': (150,), 'm': (50000,), 'l': (300000,)}
EXPECT = {'s': 80635, 'm': 1275178322, 'l': 45151043974}


def count(n):
    for i in range(n):
        yield i


def sq(g):
    for x in g:
        yield x * x % 1009


def both(n):
    yield from count(n)
    yield from sq(count(n))


def bench(n):
    t = 0
    for x in both(n):
        t += x
    return t
