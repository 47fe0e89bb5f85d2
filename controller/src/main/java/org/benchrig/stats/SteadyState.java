package org.benchrig.stats;

import java.util.Arrays;
import java.util.List;

/**
 * The steady-state rule for warm host samples, as firmware-scripts/harness/hostrun.py applies it
 * (that file is authoritative; a test checks these constants against it): warm-up repetitions run
 * until the last {@value #WINDOW} warm-up times satisfy (max - min) / median &lt;= {@value #SPREAD}
 * (median = the middle of the sorted window), or until {@value #MAX_WARMUPS} warm-ups or
 * {@value #MAX_WARMUP_SECONDS} s, whichever comes first; a warm-up that fails ends warm-up. Only then
 * are the warm repetitions measured. A process that hit a limit reports steady=0, and its warm
 * numbers carry the caveat "steady state not reached".
 */
public final class SteadyState {
    public static final int WINDOW = 5;
    public static final double SPREAD = 0.05;
    public static final int MAX_WARMUPS = 30;
    public static final double MAX_WARMUP_SECONDS = 10.0;

    private SteadyState() {
    }

    public static boolean reached(List<Long> times) {
        if (times.size() < WINDOW) {
            return false;
        }
        long[] w = times.subList(times.size() - WINDOW, times.size()).stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(w);
        long med = w[w.length / 2];
        if (med <= 0) {
            return true;
        }
        return (double) (w[w.length - 1] - w[0]) / med <= SPREAD;
    }
}
