"""Data pipeline step: parse CSV-like records, group by key, aggregate, sort; one op per batch of records."""
# An app workload (firmware-scripts/README.md): each batch is timed by bh.op.
import bh

NAME = 'pipeline'
CLASS = 'pipeline'
SUITES = ('default', 'nightly')
TIERS = {'s': (6, 10), 'm': (200, 50), 'l': (1000, 200)}
EXPECT = {'s': '0 w551/855 h517/855 t498/1000 r482/855 p448/855', 'm': '0 w505/1005 h505/1005 r504/1005 p503/1005 t503/1005', 'l': '0 w506/1005 h505/1005 r504/1005 p503/1005 t502/1005'}

KEYS = ('temp', 'hum', 'pres', 'wind', 'rain')


class Agg:
    def __init__(self):
        self.g = {}
        self.bad = 0

    def step(self, text):
        g = self.g
        for line in text.split('\n'):
            f = line.split(',')
            if len(f) != 3:
                self.bad += 1
                continue
            w = (f[2] + '.0').split('.')
            v = int(w[0]) * 10 + int(w[1])
            a = g.get(f[0])
            if a is None:
                g[f[0]] = [1, v, v, v]
            else:
                a[0] += 1
                a[1] += v
                if v < a[2]:
                    a[2] = v
                if v > a[3]:
                    a[3] = v


def bench(nb, size):
    agg = Agg()
    batches = []
    for b in range(nb):
        out = []
        for i in range(size):
            j = b * size + i
            out.append('%s,%d,%d.%d' % (KEYS[(j * 7) % 5], j // 13, (j * 37) % 101, j % 10))
        batches.append('\n'.join(out))
    out = None
    bh.op(agg.step, batches)
    rows = sorted(agg.g.items(), key=lambda kv: (-kv[1][1], kv[0]))
    return '%d %s' % (agg.bad, ' '.join('%s%d/%d' % (k[0], a[1] // a[0], a[3] - a[2]) for k, a in rows))
