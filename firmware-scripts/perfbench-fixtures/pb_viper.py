# perf_bench-format fixture: uses MicroPython's viper emitter (CPython and PyPy have none).
import micropython


@micropython.viper
def add(x: int, y: int) -> int:
    return x + y


bm_params = {
    (10, 5): (100,),
    (1000, 1000): (1000,),
}


def bm_setup(params):
    out = [0]

    def run():
        t = 0
        for i in range(params[0]):
            t = add(t, i)
        out[0] = t

    def result():
        return params[0], None   # as perf_bench viper files do: CPython cannot check it

    return run, result
