package org.benchrig.instrument;

/**
 * Power samples in time order: timestamps from {@link System#nanoTime()} (the clock of the GPIO
 * edges), current in amps, power in watts.
 */
public record Samples(long[] nanos, double[] amps, double[] watts, boolean anyOverflow) {
    public int size() {
        return nanos.length;
    }
}
