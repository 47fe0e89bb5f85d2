"""Pi digits with Gibbons' unbounded spigot on big integers."""
NAME = 'pidigits'
CLASS = 'bigint'
SUITES = ('default', 'nightly')
TIERS = {'s': (20,), 'm': (300,), 'l': (1000,)}
EXPECT = {'s': 514105496, 'm': 556339273, 'l': 658692006}


def bench(n):
    q, r, t, k, m, x = 1, 0, 1, 1, 3, 3
    d = 0
    s = 0
    while d < n:
        if 4 * q + r - t < m * t:
            s = (s * 7 + m) % 1000000007
            d += 1
            q, r, m = 10 * q, 10 * (r - m * t), (10 * (3 * q + r)) // t - 10 * m
        else:
            q, r, t, k, m, x = q * k, (2 * q + r) * x, t * x, k + 1, (q * (7 * k + 2) + r * x) // (t * x), x + 2
    return s
