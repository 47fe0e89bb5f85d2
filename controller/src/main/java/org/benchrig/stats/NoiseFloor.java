package org.benchrig.stats;

import java.util.Arrays;

/**
 * How much a target's medians move between runs when nothing about it changed: the smallest
 * change a verdict may claim on that target. MicroPython on a board (or QEMU with -icount) repeats
 * within about 0.15%; desktop interpreters move by several percent with host load. One threshold
 * cannot serve both, so every comparison uses max(threshold, floor(target, mode)).
 *
 * <p>floor = max(within-run, between-run):
 * <ul>
 * <li>within-run: {@value #WITHIN_RUN_FACTOR} x the larger robust CV (1.4826 MAD / median) of the
 *     two samples being compared;</li>
 * <li>between-run: from the store, over pairs of consecutive done runs before the newer run where
 *     the target's build (interpreter, version, executable, firmware hash) and the benchmark's
 *     source hash and parameters are unchanged, the {@value #PERCENTILE} quantile of
 *     |median_new / median_old - 1|. With fewer than {@value #MIN_PAIRS} such values the default
 *     applies: {@value #HOST_DEFAULT} for hosts, 0 for boards. The store is read by
 *     {@code history.BetweenRunNoise}; this class is the arithmetic.</li>
 * </ul>
 */
public final class NoiseFloor {
    public static final double WITHIN_RUN_FACTOR = 3.0;
    /** 1.4826 MAD estimates the standard deviation of normal data. */
    public static final double MAD_TO_SIGMA = 1.4826;
    public static final double PERCENTILE = 0.9;
    public static final int MIN_PAIRS = 3;
    /** Desktop baselines move by several percent between runs on a shared machine (issue 8). */
    public static final double HOST_DEFAULT = 0.05;

    private NoiseFloor() {
    }

    public static double withinRun(double[] a, double[] b) {
        return WITHIN_RUN_FACTOR * Math.max(robustCv(a), robustCv(b));
    }

    static double robustCv(double[] v) {
        Summary s = Summary.of(v);
        return s.n() < 2 || s.median() == 0 ? 0 : MAD_TO_SIGMA * s.mad() / Math.abs(s.median());
    }

    /** The floor to use for a target without enough history. */
    public static double defaultFor(String kind) {
        return "host".equals(kind) ? HOST_DEFAULT : 0.0;
    }

    static double[] sorted(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s;
    }
}
