"""My pipeline step: parse records, filter, aggregate by key, as a data pipeline spends its time."""
# Written by `benchrig new NAME --class pipeline`: a starting point that passes on every target
# (the micro:bit's MicroPython 1.9.2, CPython, PyPy). Replace the work in bench() with your own
# step, keep the contract (firmware-scripts/README.md, "The benchmark file contract"):
NAME = 'TEMPLATE_NAME'    # = the file name without .py; a module name no other benchmark uses
CLASS = 'alloc'           # the workload class it exercises (int, float, alloc, string, calls, ...)
APP = 'pipeline'          # the app class it stands for in the decision matrix
SUITES = ()               # benchrig's suites are for its own files; yours run in suite 'user' or by name
# Parameters per tier: 's' must fit a micro:bit (about 7 KB of heap, 20 ms to 1 s there);
# 'm' and 'l' are for hosts (1 to 40 ms and 20 to 400 ms on CPython).
TIERS = {'s': (30,), 'm': (3000,), 'l': (30000,)}
# What bench() returns per tier, the same on every interpreter (an int or a short str): the
# self-check. Run bench(*TIERS[t]) on CPython once to fill it in after changing the work.
EXPECT = {'s': '27/1169', 'm': '2673/118954', 'l': '26733/1189596'}


def records(n):
    # a generator of CSV lines, so a small board never holds them all
    for i in range(n):
        yield 'sensor%d,%d,%d' % (i % 4, i, (i * 37) % 101)


def bench(n):
    # Keep no state between calls: hosts call bench() thousands of times in a row.
    totals = {}
    kept = 0
    for line in records(n):
        key, _, value = line.split(',')
        v = int(value)
        if v < 90:               # filter
            kept += 1
            totals[key] = totals.get(key, 0) + v
    return '%d/%d' % (kept, sum(totals.values()))
