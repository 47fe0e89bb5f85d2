"""Module start-up: exec() of a small module source (compile + module body) into a fresh dict."""
# MicroPython 1.9.2 has no sys.modules (an imported module cannot be dropped and imported again)
# and no compile(); exec() of a source string runs the same lexer, parser, compiler and module
# body as an import, minus the file read. Keep the source flat: the micro:bit's C stack allows only
# about 6 nested frames, and deep expressions in the compiler count too.
NAME = 'startup'
CLASS = 'startup'
SUITES = ('default', 'nightly')
TIERS = {'s': (4,), 'm': (200,), 'l': (1000,)}
EXPECT = {'s': 210, 'm': 30100, 'l': 550500}

SRC = """
K = 7
T = (1, 2, 3)
class P:
    def val(self, a):
        return a * K + T[1]
def f(x, y=2):
    return x * y
R = P().val(f(3))
"""


def bench(n):
    t = 0
    for i in range(n):
        g = {}
        exec(SRC, g)
        t += g['R'] + g['K'] + i
    return t
