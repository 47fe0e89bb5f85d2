# perf_bench-format fixture: the result names the interpreter, so CPython's truth ("cpython")
# passes on CPython only and every other target gets WRONG_RESULT.
import sys

bm_params = {
    (10, 5): (10,),
    (1000, 1000): (100,),
}


def bm_setup(params):
    def run():
        for _ in range(params[0]):
            pass

    def result():
        return params[0], sys.implementation.name

    return run, result
