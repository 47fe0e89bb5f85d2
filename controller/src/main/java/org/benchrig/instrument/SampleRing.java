package org.benchrig.instrument;

import java.util.Arrays;

/** A fixed ring of timestamped samples; the oldest are overwritten. Thread-safe. */
public final class SampleRing {
    private final long[] t;
    private final float[] amps;
    private final float[] watts;
    private final boolean[] overflow;
    private long written;

    public SampleRing(int capacity) {
        t = new long[capacity];
        amps = new float[capacity];
        watts = new float[capacity];
        overflow = new boolean[capacity];
    }

    public synchronized void add(long nanos, double a, double w, boolean ovf) {
        int i = (int) (written % t.length);
        t[i] = nanos;
        amps[i] = (float) a;
        watts[i] = (float) w;
        overflow[i] = ovf;
        written++;
    }

    public synchronized void clear() {
        written = 0;
    }

    /** Samples from the last one at or before {@code from} to the first one at or after {@code to}. */
    public synchronized Samples around(long from, long to) {
        int n = (int) Math.min(written, t.length);
        long first = written - n;
        int lo = -1;
        int hi = -1;
        for (long k = first; k < written; k++) {
            long ts = t[(int) (k % t.length)];
            if (ts <= from) {
                lo = (int) (k - first);
            }
            if (ts >= to && hi < 0) {
                hi = (int) (k - first);
            }
        }
        int start = lo < 0 ? 0 : lo;
        int end = hi < 0 ? n - 1 : hi;
        int len = Math.max(0, end - start + 1);
        long[] ts = new long[len];
        double[] a = new double[len];
        double[] w = new double[len];
        boolean ovf = false;
        for (int j = 0; j < len; j++) {
            int i = (int) ((first + start + j) % t.length);
            ts[j] = t[i];
            a[j] = amps[i];
            w[j] = watts[i];
            ovf |= overflow[i];
        }
        return new Samples(ts, a, w, ovf);
    }

    /** Whether samples older than {@code from} were overwritten (the window's start is lost). */
    public synchronized boolean lostBefore(long from) {
        if (written <= t.length) {
            return false;
        }
        long oldest = Arrays.stream(t).min().orElse(Long.MIN_VALUE);
        return oldest > from;
    }
}
