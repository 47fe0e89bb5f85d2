"""Sieve of Eratosthenes in a bytearray: count and sum of primes."""
NAME = 'sieve'
CLASS = 'int'
SUITES = ('smoke', 'default', 'nightly')
TIERS = {'s': (600,), 'm': (100000,), 'l': (1000000,)}
EXPECT = {'s': '109/29296', 'm': '9592/454396537', 'l': '78498/37550402023'}


def bench(n):
    a = bytearray(n)
    cnt = tot = 0
    for i in range(2, n):
        if not a[i]:
            cnt += 1
            tot += i
            for j in range(i * i, n, i):
                a[j] = 1
    return '%d/%d' % (cnt, tot)
