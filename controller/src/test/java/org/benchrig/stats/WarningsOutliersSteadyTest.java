package org.benchrig.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
    void outliersAreOutsideTukeyFencesAsNumpyPercentilesPlaceThem() {
        // numpy: q1, q3 = np.percentile(v, [25, 75]) -> 1000.25, 1012.75; fences q1 - 1.5 iqr, q3 + 1.5 iqr
        boolean[] f = Outliers.flags(new double[] {1021, 1003, 998, 1010, 1500, 1001, 1007, 900});
        assertThat(f).containsExactly(false, false, false, false, true, false, false, true);
        assertThat(Outliers.count(new double[] {5, 5, 5})).isZero();
    }

    @Test
    void steadyStateRuleMatchesHostrunPy() throws Exception {
        String py = Files.readString(CliHarness.REPO.resolve("firmware-scripts/harness/hostrun.py"));
        assertThat(py).contains("STEADY_WINDOW = " + SteadyState.WINDOW + "\n",
                "STEADY_SPREAD = " + SteadyState.SPREAD + "\n",
                "'--warmup-max', type=int, default=" + SteadyState.MAX_WARMUPS + ")",
                "'--warmup-seconds', type=float, default=" + SteadyState.MAX_WARMUP_SECONDS + ")");
        assertThat(SteadyState.reached(List.of(100L, 200L, 100L, 101L, 102L, 100L))).isFalse();
        assertThat(SteadyState.reached(List.of(300L, 100L, 101L, 104L, 102L, 100L))).isTrue();   // 4/101 <= 5%
        assertThat(SteadyState.reached(List.of(100L, 101L, 106L, 102L, 100L))).isFalse();         // 6/101 > 5%
        assertThat(SteadyState.reached(List.of(100L, 100L, 100L, 100L))).isFalse();               // window not full
    }

    @Test
    void noiseFloorWithinRunIsThreeRobustCvs() {
        // MAD of {100,101,99,100,102} = 1, median 100 -> robust CV 1.4826%, x3 = 4.4478%
        assertThat(NoiseFloor.withinRun(new double[] {100, 101, 99, 100, 102}, new double[] {5, 5, 5, 5}))
                .isCloseTo(0.044478, org.assertj.core.api.Assertions.within(1e-9));
    }
}
