package org.benchrig.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.benchrig.config.StatsSettings;
import org.junit.jupiter.api.Test;

/** Step detection on synthetic nightly histories (5 repetitions a night, seeded noise). */
class StepDetectorTest {
    static final StatsSettings SETTINGS = StatsSettings.DEFAULT;   // level 0.05, threshold 2%, 3 nights

    /** levels[i] = the true time of night i; noise = relative spread of repetitions and of nights. */
    static List<StepDetector.Night> history(double[] levels, double noise, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<StepDetector.Night> out = new ArrayList<>();
        for (int i = 0; i < levels.length; i++) {
            double night = levels[i] * (1 + noise * (r.nextDouble() - 0.5));
            double[] v = new double[5];
            for (int j = 0; j < 5; j++) {
                v[j] = night * (1 + noise / 2 * (r.nextDouble() - 0.5));
            }
            out.add(new StepDetector.Night(100 + i, Instant.parse("2026-11-01T02:00:00Z").plusSeconds(86400L * i), v));
        }
        return out;
    }

    static double[] levels(int n, double base) {
        double[] l = new double[n];
        java.util.Arrays.fill(l, base);
        return l;
    }

    @Test
    void aStepIsFoundAtTheNightItHappenedAndAnOutlierNightIsIgnored() {
        double[] l = levels(20, 1_000_000);
        for (int i = 12; i < 20; i++) {
            l[i] = 1_080_000;        // 8% slower from night 12 on
        }
        l[5] = 1_300_000;            // one wild night (30%)
        List<StepDetector.Step> steps = StepDetector.detect(history(l, 0.02, 7), SETTINGS);
        assertThat(steps).singleElement().satisfies(s -> {
            assertThat(s.index()).isEqualTo(12);
            assertThat(s.night().runId()).isEqualTo(112);
            assertThat(s.change()).isBetween(0.06, 0.10);
            assertThat(s.p()).isLessThan(0.05);
        });
    }

    @Test
    void aSingleNoisyNightRaisesNothing() {
        for (int outlierAt : new int[] {0, 7, 19}) {
            double[] l = levels(20, 2_000_000);
            l[outlierAt] = 3_000_000;
            assertThat(StepDetector.detect(history(l, 0.03, outlierAt), SETTINGS)).as("outlier at %d", outlierAt).isEmpty();
        }
    }

    @Test
    void aStepIsReportedOnceItsNewLevelHeldMinSegmentNights() {
        double[] l = levels(13, 500_000);
        l[10] = l[11] = l[12] = 550_000;   // the last three nights are 10% slower
        assertThat(StepDetector.detect(history(l, 0.01, 3), SETTINGS)).extracting(StepDetector.Step::index).containsExactly(10);
        // two nights at the new level are not yet a step (they could be two noisy nights)
        assertThat(StepDetector.detect(history(java.util.Arrays.copyOf(l, 12), 0.01, 3), SETTINGS)).isEmpty();
    }

    @Test
    void twoStepsAreBothFound() {
        double[] l = levels(24, 1_000_000);
        for (int i = 8; i < 24; i++) {
            l[i] = 1_100_000;
        }
        for (int i = 16; i < 24; i++) {
            l[i] = 950_000;
        }
        assertThat(StepDetector.detect(history(l, 0.01, 11), SETTINGS)).extracting(StepDetector.Step::index).containsExactly(8, 16);
    }
}
