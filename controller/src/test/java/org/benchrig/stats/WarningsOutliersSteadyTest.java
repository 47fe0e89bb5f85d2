package org.benchrig.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.benchrig.cli.CliHarness;
import org.junit.jupiter.api.Test;

/** pyperf-style warnings, Tukey outlier flags, and the steady-state rule mirrored from hostrun.py. */
class WarningsOutliersSteadyTest {

    @Test
    void warnsAboutTooFewSamplesSpreadAndShortValues() {
        assertThat(Warnings.of(new double[] {2e6, 2e6, 2e6})).singleElement().asString().startsWith("too few samples: 3");
        assertThat(Warnings.of(new double[] {2e6, 2.01e6, 1.99e6, 2e6, 2.02e6})).isEmpty();
        // statistics.stdev([2,2,2,3]) / statistics.mean([2,2,2,3]) = 0.2222: above 10%
        assertThat(Warnings.of(new double[] {2e6, 2e6, 2e6, 3e6})).singleElement().asString().startsWith("unstable: spread (stdev/mean) 22.2%");
        assertThat(Warnings.of(new double[] {9e5, 9e5, 9e5, 9e5})).singleElement().asString().contains("under 1 ms");
    }

    @Test
    void aHostsShortCallsInLongCalibratedValuesAreNotTooShort() {
        // 3 us per call, 32768 calls a value: each timed value lasted 98 ms, far above the timer's noise
        java.util.List<org.benchrig.result.Measurement> warm = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            warm.add(new org.benchrig.result.Measurement("w" + i, 1, "cpython", "b", "s", i,
                    org.benchrig.result.Mode.WARM, 3000L, null, null, "1", org.benchrig.result.Outcome.ok(),
                    java.time.Instant.EPOCH, null, org.benchrig.result.HostValue.warm(32768, 0, 5, true, 98_304_000L)));
        }
        double[] perCall = {3000, 3000, 3000, 3000};
        assertThat(Warnings.of(perCall, Comparison.timed(warm))).isEmpty();
        // judged per call, as before, they would be flagged
        assertThat(Warnings.of(perCall)).singleElement().asString().contains("under 1 ms");
    }

    @Test
    void outliersAreOutsideTukeyFencesAsNumpyPercentilesPlaceThem() {
        // numpy: q1, q3 = np.percentile(v, [25, 75]) -> 1000.25, 1012.75; fences q1 - 1.5 iqr, q3 + 1.5 iqr
        boolean[] f = Outliers.flags(new double[] {1021, 1003, 998, 1010, 1500, 1001, 1007, 900});
        assertThat(f).containsExactly(false, false, false, false, true, false, false, true);
        assertThat(Outliers.count(new double[] {5, 5, 5})).isZero();
    }

    @Test
    void steadyStateRuleMatchesHostrunPy() throws Exception {
        List<List<Double>> series = List.of(
                List.of(100.0, 101.0, 99.0, 100.0, 102.0, 100.0),      // flat: steady
                List.of(300.0, 200.0, 150.0, 120.0, 110.0, 105.0),     // a JIT still speeding up: not steady
                List.of(100.0, 101.0, 102.0, 103.0, 104.0, 105.0),     // a 1 % per value drift: not steady
                List.of(100.0, 130.0, 85.0, 120.0, 90.0, 115.0),       // noise, no trend: steady
                List.of(100.0, 100.0, 100.0, 100.0));                  // window not full
        List<Boolean> java = series.stream().map(s -> SteadyState.reached(s, 3, 0.03)).toList();
        assertThat(java).containsExactly(true, false, false, true, false);
        String calls = series.stream().map(s -> "print(int(hostrun.steady(" + s + ", 3, 0.03)))")
                .reduce((a, b) -> a + "\n" + b).orElseThrow();
        Process p = new ProcessBuilder("python3", "-c", "import sys; sys.path.insert(0, sys.argv[1]); import hostrun\n" + calls,
                CliHarness.REPO.resolve("firmware-scripts/harness").toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out.lines().map("1"::equals).toList()).isEqualTo(java);
    }

    @Test
    void noiseFloorWithinRunIsThreeRobustCvs() {
        // MAD of {100,101,99,100,102} = 1, median 100 -> robust CV 1.4826%, x3 = 4.4478%
        assertThat(NoiseFloor.withinRun(new double[] {100, 101, 99, 100, 102}, new double[] {5, 5, 5, 5}))
                .isCloseTo(0.044478, org.assertj.core.api.Assertions.within(1e-9));
    }
}
