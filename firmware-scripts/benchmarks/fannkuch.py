"""Fannkuch-redux checksum: permutations and list element swaps."""
NAME = 'fannkuch'
CLASS = 'int'
SUITES = ('default', 'nightly')
TIERS = {'s': (6,), 'm': (8,), 'l': (9,)}
EXPECT = {'s': 49, 'm': 1616, 'l': 8629}


def bench(n):
    p = list(range(n))
    q = [0] * n
    s = list(range(n))
    sign = 1
    chk = 0
    while True:
        q0 = p[0]
        if q0:
            for i in range(1, n):
                q[i] = p[i]
            f = 1
            while True:
                qq = q[q0]
                if qq == 0:
                    chk += sign * f
                    break
                q[q0] = q0
                if q0 >= 3:
                    i = 1
                    j = q0 - 1
                    while i < j:
                        q[i], q[j] = q[j], q[i]
                        i += 1
                        j -= 1
                q0 = qq
                f += 1
        if sign == 1:
            p[1], p[0] = p[0], p[1]
            sign = -1
        else:
            p[1], p[2] = p[2], p[1]
            sign = 1
            for i in range(2, n):
                sx = s[i]
                if sx != 0:
                    s[i] = sx - 1
                    break
                if i == n - 1:
                    return chk
                s[i] = i
                t = p[0]
                for j in range(i + 1):
                    p[j] = p[j + 1]
                p[i + 1] = t
