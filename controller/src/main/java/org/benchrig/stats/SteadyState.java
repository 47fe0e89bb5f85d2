package org.benchrig.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The steady-state rule of warm host values, as firmware-scripts/harness/hostrun.py applies it
 * (that file is authoritative; a test runs both on the same series): over the per-call times of the
 * last 2W warm-up values, a Theil-Sen line is fitted; with allowed = max(tolerance x the newer
 * half's median, 3 x the median absolute residual from the line), the process is steady when the
 * medians of the two halves differ by at most allowed and the line's rise over the window is at
 * most allowed. A JIT still speeding up and a slow drift fail it; noise without a trend passes (and
 * shows as spread). Warm-up that hits its cap in seconds ends unsteady, and its host gets no warm
 * verdict.
 */
public final class SteadyState {
    /** How many times the residual noise a change may be and still count as noise. */
    public static final double NOISE_FACTOR = 3;
    /** A change within 3 % of the newer median (or within the noise) is steady. */
    public static final double TOLERANCE = 0.03;

    private SteadyState() {
    }

    /** The rule in words, for reports (W is the host protocol's warm-up window). */
    public static String describe() {
        return "warm-up values (calibrated loops) until, over the last 2W per-call times, the medians of the newer and "
                + "older W and the Theil-Sen rise across them are both within max(" + Math.round(TOLERANCE * 100)
                + "% of the newer median, " + (int) NOISE_FACTOR + "x the median absolute residual); a warm-up that "
                + "reaches its cap in seconds ends unsteady and its host gets no warm verdict";
    }

    public static boolean reached(List<Double> perCall, int window, double tolerance) {
        if (perCall.size() < 2 * window) {
            return false;
        }
        double[] w = perCall.subList(perCall.size() - 2 * window, perCall.size()).stream()
                .mapToDouble(Double::doubleValue).toArray();
        int n = w.length;
        double older = median(Arrays.copyOfRange(w, 0, window));
        double newer = median(Arrays.copyOfRange(w, window, n));
        if (newer <= 0) {
            return false;
        }
        List<Double> slopes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                slopes.add((w[j] - w[i]) / (j - i));
            }
        }
        double slope = median(slopes.stream().mapToDouble(Double::doubleValue).toArray());
        double[] base = new double[n];
        for (int x = 0; x < n; x++) {
            base[x] = w[x] - slope * x;
        }
        double b = median(base);
        double[] res = new double[n];
        for (int x = 0; x < n; x++) {
            res[x] = Math.abs(w[x] - b - slope * x);
        }
        double allowed = Math.max(tolerance * newer, NOISE_FACTOR * median(res));
        return Math.abs(newer - older) <= allowed && Math.abs(slope) * (n - 1) <= allowed;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
