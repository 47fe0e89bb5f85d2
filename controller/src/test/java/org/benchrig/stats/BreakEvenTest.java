package org.benchrig.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The break-even maths on synthetic curves whose crossing is known in closed form: a fast starter
 * (10 ms to the first call, 30 us per call) against a JIT (40 ms, 100 calls at 100 us, then 3 us):
 * 10 + 0.03 n = 50 + 0.003 (n - 100) ms at n = 39.7 / 0.027 = 1,470.4 calls, 54.11 ms.
 */
class BreakEvenTest {
    static final double MS = 1e6;
    static final double US = 1e3;

    /** A process of {@code perCall} ns per call, values of {@code loops} calls up to {@code total} calls. */
    static WarmupCurve steadyCurve(String target, int process, double offsetNs, double perCall, long total) {
        List<long[]> vs = new ArrayList<>();
        for (long loops = 1, done = 0; done < total; done += loops, loops *= 2) {
            vs.add(new long[] {loops, Math.round(loops * perCall)});
        }
        return WarmupCurve.of(target, process, offsetNs, vs, vs.size() - 2, true);
    }

    /** The JIT: 100 calls at 100 us (as warm-ups of 1, 2, ... 64, 33 calls), then 3 us per call up to {@code total}. */
    static WarmupCurve jitCurve(int process, double offsetNs, long total) {
        List<long[]> vs = new ArrayList<>();
        long done = 0;
        for (long loops = 1; done < 100; loops *= 2) {
            long l = Math.min(loops, 100 - done);
            vs.add(new long[] {l, Math.round(l * 100 * US)});
            done += l;
        }
        int first = vs.size();
        for (long loops = 128; done < total; done += loops, loops *= 2) {
            vs.add(new long[] {loops, Math.round(loops * 3 * US)});
        }
        return WarmupCurve.of("pypy", process, offsetNs, vs, Math.max(first, vs.size() - 2), true);
    }

    @Test
    void theCrossingOfAFastStarterAndAJitIsFoundWhereTheAlgebraPutsIt() {
        BreakEven be = BreakEven.of("nbody", "cpython", List.of(steadyCurve("cpython", 0, 10 * MS, 30 * US, 100_000)),
                "pypy", List.of(jitCurve(0, 40 * MS, 100_000)));
        assertThat(be.status()).isEqualTo(BreakEven.Status.FOUND);
        assertThat(be.starter()).isEqualTo("cpython");
        assertThat(be.overtaker()).isEqualTo("pypy");
        assertThat(be.calls()).isCloseTo(39.7 / 0.027, within(0.5));
        assertThat(be.ns()).isCloseTo(10 * MS + 30 * US * 39.7 / 0.027, within(0.05 * MS));
        assertThat(be.extrapolated()).isFalse();
        assertThat(be.statement()).startsWith("pypy pays off after 1,470 calls / 54.11 ms of work");
        assertThat(be.pick(1_000).target()).isEqualTo("cpython");
        assertThat(be.pick(2_000).target()).isEqualTo("pypy");
        // by time: a job CPython does in 40 ms is shorter than the break-even, one of 80 ms longer
        assertThat(be.pickForTimeOnStarter(40 * MS).target()).isEqualTo("cpython");
        assertThat(be.pickForTimeOnStarter(80 * MS).target()).isEqualTo("pypy");
        // the same answer with the arguments the other way round
        BreakEven swapped = BreakEven.of("nbody", "pypy", List.of(jitCurve(0, 40 * MS, 100_000)),
                "cpython", List.of(steadyCurve("cpython", 0, 10 * MS, 30 * US, 100_000)));
        assertThat(swapped.overtaker()).isEqualTo("pypy");
        assertThat(swapped.calls()).isCloseTo(be.calls(), within(1e-6));
    }

    @Test
    void aCrossingPastTheMeasuredCallsIsExtrapolatedAtTheSteadyTimeAndSaysSo() {
        // both measured only up to ~500 calls: the crossing at 1,470 comes from the steady tails
        BreakEven be = BreakEven.of("nbody", "cpython", List.of(steadyCurve("cpython", 0, 10 * MS, 30 * US, 500)),
                "pypy", List.of(jitCurve(0, 40 * MS, 500)));
        assertThat(be.status()).isEqualTo(BreakEven.Status.FOUND);
        assertThat(be.calls()).isCloseTo(39.7 / 0.027, within(0.5));
        assertThat(be.extrapolated()).isTrue();
        assertThat(be.statement()).contains("extrapolated");
    }

    @Test
    void processesWithDifferentStartUpsGiveAnIntervalAndNoVerdictInsideIt() {
        List<WarmupCurve> cp = List.of(steadyCurve("cpython", 0, 10 * MS, 30 * US, 100_000),
                steadyCurve("cpython", 1, 12 * MS, 30 * US, 100_000));
        List<WarmupCurve> pp = List.of(jitCurve(0, 40 * MS, 100_000), jitCurve(1, 46 * MS, 100_000));
        BreakEven be = BreakEven.of("nbody", "cpython", cp, "pypy", pp);
        assertThat(be.status()).isEqualTo(BreakEven.Status.FOUND);
        assertThat(be.pairs()).isEqualTo(4);
        // extremes: 12 vs 40 ms start-up (37.7 / 0.027) and 10 vs 46 ms (45.7 / 0.027)
        assertThat(be.callsLow()).isCloseTo(37.7 / 0.027, within(0.5));
        assertThat(be.callsHigh()).isCloseTo(45.7 / 0.027, within(0.5));
        assertThat(be.calls()).isBetween(be.callsLow(), be.callsHigh());
        assertThat(be.statement()).contains("interval 1,396-1,693 calls").contains("4 process pairs");
        assertThat(be.pick(1_300).target()).isEqualTo("cpython");
        assertThat(be.pick(1_550).target()).isNull();
        assertThat(be.pick(1_550).reason()).contains("inside the break-even interval");
        assertThat(be.pick(1_800).target()).isEqualTo("pypy");
    }

    @Test
    void curvesThatNeverCrossSayNever() {
        // a JIT that starts slower and is slower per call too: it never pays off
        BreakEven be = BreakEven.of("startup", "cpython", List.of(steadyCurve("cpython", 0, 10 * MS, 30 * US, 10_000)),
                "pypy", List.of(steadyCurve("pypy", 0, 40 * MS, 36 * US, 10_000)));
        assertThat(be.status()).isEqualTo(BreakEven.Status.NEVER);
        assertThat(be.calls()).isNull();
        assertThat(be.statement()).startsWith("never:").contains("cpython is ahead at every process lifetime")
                .contains("pypy never pays off");
        assertThat(be.pick(1).target()).isEqualTo("cpython");
        assertThat(be.pick(1e9).target()).isEqualTo("cpython");
        // and one that is ahead from the first call on never needs a break-even either
        BreakEven ahead = BreakEven.of("x", "cpython", List.of(steadyCurve("cpython", 0, 40 * MS, 30 * US, 10_000)),
                "pypy", List.of(steadyCurve("pypy", 0, 10 * MS, 3 * US, 10_000)));
        assertThat(ahead.status()).isEqualTo(BreakEven.Status.NEVER);
        assertThat(ahead.statement()).contains("pypy is ahead at every process lifetime");
        assertThat(ahead.pick(1).target()).isEqualTo("pypy");
    }

    @Test
    void aCrossingInsideTheProcessesSpreadIsNoVerdict() {
        // steady speeds within each other's spread: against one CPython process PyPy's tail is
        // faster (it crosses, far out), against the other slower (it never does)
        List<WarmupCurve> cp = List.of(steadyCurve("cpython", 0, 10 * MS, 10.0 * US, 10_000),
                steadyCurve("cpython", 1, 10 * MS, 10.2 * US, 10_000));
        List<WarmupCurve> pp = List.of(steadyCurve("pypy", 0, 40 * MS, 10.05 * US, 10_000));
        BreakEven be = BreakEven.of("float", "cpython", cp, "pypy", pp);
        assertThat(be.status()).isEqualTo(BreakEven.Status.UNCERTAIN);
        assertThat(be.crossing()).isEqualTo(1);
        assertThat(be.callsLow()).isCloseTo(30 * MS / (0.15 * US), within(1.0));
        assertThat(be.callsHigh()).isNull();
        assertThat(be.statement()).startsWith("no break-even verdict: 1 of 2 process pairs cross");
        assertThat(be.pick(100).target()).isEqualTo("cpython");
        assertThat(be.pick(1e7).target()).isNull();
    }

    @Test
    void noCurveOnOneSideIsNoData() {
        BreakEven be = BreakEven.of("nbody", "cpython", List.of(), "pypy", List.of(jitCurve(0, 40 * MS, 1000)));
        assertThat(be.status()).isEqualTo(BreakEven.Status.NO_DATA);
        assertThat(be.pick(10).target()).isNull();
        assertThat(be.statement()).contains("no complete warm-up curve");
    }

    @Test
    void aCurveIsCumulativeFromStartUpAndInvertible() {
        WarmupCurve c = jitCurve(0, 40 * MS, 1000);
        assertThat(c.at(0)).isEqualTo(40 * MS);
        assertThat(c.at(1)).isCloseTo(40.1 * MS, within(1.0));
        assertThat(c.at(100)).isCloseTo(50 * MS, within(1.0));
        assertThat(c.at(200)).isCloseTo(50.3 * MS, within(1.0));
        assertThat(c.at(c.measuredCalls() + 1000)).isCloseTo(c.at(c.measuredCalls()) + 3 * MS, within(1.0));
        assertThat(c.callsAt(c.at(150))).isCloseTo(150, within(1e-6));
        assertThat(c.callsAt(c.at(5000))).isCloseTo(5000, within(1e-6));
    }
}
