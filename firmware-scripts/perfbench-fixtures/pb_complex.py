# perf_bench-format fixture: needs complex numbers (the micro:bit's MicroPython has none).
bm_params = {
    (10, 5): (20,),
    (1000, 1000): (200,),
}


def bm_setup(params):
    acc = [0]

    def run():
        z = complex(0, 0)
        for i in range(params[0]):
            z = z * 0.5 + complex(i % 3, 1)
        acc[0] = z

    def result():
        return params[0], '%.3f' % abs(acc[0])

    return run, result
