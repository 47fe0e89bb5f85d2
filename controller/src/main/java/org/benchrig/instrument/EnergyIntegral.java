package org.benchrig.instrument;

/**
 * Energy, mean and peak current of a window, from power samples: the trapezoid rule over the
 * samples, with power interpolated linearly at the window's two ends.
 *
 * <p>Error: for a signal that is linear between samples the result is exact; a step (a board
 * switching from idle to active) is smeared over at most one sample period, so each step in the
 * window contributes at most {@code period x |step in power| / 2} of error. A square pulse whose
 * edges fall inside the window, sampled at period T, is within {@code T x step} of the truth.
 *
 * @param samplesInside samples strictly inside the window
 */
public record EnergyIntegral(double joules, double averageAmps, double peakAmps, int samplesInside) {

    public static EnergyIntegral of(Samples s, long from, long to) {
        if (to <= from) {
            throw new IllegalArgumentException("empty window " + from + ".." + to);
        }
        int n = s.size();
        if (n == 0) {
            return new EnergyIntegral(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        long[] t = s.nanos();
        double energy = 0;  // joules
        double charge = 0;  // coulombs
        double peak = Double.NEGATIVE_INFINITY;
        int inside = 0;
        // points: (from, interpolated), every sample strictly inside, (to, interpolated)
        long prevT = from;
        double prevW = at(t, s.watts(), from);
        double prevA = at(t, s.amps(), from);
        peak = Math.max(peak, prevA);
        for (int i = 0; i < n; i++) {
            if (t[i] <= from || t[i] >= to) {
                continue;
            }
            inside++;
            double dt = (t[i] - prevT) * 1e-9;
            energy += dt * (prevW + s.watts()[i]) / 2;
            charge += dt * (prevA + s.amps()[i]) / 2;
            prevT = t[i];
            prevW = s.watts()[i];
            prevA = s.amps()[i];
            peak = Math.max(peak, prevA);
        }
        double endW = at(t, s.watts(), to);
        double endA = at(t, s.amps(), to);
        double dt = (to - prevT) * 1e-9;
        energy += dt * (prevW + endW) / 2;
        charge += dt * (prevA + endA) / 2;
        peak = Math.max(peak, endA);
        return new EnergyIntegral(energy, charge / ((to - from) * 1e-9), peak, inside);
    }

    /** Linear interpolation; constant beyond the first and last sample. */
    static double at(long[] t, double[] v, long x) {
        int n = t.length;
        if (x <= t[0]) {
            return v[0];
        }
        if (x >= t[n - 1]) {
            return v[n - 1];
        }
        int lo = 0;
        int hi = n - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (t[mid] <= x) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        if (t[hi] == t[lo]) {
            return v[lo];
        }
        double f = (double) (x - t[lo]) / (t[hi] - t[lo]);
        return v[lo] + f * (v[hi] - v[lo]);
    }
}
