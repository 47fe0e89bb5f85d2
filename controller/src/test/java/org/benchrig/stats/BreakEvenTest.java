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
public class BreakEvenTest {
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

    /** Five CPython processes (a verdict needs at least four a side at level 0.05) with these start-ups. */
    public static List<WarmupCurve> cpythons(long total, double... offsetsMs) {
        List<WarmupCurve> out = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            out.add(steadyCurve("cpython", i, offsetsMs[i % offsetsMs.length] * MS, 30 * US, total));
        }
        return out;
    }

    public static List<WarmupCurve> pypys(long total, double... offsetsMs) {
        List<WarmupCurve> out = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            out.add(jitCurve(i, offsetsMs[i % offsetsMs.length] * MS, total));
        }
        return out;
    }

    @Test
    void theCrossingOfAFastStarterAndAJitIsFoundWhereTheAlgebraPutsIt() {
        BreakEven be = BreakEven.of("nbody", "cpython", cpythons(100_000, 10), "pypy", pypys(100_000, 40));
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
        BreakEven swapped = BreakEven.of("nbody", "pypy", pypys(100_000, 40), "cpython", cpythons(100_000, 10));
        assertThat(swapped.overtaker()).isEqualTo("pypy");
        assertThat(swapped.calls()).isCloseTo(be.calls(), within(1e-6));
    }

    @Test
    void aCrossingPastTheMeasuredCallsIsExtrapolatedAtTheSteadyTimeAndSaysSo() {
        // both measured only up to ~500 calls: the crossing at 1,470 comes from the steady tails
        BreakEven be = BreakEven.of("nbody", "cpython", cpythons(500, 10), "pypy", pypys(500, 40));
        assertThat(be.status()).isEqualTo(BreakEven.Status.FOUND);
        assertThat(be.calls()).isCloseTo(39.7 / 0.027, within(0.5));
        assertThat(be.extrapolated()).isTrue();
        assertThat(be.statement()).contains("extrapolated");
    }

    @Test
    void processesWithDifferentStartUpsGiveAnIntervalAndNoVerdictInsideIt() {
        BreakEven be = BreakEven.of("nbody", "cpython", cpythons(100_000, 10, 10.5, 11, 11.5, 12),
                "pypy", pypys(100_000, 40, 41.5, 43, 44.5, 46));
        assertThat(be.status()).isEqualTo(BreakEven.Status.FOUND);
        assertThat(be.pairs()).isEqualTo(25);
        // the pairs cross between 12 vs 40 ms start-up (37.7 / 0.027) and 10 vs 46 ms (45.7 / 0.027); with
        // five a side a verdict needs at most 2 of the 25 pairs the other way (Mann-Whitney, p < 0.05)
        assertThat(be.callsLow()).isGreaterThan(37.7 / 0.027).isLessThan(be.calls());
        assertThat(be.callsHigh()).isLessThan(45.7 / 0.027).isGreaterThan(be.calls());
        assertThat(be.calls()).isCloseTo(41.7 / 0.027, within(0.5));   // the middle pair: 11 vs 43 ms
        assertThat(be.statement()).contains("25 process pairs");
        assertThat(be.pick(1_300).target()).isEqualTo("cpython");
        assertThat(be.pick(be.calls()).target()).isNull();
        assertThat(be.pick(be.calls()).reason()).contains("do not differ significantly");
        assertThat(be.pick(1_800).target()).isEqualTo("pypy");
    }

    @Test
    void tooFewProcessesForAVerdictSaySo() {
        BreakEven be = BreakEven.of("nbody", "cpython", List.of(steadyCurve("cpython", 0, 10 * MS, 30 * US, 100_000)),
                "pypy", List.of(jitCurve(0, 40 * MS, 100_000)));
        assertThat(be.status()).isEqualTo(BreakEven.Status.UNCERTAIN);
        assertThat(be.statement()).contains("too few processes (1 and 1)");
        assertThat(be.pick(10).target()).isNull();
    }

    /** Five steady processes, start-ups offsetMs + 0.1 i, the same time per call. */
    static List<WarmupCurve> five(String target, double offsetMs, double perCallUs, long total) {
        List<WarmupCurve> out = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            out.add(steadyCurve(target, i, (offsetMs + 0.1 * i) * MS, perCallUs * US, total));
        }
        return out;
    }

    @Test
    void curvesThatNeverCrossSayNever() {
        // a JIT that starts slower and is slower per call too: it never pays off
        BreakEven be = BreakEven.of("startup", "cpython", five("cpython", 10, 30, 10_000), "pypy", five("pypy", 40, 36, 10_000));
        assertThat(be.status()).isEqualTo(BreakEven.Status.NEVER);
        assertThat(be.calls()).isNull();
        assertThat(be.statement()).startsWith("never:").contains("cpython is ahead at every process lifetime")
                .contains("pypy never pays off");
        assertThat(be.pick(1).target()).isEqualTo("cpython");
        assertThat(be.pick(1e9).target()).isEqualTo("cpython");
        // and one that is ahead from the first call on never needs a break-even either
        BreakEven ahead = BreakEven.of("x", "cpython", five("cpython", 40, 30, 10_000), "pypy", five("pypy", 10, 3, 10_000));
        assertThat(ahead.status()).isEqualTo(BreakEven.Status.NEVER);
        assertThat(ahead.statement()).contains("pypy is ahead at every process lifetime");
        assertThat(ahead.pick(1).target()).isEqualTo("pypy");
    }

    @Test
    void aCrossingInsideTheProcessesSpreadIsNoVerdict() {
        // steady speeds within each other's spread: against two CPython processes PyPy's tail is
        // slower (it never overtakes them), against three faster (it does, far out)
        List<WarmupCurve> cp = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            cp.add(steadyCurve("cpython", i, (10 + 0.1 * i) * MS, (i < 2 ? 10.0 : 10.2) * US, 10_000));
        }
        BreakEven be = BreakEven.of("float", "cpython", cp, "pypy", five("pypy", 40, 10.05, 10_000));
        assertThat(be.status()).isEqualTo(BreakEven.Status.UNCERTAIN);
        assertThat(be.crossing()).isEqualTo(3 * 5);
        assertThat(be.callsLow()).isPositive();
        assertThat(be.callsHigh()).isNull();
        assertThat(be.statement()).startsWith("no break-even verdict: 15 of 25 process pairs cross for good")
                .contains("inside the processes' spread");
        assertThat(be.pick(100).target()).isEqualTo("cpython");
        assertThat(be.pick(1e8).target()).isNull();
    }

    @Test
    void noCurveOnOneSideIsNoData() {
        BreakEven be = BreakEven.of("nbody", "cpython", List.of(), "pypy", pypys(1000, 40));
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
