"""Profiler fixture: its hot function's name and file are HTML markup; a UI must show them as text."""
NAME = 'hostile'
CLASS = 'int'
SUITES = ()
TIERS = {'s': (2000,), 'm': (20000,), 'l': (200000,)}
EXPECT = {'s': 1999, 'm': 19999, 'l': 199999}
SRC = 'def burn(n):\n    s = 0\n    for i in range(n):\n        s += i * i % 7\n    return s\n'
G = {}
exec(compile(SRC, '<img src=x onerror=alert(1)>.py', 'exec'), G)
burn = G['burn']
burn.__code__ = burn.__code__.replace(co_name='<script>alert(2)</script>')


def bench(n):
    return burn(n) // 2
