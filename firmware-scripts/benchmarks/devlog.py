"""Device data logger: read a sensor each tick, keep every reading in RAM until upload; too big for a 10 KB heap at tier s."""
# Deliberately does not fit the micro:bit: 1,500 (tick, value) tuples need about 30 KB of heap there.
# On a board it is recorded DOES_NOT_FIT with the heap it needed; hosts run it. Each reading is one op.
# Self-contained: a board holds only the harness and the benchmark at hand.
import bh

NAME = 'devlog'
CLASS = 'embedded'
SUITES = ('default', 'nightly')
TIERS = {'s': (1500,), 'm': (20000,), 'l': (200000,)}
EXPECT = {'s': '1500/66850', 'm': '20000/75304', 'l': '200000/75951'}


class Logger:
    def __init__(self):
        self.x = 12345
        self.log = []

    def step(self, t):
        self.x = (self.x * 75 + 74) % 65537
        self.log.append((t, 1536 + (self.x & 1023)))


def bench(n):
    lg = Logger()
    bh.op(lg.step, range(n))
    return '%d/%d' % (len(lg.log), sum(v for _, v in lg.log) % 100003)
