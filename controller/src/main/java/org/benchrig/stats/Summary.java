package org.benchrig.stats;

import java.util.Arrays;
import java.util.Locale;

/**
 * Robust summary of repeated measurements of one thing.
 *
 * @param n      number of values
 * @param median middle value; mean of the two middle values for even n
 * @param min    smallest value
 * @param max    largest value
 * @param mad    median absolute deviation from the median, unscaled (no 1.4826 factor)
 * @param iqr    75th minus 25th percentile, both by linear interpolation between closest ranks
 *               (numpy's default "linear" method, Hyndman-Fan type 7)
 * @param cv     coefficient of variation: sample standard deviation (n - 1) / mean;
 *               NaN for n &lt; 2 or a zero mean
 */
public record Summary(int n, double median, double min, double max, double mad, double iqr,
                      double cv) {

    private static final Summary EMPTY =
            new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /** Summarizes {@code values} (not changed); empty gives n = 0 and NaN everywhere else. */
    public static Summary of(double[] values) {
        int n = values.length;
        if (n == 0) {
            return EMPTY;
        }
        double[] sorted = values.clone();
        for (double v : sorted) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("not a finite value: " + v);
            }
        }
        Arrays.sort(sorted);
        double median = quantileSorted(sorted, 0.5);

        double[] deviations = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            deviations[i] = Math.abs(sorted[i] - median);
            sum += sorted[i];
        }
        Arrays.sort(deviations);
        double mad = quantileSorted(deviations, 0.5);

        double iqr = quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25);

        double cv = Double.NaN;
        double mean = sum / n;
        if (n >= 2 && mean != 0) {
            double squares = 0;
            for (double v : sorted) {
                double d = v - mean;
                squares += d * d;
            }
            cv = Math.sqrt(squares / (n - 1)) / mean;
        }
        return new Summary(n, median, sorted[0], sorted[n - 1], mad, iqr, cv);
    }

    /**
     * Quantile {@code p} (0..1) of ascending {@code sorted} values by linear interpolation between
     * closest ranks: h = (n - 1) p, x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]).
     */
    public static double quantileSorted(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        if (p < 0 || p > 1) {
            throw new IllegalArgumentException("quantile outside 0..1: " + p);
        }
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        if (lo >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        double fraction = h - lo;
        return sorted[lo] + fraction * (sorted[lo + 1] - sorted[lo]);
    }

    /** MAD relative to the median, in percent, or NaN when there is no median or it is zero. */
    public double spreadRatioPercent() {
        return n == 0 || median == 0 ? Double.NaN : Math.abs(mad / median) * 100;
    }

    /** Spread for tables: MAD / median as "±1.3%" (one decimal), or "±?" when it has no meaning. */
    public String spreadPercent() {
        double percent = spreadRatioPercent();
        return Double.isNaN(percent) ? "±?" : String.format(Locale.ROOT, "±%.1f%%", percent);
    }
}
