"""My CLI job: parse options, build a config, produce the report text, as a short-lived command does."""
# Written by `benchrig new NAME --class cli`: a starting point that passes on every target
# (the micro:bit's MicroPython 1.9.2, CPython, PyPy). Replace the work in bench() with your own
# command's work, keep the contract (firmware-scripts/README.md, "The benchmark file contract").
# A CLI pays its interpreter's start-up on every call: compare the cold numbers for this class.
NAME = 'TEMPLATE_NAME'    # = the file name without .py; a module name no other benchmark uses
CLASS = 'string'          # the workload class it exercises (int, float, alloc, string, calls, ...)
APP = 'cli'               # the app class it stands for in the decision matrix
SUITES = ()               # benchrig's suites are for its own files; yours run in suite 'user' or by name
# Parameters per tier: 's' must fit a micro:bit (about 7 KB of heap, 20 ms to 1 s there);
# 'm' and 'l' are for hosts (1 to 40 ms and 20 to 400 ms on CPython).
TIERS = {'s': (10,), 'm': (1000,), 'l': (10000,)}
# What bench() returns per tier, the same on every interpreter (an int or a short str): the
# self-check. Run bench(*TIERS[t]) on CPython once to fill it in after changing the work.
EXPECT = {'s': 180, 'm': 21780, 'l': 237780}


def parse(argv):
    opts = {'verbose': 0, 'out': '-'}
    args = []
    for a in argv:
        if a == '-v':
            opts['verbose'] += 1
        elif a.startswith('--out='):
            opts['out'] = a[6:]
        else:
            args.append(a)
    return opts, args


def bench(n):
    # Keep no state between calls: hosts call bench() thousands of times in a row.
    size = 0
    for i in range(n):
        opts, args = parse(['-v', '--out=r%d.txt' % i, 'a%d' % i, 'b', '-v'])
        lines = ['%s: %d' % (k, len(k)) for k in args]
        size += len('\n'.join(lines)) + opts['verbose'] + len(opts['out'])
    return size
