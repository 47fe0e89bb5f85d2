"""Method calls, keyword arguments and default arguments on a small class."""
NAME = 'methcalls'
CLASS = 'calls'
SUITES = ('nightly',)
TIERS = {'s': (150,), 'm': (50000,), 'l': (300000,)}
EXPECT = {'s': 33675, 'm': 963753, 'l': 445003}


class Acc:
    def __init__(self):
        self.v = 0

    def add(self, x, k=1):
        self.v += x * k
        return self

    def get(self):
        return self.v


def bench(n):
    a = Acc()
    for i in range(n):
        a.add(i).add(i, k=2).add(1)
    return a.get() % 1000003
