"""Three-body orbit integration; energy rounded to 3 decimals."""
NAME = 'nbody'
CLASS = 'float'
SUITES = ('default', 'nightly')
TIERS = {'s': (20,), 'm': (2000,), 'l': (20000,)}
EXPECT = {'s': -1076, 'm': -1069, 'l': -1074}


def bench(steps):
    b = [[0.0, 0.0, 0.0, 0.0, 10.0],
         [1.0, 0.0, 0.0, 3.0, 0.1],
         [0.0, 2.0, -2.2, 0.0, 0.2]]
    dt = 0.01
    for _ in range(steps):
        for i in range(3):
            bi = b[i]
            for j in range(i + 1, 3):
                bj = b[j]
                dx = bi[0] - bj[0]
                dy = bi[1] - bj[1]
                d2 = dx * dx + dy * dy
                mag = dt / (d2 * d2 ** 0.5)
                bi[2] -= dx * bj[4] * mag
                bi[3] -= dy * bj[4] * mag
                bj[2] += dx * bi[4] * mag
                bj[3] += dy * bi[4] * mag
        for bi in b:
            bi[0] += dt * bi[2]
            bi[1] += dt * bi[3]
    e = 0.0
    for i in range(3):
        bi = b[i]
        e += 0.5 * bi[4] * (bi[2] * bi[2] + bi[3] * bi[3])
        for j in range(i + 1, 3):
            bj = b[j]
            dx = bi[0] - bj[0]
            dy = bi[1] - bj[1]
            e -= bi[4] * bj[4] / (dx * dx + dy * dy) ** 0.5
    return int(e * 1000 + 100000.5) - 100000
