package org.benchrig.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap confidence interval for the relative change of the median,
 * median(b) / median(a) - 1: each of {@value #RESAMPLES} rounds resamples a and b with
 * replacement (independently) and takes the ratio of their medians; the interval is the
 * (1 - level) / 2 and (1 + level) / 2 quantiles of those ratios. Seeded: the same samples give the
 * same interval on every machine and every run of the report.
 */
public final class Bootstrap {
    /** Rounds; 2,000 keeps the 95% interval's ends stable to about 0.1 percentage point. */
    public static final int RESAMPLES = 2000;
    /** Fixed seed, so reports and tests are reproducible. */
    public static final long SEED = 0x62656e6368L;   // "bench"

    private Bootstrap() {
    }

    /** A relative change with its interval, all as fractions (0.1 = 10% slower/larger). */
    public record Interval(double change, double low, double high, double level) {
        public boolean excludesZero() {
            return low > 0 || high < 0;
        }
    }

    public static Interval medianRatio(double[] a, double[] b, double level) {
        return medianRatio(a, b, level, RESAMPLES, SEED);
    }

    public static Interval medianRatio(double[] a, double[] b, double level, int resamples, long seed) {
        if (a.length == 0 || b.length == 0) {
            return new Interval(Double.NaN, Double.NaN, Double.NaN, level);
        }
        double change = Summary.of(b).median() / Summary.of(a).median() - 1;
        SplittableRandom random = new SplittableRandom(seed);
        double[] ratios = new double[resamples];
        double[] ra = new double[a.length];
        double[] rb = new double[b.length];
        for (int i = 0; i < resamples; i++) {
            for (int j = 0; j < a.length; j++) {
                ra[j] = a[random.nextInt(a.length)];
            }
            for (int j = 0; j < b.length; j++) {
                rb[j] = b[random.nextInt(b.length)];
            }
            Arrays.sort(ra);
            Arrays.sort(rb);
            ratios[i] = Summary.quantileSorted(rb, 0.5) / Summary.quantileSorted(ra, 0.5) - 1;
        }
        Arrays.sort(ratios);
        return new Interval(change, Summary.quantileSorted(ratios, (1 - level) / 2),
                Summary.quantileSorted(ratios, (1 + level) / 2), level);
    }

    /**
     * The interval of geomean(medians of b) / geomean(medians of a) - 1 over several benchmarks:
     * each round resamples every benchmark's two samples independently, as {@link #medianRatio}
     * does for one. {@code a.get(i)} and {@code b.get(i)} are the same benchmark; none may be empty.
     */
    public static Interval geomeanRatio(java.util.List<double[]> a, java.util.List<double[]> b, double level) {
        if (a.isEmpty() || a.size() != b.size() || a.stream().anyMatch(x -> x.length == 0) || b.stream().anyMatch(x -> x.length == 0)) {
            return new Interval(Double.NaN, Double.NaN, Double.NaN, level);
        }
        SplittableRandom random = new SplittableRandom(SEED);
        double[] ratios = new double[RESAMPLES];
        double logObserved = 0;
        for (int k = 0; k < a.size(); k++) {
            logObserved += Math.log(Summary.of(b.get(k)).median()) - Math.log(Summary.of(a.get(k)).median());
        }
        for (int i = 0; i < RESAMPLES; i++) {
            double log = 0;
            for (int k = 0; k < a.size(); k++) {
                log += Math.log(resampledMedian(b.get(k), random)) - Math.log(resampledMedian(a.get(k), random));
            }
            ratios[i] = Math.exp(log / a.size()) - 1;
        }
        Arrays.sort(ratios);
        return new Interval(Math.exp(logObserved / a.size()) - 1, Summary.quantileSorted(ratios, (1 - level) / 2),
                Summary.quantileSorted(ratios, (1 + level) / 2), level);
    }

    private static double resampledMedian(double[] v, SplittableRandom random) {
        double[] r = new double[v.length];
        for (int j = 0; j < v.length; j++) {
            r[j] = v[random.nextInt(v.length)];
        }
        Arrays.sort(r);
        return Summary.quantileSorted(r, 0.5);
    }

    /** Percentile bootstrap interval of one sample's median (absolute units). */
    public static double[] median(double[] a, double level, int resamples, long seed) {
        if (a.length == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] medians = new double[resamples];
        double[] r = new double[a.length];
        for (int i = 0; i < resamples; i++) {
            for (int j = 0; j < a.length; j++) {
                r[j] = a[random.nextInt(a.length)];
            }
            Arrays.sort(r);
            medians[i] = Summary.quantileSorted(r, 0.5);
        }
        Arrays.sort(medians);
        return new double[] {Summary.quantileSorted(medians, (1 - level) / 2),
                Summary.quantileSorted(medians, (1 + level) / 2)};
    }
}
