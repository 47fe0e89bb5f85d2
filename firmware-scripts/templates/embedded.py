"""My device loop: read a sensor, filter, detect events, as firmware on a small board spends its time."""
# Written by `benchrig new NAME --class embedded`: a starting point that passes on every target
# (the micro:bit's MicroPython 1.9.2, CPython, PyPy). Replace the work in bench() with your own
# loop, keep the contract (firmware-scripts/README.md, "The benchmark file contract"). Integer
# arithmetic only: a micro:bit's floats are 30-bit, so float checks can differ from CPython's.
NAME = 'TEMPLATE_NAME'    # = the file name without .py; a module name no other benchmark uses
CLASS = 'int'             # the workload class it exercises (int, float, alloc, string, calls, ...)
APP = 'embedded'          # the app class it stands for in the decision matrix
SUITES = ()               # benchrig's suites are for its own files; yours run in suite 'user' or by name
# Parameters per tier: 's' must fit a micro:bit (about 7 KB of heap, 20 ms to 1 s there);
# 'm' and 'l' are for hosts (1 to 40 ms and 20 to 400 ms on CPython).
TIERS = {'s': (200,), 'm': (20000,), 'l': (200000,)}
# What bench() returns per tier, the same on every interpreter (an int or a short str): the
# self-check. Run bench(*TIERS[t]) on CPython once to fill it in after changing the work.
EXPECT = {'s': '13/605', 'm': '1450/352', 'l': '15038/425'}


def bench(n):
    # Keep no state between calls: hosts call bench() thousands of times in a row.
    seed = 12345
    avg = 0                      # moving average, fixed point (x16)
    events = 0
    above = False
    for _ in range(n):
        seed = (seed * 1103515245 + 12345) & 0x3fffffff   # a fake ADC: stays a small int on the board
        sample = seed >> 20                                 # 0..1023
        avg += (sample * 16 - avg) >> 3
        if avg > 8800 and not above:
            events += 1
        above = avg > 8800
    return '%d/%d' % (events, avg >> 4)
