"""Object churn: linked lists of class instances, small dicts and lists (GC heavy)."""
NAME = 'objchurn'
CLASS = 'alloc'
SUITES = ('default', 'nightly')
TIERS = {'s': (4, 40), 'm': (200, 500), 'l': (1000, 1000)}
EXPECT = {'s': 3388, 'm': 34901400, 'l': 999007000}


class Node:
    def __init__(self, v, nx):
        self.v = v
        self.nx = nx


def bench(rounds, size):
    t = 0
    for r in range(rounds):
        h = None
        for i in range(size):
            h = Node(i + r, h)
        d = {}
        while h is not None:
            d[h.v % 7] = [h.v, (h.v, r)]
            t += h.v
            h = h.nx
        t += len(d)
    return t
