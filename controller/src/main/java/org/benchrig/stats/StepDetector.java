package org.benchrig.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.benchrig.config.StatsSettings;

/**
 * Finds steps (changepoints) in a nightly history of one benchmark x target x mode, by binary
 * segmentation with a minimum segment length, not by run-to-run deltas.
 *
 * <ol>
 * <li>Each night is reduced to the median of its repetitions.</li>
 * <li>In a segment of at least 2 m nights (m = {@code stats.min_segment_nights}, default 3), the
 *     candidate split is the one with the least L1 cost: the sum of absolute deviations of the
 *     nightly medians from their segment's median, left plus right. Medians and absolute
 *     deviations keep one wild night from pulling the split; the cost is lowest at the true step.</li>
 * <li>The split is a step when (a) the median of the right segment's nightly medians differs from
 *     the left's by more than max(threshold, {@value NoiseFloor#WITHIN_RUN_FACTOR} x the segment's
 *     night-to-night noise, see {@link #nightNoise}), (b) the Mann-Whitney test of the pooled raw
 *     repetitions left vs right has p below the level, and (c) the step's night is nearer the new
 *     level and the night before nearer the old one.</li>
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
        double[] medians = nights.stream().mapToDouble(Night::median).toArray();
        List<Integer> splits = new ArrayList<>();
        search(nights, medians, 0, nights.size(), settings, splits);
        splits.sort(Integer::compare);
        // each step's before and after levels come from its neighbouring segments, not the mixtures searched
        List<Step> out = new ArrayList<>();
        for (int i = 0; i < splits.size(); i++) {
            int k = splits.get(i);
            int from = i == 0 ? 0 : splits.get(i - 1);
            int to = i == splits.size() - 1 ? nights.size() : splits.get(i + 1);
            double before = Summary.of(Arrays.copyOfRange(medians, from, k)).median();
            double after = Summary.of(Arrays.copyOfRange(medians, k, to)).median();
            double p = MannWhitney.test(pool(nights, from, k), pool(nights, k, to)).p();
            out.add(new Step(k, nights.get(k), before, after, after / before - 1, p));
        }
        return out;
    }

    private static void search(List<Night> nights, double[] med, int lo, int hi, StatsSettings s, List<Integer> out) {
        int m = s.minSegment();
        if (hi - lo < 2 * m) {
            return;
        }
        int best = -1;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int k = lo + m; k <= hi - m; k++) {
            double cost = l1(Arrays.copyOfRange(med, lo, k)) + l1(Arrays.copyOfRange(med, k, hi));
            if (cost < bestCost * (1 - 1e-12)) {
                bestCost = cost;
                best = k;
            }
        }
        double before = Summary.of(Arrays.copyOfRange(med, lo, best)).median();
        double after = Summary.of(Arrays.copyOfRange(med, best, hi)).median();
        double change = after / before - 1;
        double limit = Math.max(s.thresholdPercent() / 100, NoiseFloor.WITHIN_RUN_FACTOR * nightNoise(med, lo, hi));
        double p = MannWhitney.test(pool(nights, lo, best), pool(nights, best, hi)).p();
        // the step's own night must sit at the new level and the night before at the old one,
        // else the split is a majority vote over a mixed segment (e.g. 1 old + 2 new nights)
        boolean clean = Math.abs(med[best] - after) < Math.abs(med[best] - before)
                && Math.abs(med[best - 1] - before) < Math.abs(med[best - 1] - after);
        if (Math.abs(change) > limit && p < s.level() && clean) {
            out.add(best);
            search(nights, med, lo, best, s, out);
            search(nights, med, best, hi, s, out);
        }
    }

    /**
     * Night-to-night noise of a segment, relative to its median: the median absolute difference of
     * consecutive nightly medians x 1.0483 (= 1 / (0.6745 sqrt 2), a standard deviation for normal
     * noise). A step changes one difference only, so it does not inflate this estimate.
     */
    static double nightNoise(double[] med, int lo, int hi) {
        double[] d = new double[hi - lo - 1];
        for (int i = lo; i < hi - 1; i++) {
            d[i - lo] = Math.abs(med[i + 1] - med[i]);
        }
        double level = Summary.of(Arrays.copyOfRange(med, lo, hi)).median();
        return level == 0 ? 0 : 1.0483 * Summary.of(d).median() / Math.abs(level);
    }

    /** Sum of absolute deviations from the median: the L1 cost of a segment. */
    static double l1(double[] v) {
        double med = Summary.of(v).median();
        double sum = 0;
        for (double x : v) {
            sum += Math.abs(x - med);
        }
        return sum;
    }

    private static double[] pool(List<Night> nights, int from, int to) {
        return nights.subList(from, to).stream().flatMapToDouble(n -> Arrays.stream(n.values())).toArray();
    }
}
