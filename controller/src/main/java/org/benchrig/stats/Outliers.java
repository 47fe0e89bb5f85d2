package org.benchrig.stats;

import java.util.Arrays;

/**
 * Tukey's fences: a value below Q1 - {@value #K} IQR or above Q3 + {@value #K} IQR is an outlier
 * (quartiles as in {@link Summary}: linear interpolation). Outliers are flagged, never dropped:
 * the median and MAD already resist them.
 */
public final class Outliers {
    public static final double K = 1.5;

    private Outliers() {
    }

    /** One flag per value, in the order given. */
    public static boolean[] flags(double[] values) {
        boolean[] out = new boolean[values.length];
        if (values.length < 4) {
            return out;   // quartiles of fewer than 4 values say nothing
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double q1 = Summary.quantileSorted(sorted, 0.25);
        double q3 = Summary.quantileSorted(sorted, 0.75);
        double iqr = q3 - q1;
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] < q1 - K * iqr || values[i] > q3 + K * iqr;
        }
        return out;
    }

    public static int count(double[] values) {
        int n = 0;
        for (boolean b : flags(values)) {
            n += b ? 1 : 0;
        }
        return n;
    }
}
