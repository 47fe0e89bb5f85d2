package org.benchrig.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One process's cumulative time against the number of calls from process start: at 0 calls the
 * start-up and import (spawn to the first call), then one point after each warm-up value and each
 * value ({@code loops} calls each). Between points the time is interpolated linearly; after the
 * last point the curve goes on at the process's steady time per call (the median of its values),
 * so a break-even beyond the measured calls is found too, and said to be extrapolated.
 *
 * @param target       the host target
 * @param process      the worker process the calls came from
 * @param calls        cumulative calls at each point, from 0, strictly increasing
 * @param ns           cumulative nanoseconds at each point, from the start-up and import
 * @param steadyPerCall the steady time per call past the last point (ns)
 * @param steady       the process reached hostrun.py's steady-state rule before its values
 */
public record WarmupCurve(String target, int process, double[] calls, double[] ns, double steadyPerCall,
                          boolean steady) {

    public WarmupCurve {
        if (calls.length == 0 || calls.length != ns.length || calls[0] != 0) {
            throw new IllegalArgumentException("a curve starts at 0 calls and has one time per point");
        }
        for (int i = 1; i < calls.length; i++) {
            if (!(calls[i] > calls[i - 1]) || ns[i] < ns[i - 1]) {
                throw new IllegalArgumentException("calls must increase and times must not fall, at point " + i);
            }
        }
        if (!(steadyPerCall > 0) || !Double.isFinite(steadyPerCall)) {
            throw new IllegalArgumentException("steady time per call must be > 0, not " + steadyPerCall);
        }
        calls = calls.clone();
        ns = ns.clone();
    }

    /**
     * The curve of a process spawned {@code offsetNs} before its first call, whose values (warm-ups
     * then values, in the order taken) are {@code loopsAndNs} pairs; {@code valuesFrom} is the index
     * of its first value (the steady per-call time is the median of the values from there on).
     */
    public static WarmupCurve of(String target, int process, double offsetNs, List<long[]> loopsAndNs, int valuesFrom,
                                 boolean steady) {
        if (valuesFrom < 0 || valuesFrom >= loopsAndNs.size()) {
            throw new IllegalArgumentException("a curve needs at least one value after its warm-ups");
        }
        double[] calls = new double[loopsAndNs.size() + 1];
        double[] ns = new double[calls.length];
        ns[0] = offsetNs;
        List<Double> perCall = new ArrayList<>();
        for (int i = 0; i < loopsAndNs.size(); i++) {
            long[] v = loopsAndNs.get(i);
            calls[i + 1] = calls[i] + v[0];
            ns[i + 1] = ns[i] + v[1];
            if (i >= valuesFrom) {
                perCall.add((double) v[1] / v[0]);
            }
        }
        return new WarmupCurve(target, process, calls, ns, Summary.of(perCall.stream().mapToDouble(d -> d).toArray()).median(),
                steady);
    }

    /** Cumulative calls at each point (a copy). */
    @Override
    public double[] calls() {
        return calls.clone();
    }

    /** Cumulative ns at each point (a copy). */
    @Override
    public double[] ns() {
        return ns.clone();
    }

    /** Cumulative ns after {@code n} calls (n >= 0): interpolated between points, extrapolated past the last. */
    public double at(double n) {
        int last = calls.length - 1;
        if (n >= calls[last]) {
            return ns[last] + (n - calls[last]) * steadyPerCall;
        }
        int i = Arrays.binarySearch(calls, n);
        if (i >= 0) {
            return ns[i];
        }
        int hi = -i - 1;
        int lo = hi - 1;
        return ns[lo] + (ns[hi] - ns[lo]) * (n - calls[lo]) / (calls[hi] - calls[lo]);
    }

    /** The calls this curve measured (its last point); beyond them it is extrapolated. */
    public double measuredCalls() {
        return calls[calls.length - 1];
    }

    /** The calls this curve needs to reach {@code t} ns (the inverse of {@link #at}); 0 below the start. */
    public double callsAt(double t) {
        int last = calls.length - 1;
        if (t <= ns[0]) {
            return 0;
        }
        if (t >= ns[last]) {
            return calls[last] + (t - ns[last]) / steadyPerCall;
        }
        int hi = 1;
        while (ns[hi] < t) {
            hi++;
        }
        int lo = hi - 1;
        return ns[hi] == ns[lo] ? calls[lo] : calls[lo] + (calls[hi] - calls[lo]) * (t - ns[lo]) / (ns[hi] - ns[lo]);
    }
}
