"""My service: a request handler (parse, route, respond), as a long-running service spends its time."""
# Written by `benchrig new NAME --class service`: a starting point that passes on every target
# (the micro:bit's MicroPython 1.9.2, CPython, PyPy). Replace the work in bench() with your own
# handler, keep the contract (firmware-scripts/README.md, "The benchmark file contract"):
NAME = 'TEMPLATE_NAME'    # = the file name without .py; a module name no other benchmark uses
CLASS = 'string'          # the workload class it exercises (int, float, alloc, string, calls, ...)
APP = 'service'           # the app class it stands for in the decision matrix
SUITES = ()               # benchrig's suites are for its own files; yours run in suite 'user' or by name
# Parameters per tier: 's' must fit a micro:bit (about 7 KB of heap, 20 ms to 1 s there);
# 'm' and 'l' are for hosts (1 to 40 ms and 20 to 400 ms on CPython).
TIERS = {'s': (20,), 'm': (2000,), 'l': (20000,)}
# What bench() returns per tier, the same on every interpreter (an int or a short str): the
# self-check. Run bench(*TIERS[t]) on CPython once to fill it in after changing the work.
EXPECT = {'s': '20/330', 'm': '2000/36890', 'l': '20000/388890'}


def handle(line, routes):
    # "GET /item/17?q=3" -> a response string
    method, target = line.split(' ', 1)
    path, query = target.split('?', 1)
    parts = path.split('/')
    fn = routes.get(method + ' ' + parts[1])
    if fn is None:
        return '404 not found'
    return fn(parts[2], query)


def item(ident, query):
    return '200 item=%s q=%s' % (ident, query)


def bench(n):
    # Keep no state between calls: hosts call bench() thousands of times in a row.
    routes = {'GET item': item}
    total = 0
    for i in range(n):
        total += len(handle('GET /item/%d?q=%d' % (i, i % 7), routes))
    return '%d/%d' % (n, total)
