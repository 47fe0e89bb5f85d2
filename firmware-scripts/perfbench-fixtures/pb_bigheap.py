# perf_bench-format fixture: its smallest key asks for 64 KB of heap, more than a micro:bit has.
bm_params = {
    (10, 64): (2000,),
    (1000, 1000): (20000,),
}


def bm_setup(params):
    data = []

    def run():
        data[:] = list(range(params[0]))

    def result():
        return params[0], sum(data)

    return run, result
