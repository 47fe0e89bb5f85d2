"""N-queens: count solutions and search nodes with bit masks."""
NAME = 'nqueens'
CLASS = 'int'
SUITES = ('default', 'nightly')
TIERS = {'s': (6,), 'm': (9,), 'l': (11,)}
EXPECT = {'s': '4/153', 'm': '352/8394', 'l': '2680/166926'}


def bench(n):
    full = (1 << n) - 1
    cnt = nodes = 0
    st = [(0, 0, 0)]
    while st:
        c, a, b = st.pop()
        nodes += 1
        if c == full:
            cnt += 1
            continue
        av = full & ~(c | a | b)
        while av:
            bit = av & -av
            av -= bit
            st.append((c | bit, ((a | bit) << 1) & full, (b | bit) >> 1))
    return '%d/%d' % (cnt, nodes)
