"""Test fixture: prints HTML/script markup; a UI must escape it. The check is correct."""
NAME = 'xss'
CLASS = 'output'
SUITES = ()
TIERS = {'s': (1,), 'm': (2,), 'l': (3,)}
EXPECT = {'s': '<b>1</b>', 'm': '<b>2</b>', 'l': '<b>3</b>'}


def bench(n):
    for i in range(n):
        print('<script>alert(1)</script>')
    return '<b>%d</b>' % n
