package org.benchrig.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * pyperf-style warnings about a sample of times (nanoseconds), printed beside its numbers.
 * pyperf warns when the standard deviation exceeds 10% of the mean and when the shortest value is
 * under 1 ms; the sample-size rule here comes from the Mann-Whitney test this rig uses.
 */
public final class Warnings {
    /**
     * Fewer values cannot give a verdict: with 3 values per side the smallest two-sided exact
     * Mann-Whitney p is 2/20 = 0.10, above any usual level; with 4 it is 2/70 = 0.029.
     */
    public static final int MIN_SAMPLES = 4;
    /** Coefficient of variation (sample stdev / mean) above this is "unstable" (pyperf: 10%). */
    public static final double MAX_CV = 0.10;
    /** A shortest value under 1 ms is dominated by timer resolution and start-up noise (pyperf). */
    public static final double MIN_VALUE_NS = 1_000_000;

    private Warnings() {
    }

    /** Warnings about times that are each one timed value. */
    public static List<String> of(double[] timesNs) {
        return of(timesNs, timesNs);
    }

    /**
     * Warnings about {@code timesNs}; the 1 ms rule looks at {@code timedNs}, how long each timed
     * stretch lasted (a host's calibrated value of many calls, not the time per call).
     */
    public static List<String> of(double[] timesNs, double[] timedNs) {
        List<String> out = new ArrayList<>();
        Summary s = Summary.of(timesNs);
        if (s.n() < MIN_SAMPLES) {
            out.add(String.format(Locale.ROOT, "too few samples: %d (at least %d for a verdict)", s.n(), MIN_SAMPLES));
        }
        if (s.n() >= 2 && s.cv() > MAX_CV) {
            out.add(String.format(Locale.ROOT, "unstable: spread (stdev/mean) %.1f%% is above %.0f%%",
                    s.cv() * 100, MAX_CV * 100));
        }
        double shortest = java.util.Arrays.stream(timedNs).min().orElse(Double.NaN);
        if (shortest < MIN_VALUE_NS) {
            out.add(String.format(Locale.ROOT, "shortest value %.3f ms is under 1 ms: timer and start-up noise weigh in",
                    shortest / 1e6));
        }
        return out;
    }
}
