"""Device main loop: read a simulated sensor through a small driver, fixed-point filter, ring buffer, thresholds, state machine."""
# An app workload (firmware-scripts/README.md): each pass of the main loop is timed by bh.op.
# Integers only (fixed point, Q8): the micro:bit's floats are 30-bit.
import bh

NAME = 'devloop'
CLASS = 'embedded'
SUITES = ('default', 'nightly')
TIERS = {'s': (60,), 'm': (5000,), 'l': (50000,)}
EXPECT = {'s': '4/1/34972', 'm': '152/1/33032', 'l': '1565/1/32808'}


class Sensor:
    # a register-level driver of a simulated 12-bit sensor: write the register address, read two
    # bytes. A board allows ~6 nested frames (README): bench times each step itself (bh.op would be
    # one frame more) and step calls write and read directly
    def __init__(self):
        self.x = 12345
        self.reg = 0

    def write(self, b):
        self.reg = b[0]

    def read(self, n):
        self.x = (self.x * 75 + 74) % 65537   # small ints only: no big-int allocation per reading on a board
        v = 2048 + (self.x & 1023) - 512 + (self.reg << 4)
        return bytes(((v >> 8) & 15, v & 255))


class Loop:
    HI = 2200 << 8
    LO = 2000 << 8

    def __init__(self, size):
        self.dev = Sensor()
        self.y = 2048 << 8
        self.ring = [0] * size
        self.i = 0
        self.state = 0
        self.alarms = 0

    def step(self, t):
        d = self.dev
        d.write(b'\x05')
        b = d.read(2)
        raw = (b[0] << 8) | b[1]
        self.y += ((raw << 8) - self.y) >> 2
        r = self.ring
        r[self.i] = self.y >> 8
        self.i = (self.i + 1) % len(r)
        if self.state == 0 and self.y > self.HI:
            self.state = 1
            self.alarms += 1
        elif self.state == 1 and self.y < self.LO:
            self.state = 2
        elif self.state == 2:
            self.state = 0
        if t % 16 == 15:
            self.avg = sum(r) // len(r)


def bench(n):
    lp = Loop(16)
    T, D, keep = bh.T, bh.D, bh.L.append   # bh.op's loop, inline: one frame less
    for t in range(n):
        t0 = T()
        lp.step(t)
        keep(D(T(), t0))
    return '%d/%d/%d' % (lp.alarms, lp.state, sum(lp.ring))
