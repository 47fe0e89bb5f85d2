package org.benchrig.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.benchrig.config.StatsSettings;

/**
 * Finds steps (changepoints) in a nightly history of one benchmark x target x mode, by binary
 * segmentation with a minimum segment length, not by run-to-run deltas.
 *
 * <ol>
 * <li>Each night is reduced to the median of its repetitions.</li>
 * <li>In a segment of at least 2 m nights (m = {@code stats.min_segment_nights}, default 3), the
 *     candidate split is the one maximising the standardised Mann-Whitney statistic of the nightly
 *     medians left vs right: a rank statistic, so one wild night cannot pull it, and it peaks at the
 *     true step, not one night early or late.</li>
 * <li>The split is a step when (a) the median of the right segment's nightly medians differs from
 *     the left's by more than max(threshold, {@value NoiseFloor#WITHIN_RUN_FACTOR} x the robust
 *     night-to-night CV inside the two segments), and (b) the Mann-Whitney test of the pooled raw
 *     repetitions left vs right has p below the level.</li>
 * <li>Found steps split the segment and both halves are searched again.</li>
 * </ol>
 * A single noisy night cannot make a segment of its own (it is shorter than m) and moves no
 * median, so it raises nothing. A real step is reported at the night it happened, once m nights
 * at the new level exist: alerts come m - 1 nights after the step and name the step's night.
 */
public final class StepDetector {

    /** One night: its run and its repetitions. */
    public record Night(long runId, java.time.Instant at, double[] values) {
        double median() {
            return Summary.of(values).median();
        }
    }

    /** A step at {@code index} (the first night at the new level). */
    public record Step(int index, Night night, double before, double after, double change, double p) {
    }

    private StepDetector() {
    }

    public static List<Step> detect(List<Night> nights, StatsSettings settings) {
        List<Step> out = new ArrayList<>();
        double[] medians = nights.stream().mapToDouble(Night::median).toArray();
        search(nights, medians, 0, nights.size(), settings, out);
        out.sort(Comparator.comparingInt(Step::index));
        return out;
    }

    private static void search(List<Night> nights, double[] med, int lo, int hi, StatsSettings s, List<Step> out) {
        int m = s.minSegment();
        if (hi - lo < 2 * m) {
            return;
        }
        int best = -1;
        double bestZ = -1;
        for (int k = lo + m; k <= hi - m; k++) {
            double z = Math.abs(rankZ(Arrays.copyOfRange(med, lo, k), Arrays.copyOfRange(med, k, hi)));
            if (z > bestZ + 1e-12) {
                bestZ = z;
                best = k;
            }
        }
        double[] left = Arrays.copyOfRange(med, lo, best);
        double[] right = Arrays.copyOfRange(med, best, hi);
        double before = Summary.of(left).median();
        double after = Summary.of(right).median();
        double change = after / before - 1;
        double limit = Math.max(s.thresholdPercent() / 100,
                NoiseFloor.WITHIN_RUN_FACTOR * Math.max(NoiseFloor.robustCv(left), NoiseFloor.robustCv(right)));
        double p = MannWhitney.test(pool(nights, lo, best), pool(nights, best, hi)).p();
        if (Math.abs(change) > limit && p < s.level()) {
            out.add(new Step(best, nights.get(best), before, after, change, p));
            search(nights, med, lo, best, s, out);
            search(nights, med, best, hi, s, out);
        }
    }

    /** (U - n1 n2 / 2) / sqrt(n1 n2 (n + 1) / 12): how far apart the ranks of left and right are. */
    static double rankZ(double[] left, double[] right) {
        double[] pooled = new double[left.length + right.length];
        System.arraycopy(left, 0, pooled, 0, left.length);
        System.arraycopy(right, 0, pooled, left.length, right.length);
        double[] ranks = MannWhitney.midRanks(pooled);
        double r1 = 0;
        for (int i = 0; i < left.length; i++) {
            r1 += ranks[i];
        }
        double n1 = left.length;
        double n2 = right.length;
        double u = r1 - n1 * (n1 + 1) / 2;
        return (u - n1 * n2 / 2) / Math.sqrt(n1 * n2 * (n1 + n2 + 1) / 12);
    }

    private static double[] pool(List<Night> nights, int from, int to) {
        return nights.subList(from, to).stream().flatMapToDouble(n -> Arrays.stream(n.values())).toArray();
    }
}
