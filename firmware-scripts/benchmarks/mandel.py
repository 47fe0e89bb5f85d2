"""Mandelbrot set on a coarse grid: points inside and total iterations."""
NAME = 'mandel'
CLASS = 'float'
SUITES = ('smoke', 'default', 'nightly')
TIERS = {'s': (12, 8, 16), 'm': (80, 40, 50), 'l': (200, 100, 100)}
EXPECT = {'s': '36/838', 'm': '1039/65365', 'l': '6199/718442'}


def bench(w, h, m):
    inside = its = 0
    for y in range(h):
        ci = -1.0 + 2.0 * y / h
        for x in range(w):
            cr = -2.0 + 2.5 * x / w
            zr = zi = 0.0
            k = 0
            while k < m and zr * zr + zi * zi < 4.0:
                zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
                k += 1
            its += k
            if k == m:
                inside += 1
    return '%d/%d' % (inside, its)
