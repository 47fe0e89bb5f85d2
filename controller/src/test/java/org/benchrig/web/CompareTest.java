package org.benchrig.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.benchrig.result.FailureClass;
import org.benchrig.result.HeapUse;
import org.benchrig.result.Measurement;
import org.benchrig.result.Mode;
import org.benchrig.result.Outcome;
import org.benchrig.store.BenchmarkInfo;
import org.benchrig.store.TargetInfo;
import org.junit.jupiter.api.Test;

class CompareTest {
    static final List<TargetInfo> TARGETS = List.of(
            new TargetInfo("mb1", "board", "micropython", "1.9.2", "/dev/pts/3", "abc", "1.9.2", "microbit",
                    "heap_total=10000;instruments=simulated"),
            new TargetInfo("cpython", "host", "cpython", "3.11.2", "/usr/bin/python3.11", null, null, "amd64", ""),
            new TargetInfo("pypy", "host", "pypy", "7.3.11", "/usr/bin/pypy3", null, null, "amd64", ""));

    static Measurement m(String target, String bench, Mode mode, int rep, long ns, Outcome o) {
        HeapUse heap = target.startsWith("mb") ? new HeapUse(9000L, 8000L, 8900L, null) : new HeapUse(null, null, null, 20_000L);
        return new Measurement(target + bench + mode + rep, 1, target, bench, "s", rep, mode, o.isOk() ? ns : null, null,
                heap, "1", o, Instant.EPOCH);
    }

    /** Repetitions per benchmark and mode: enough for Mann-Whitney to tell clearly different targets apart. */
    static final int REPS = 8;

    static void add(List<Measurement> ms, String target, String bench, long cold, long warm) {
        add(ms, target, bench, cold, warm, REPS);
    }

    static void add(List<Measurement> ms, String target, String bench, long cold, long warm, int reps) {
        for (int r = 0; r < reps; r++) {
            ms.add(m(target, bench, Mode.COLD, r, cold + r, Outcome.ok()));
            ms.add(m(target, bench, Mode.WARM, r, warm + r, Outcome.ok()));
        }
    }

    @Test
    void warmAndColdWinnersDifferWhenPypyStartUpDominatesAndBoardsThatDoNotFitCannotWin() {
        List<Measurement> ms = new ArrayList<>();
        add(ms, "cpython", "fib", 3_000, 2_900);
        add(ms, "pypy", "fib", 20_000, 700);
        for (int r = 0; r < 3; r++) {
            ms.add(m("mb1", "fib", r == 0 ? Mode.COLD : Mode.WARM, r, 2_000_000, Outcome.ok()));
        }
        add(ms, "cpython", "bigalloc", 5_000, 4_000);
        add(ms, "pypy", "bigalloc", 9_000, 6_000);
        ms.add(m("mb1", "bigalloc", Mode.COLD, 0, 0, Outcome.failed(FailureClass.DOES_NOT_FIT, "MemoryError")));
        List<BenchmarkInfo> benches = List.of(new BenchmarkInfo("fib", "calls", "s", "", "", ""),
                new BenchmarkInfo("bigalloc", "alloc", "s", "", "", ""));

        Compare.Matrix matrix = Compare.of(1, ms, benches, TARGETS);

        assertThat(matrix.interpreters()).containsExactly("micropython", "cpython", "pypy");
        Compare.Row calls = matrix.rows().stream().filter(r -> r.workloadClass().equals("calls")).findFirst().orElseThrow();
        assertThat(calls.winnerWarm()).isEqualTo("pypy");
        assertThat(calls.winnerCold()).isEqualTo("cpython");
        Compare.Cell pypy = calls.cells().get(2);
        assertThat(pypy.coldNs()).isCloseTo(20_003.5, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(pypy.warmNs()).isCloseTo(703.5, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(pypy.peakRssKb()).isEqualTo(20_000L);
        assertThat(calls.cells().get(0).heapUsed()).isEqualTo(1000L);
        assertThat(calls.caveats()).anyMatch(c -> c.startsWith("start-up dominated on PyPy"));
        assertThat(calls.caveats()).as("said once for the page, in the notes").noneMatch(c -> c.contains("simulated instruments"));
        assertThat(matrix.notes()).anyMatch(c -> c.startsWith("simulated instruments"));
        assertThat(calls.warm().verdict()).isEqualTo(Compare.FASTER);
        assertThat(calls.warm().fastest()).isEqualTo("pypy");
        assertThat(calls.warm().runnerUp()).isEqualTo("cpython");
        assertThat(calls.warm().times()).as("runner-up / fastest").isCloseTo(2_903.5 / 703.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(calls.warm().low()).isLessThanOrEqualTo(calls.warm().times());
        assertThat(calls.warm().high()).isGreaterThanOrEqualTo(calls.warm().times());

        Compare.Row alloc = matrix.rows().stream().filter(r -> r.workloadClass().equals("alloc")).findFirst().orElseThrow();
        assertThat(alloc.cells().get(0).complete()).isFalse();
        assertThat(alloc.winnerWarm()).isEqualTo("cpython");
        assertThat(alloc.caveats()).anyMatch(c -> c.startsWith("does not fit in RAM on MicroPython (board)")
                && c.contains("DOES_NOT_FIT"));
    }

    @Test
    void threeRepetitionsEachCannotNameAWinnerAndTheClassSaysWhy() {
        List<Measurement> ms = new ArrayList<>();
        add(ms, "cpython", "fib", 3_000, 2_900, 3);
        add(ms, "pypy", "fib", 20_000, 700, 3);
        Compare.Row calls = Compare.of(1, ms, List.of(new BenchmarkInfo("fib", "calls", "s", "", "", "")),
                TARGETS.subList(1, 3)).rows().get(0);
        // 3 against 3 samples: the smallest two-sided Mann-Whitney p is 0.1, whatever the times
        assertThat(calls.winnerWarm()).isNull();
        assertThat(calls.winnerCold()).isNull();
        assertThat(calls.warm().verdict()).isEqualTo(Compare.NO_DIFFERENCE);
        assertThat(calls.warm().reason()).contains("not significant");
        assertThat(calls.cold().verdict()).isEqualTo(Compare.NO_DIFFERENCE);
        assertThat(calls.warm().times()).as("the ratio is still shown, with the verdict beside it").isGreaterThan(1);
    }

    @Test
    void aClassTimeIsTheGeometricMeanOfItsBenchmarkMedians() {
        List<Measurement> ms = new ArrayList<>();
        add(ms, "cpython", "a", 100, 100);
        add(ms, "cpython", "b", 10_000, 10_000);
        Compare.Matrix matrix = Compare.of(1, ms, List.of(new BenchmarkInfo("a", "int", "s", "", "", ""),
                new BenchmarkInfo("b", "int", "s", "", "", "")), TARGETS.subList(1, 2));
        assertThat(matrix.rows().get(0).cells().get(0).warmNs()).isCloseTo(Math.sqrt(103.5 * 10_003.5),
                org.assertj.core.data.Offset.offset(1e-6));
    }
}
