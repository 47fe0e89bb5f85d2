package org.benchrig.stats;

import java.util.Arrays;

/**
 * Two-sided Mann-Whitney U test (Wilcoxon rank-sum) of "the two samples come from the same
 * distribution", without assuming normality: timings are skewed and have outliers.
 *
 * <p>p-value: when C(n1+n2, n1) is at most {@value #EXACT_LIMIT}, the exact permutation
 * distribution of U over all splits of the pooled (mid-ranked) values, which is also exact with
 * ties (scipy's method="exact" gives the same p without ties). Otherwise the normal approximation
 * with tie correction and continuity correction, as scipy.stats.mannwhitneyu(method="asymptotic",
 * use_continuity=True).
 *
 * @param u1 U of the first sample: pairs (x, y) with x &gt; y, plus half the ties
 * @param p  two-sided p-value, 1.0 when a sample is empty
 */
public record MannWhitney(double u1, double p, boolean exact) {

    /** Above this many splits the normal approximation is used (C(20,10) = 184,756 fits). */
    static final long EXACT_LIMIT = 200_000;

    public static MannWhitney test(double[] x, double[] y) {
        int n1 = x.length;
        int n2 = y.length;
        if (n1 == 0 || n2 == 0) {
            return new MannWhitney(Double.NaN, 1.0, false);
        }
        int n = n1 + n2;
        double[] pooled = new double[n];
        System.arraycopy(x, 0, pooled, 0, n1);
        System.arraycopy(y, 0, pooled, n1, n2);
        double[] ranks = midRanks(pooled);
        double r1 = 0;
        for (int i = 0; i < n1; i++) {
            r1 += ranks[i];
        }
        double u1 = r1 - n1 * (n1 + 1) / 2.0;
        if (binomial(n, n1) <= EXACT_LIMIT) {
            return new MannWhitney(u1, exactP(ranks, n1, u1), true);
        }
        double mu = n1 * (double) n2 / 2.0;
        double tieSum = 0;
        double[] sorted = pooled.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < n; ) {
            int j = i;
            while (j < n && sorted[j] == sorted[i]) {
                j++;
            }
            double t = j - i;
            tieSum += t * t * t - t;
            i = j;
        }
        double variance = n1 * (double) n2 / 12.0 * ((n + 1) - tieSum / (n * (double) (n - 1)));
        if (variance <= 0) {
            return new MannWhitney(u1, 1.0, false);
        }
        double u = Math.max(u1, n1 * (double) n2 - u1);
        double z = (u - mu - 0.5) / Math.sqrt(variance);
        double p = Math.min(1.0, 2 * Normal.upperTail(z));
        return new MannWhitney(u1, p, false);
    }

    /** P(|U - mu| >= |u1 - mu|) over every way to pick n1 of the pooled ranks. */
    private static double exactP(double[] ranks, int n1, double u1) {
        int n = ranks.length;
        double mu = n1 * (double) (n - n1) / 2.0;
        double observed = Math.abs(u1 - mu) - 1e-9;
        long[] counts = new long[2];   // [as extreme, total]
        enumerate(ranks, n1, 0, 0, 0.0, observed, mu, n1, counts);
        return Math.min(1.0, counts[0] / (double) counts[1]);
    }

    private static void enumerate(double[] ranks, int k, int start, int chosen, double sum, double observed,
                                  double mu, int n1, long[] counts) {
        if (chosen == k) {
            double u = sum - n1 * (n1 + 1) / 2.0;
            counts[1]++;
            if (Math.abs(u - mu) >= observed) {
                counts[0]++;
            }
            return;
        }
        for (int i = start; i <= ranks.length - (k - chosen); i++) {
            enumerate(ranks, k, i + 1, chosen + 1, sum + ranks[i], observed, mu, n1, counts);
        }
    }

    /** Ranks 1..n, ties get the mean of the ranks they span. */
    static double[] midRanks(double[] values) {
        int n = values.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double[] ranks = new double[n];
        for (int i = 0; i < n; ) {
            int j = i;
            while (j < n && values[order[j]] == values[order[i]]) {
                j++;
            }
            double mid = (i + 1 + j) / 2.0;
            for (int k = i; k < j; k++) {
                ranks[order[k]] = mid;
            }
            i = j;
        }
        return ranks;
    }

    static long binomial(int n, int k) {
        long r = 1;
        for (int i = 1; i <= k; i++) {
            r = r * (n - k + i) / i;
            if (r > Long.MAX_VALUE / (n + 1)) {
                return Long.MAX_VALUE;
            }
        }
        return r;
    }
}
