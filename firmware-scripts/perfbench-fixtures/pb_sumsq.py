# perf_bench-format fixture (written for benchrig's tests): a small key for a 10 KB, 16 MHz board,
# a large one for a desktop. The result is exact integers, the same on every interpreter.
def sumsq(n):
    t = 0
    for i in range(n):
        t += i * i % 7
    return t


bm_params = {
    (10, 5): (300,),
    (1000, 1000): (20000,),
}


def bm_setup(params):
    state = [0]

    def run():
        state[0] = sumsq(params[0])

    def result():
        return params[0], state[0]

    return run, result
