package org.benchrig.instrument;

/**
 * What stands in for the board's marker pin and power draw on the simulated rig: told when a
 * repetition's exec was sent and when it returned (and the board's own time), it drives the power
 * model and raises the marker edges through Pi4J's mock digital input.
 */
public interface EdgeSimulation {
    /** The exec was sent: the board is busy from now on. */
    void begin(long sentNanos);

    /** The exec returned at {@code returnedNanos}; the board measured {@code ticksNs} (null if unknown). */
    void end(long sentNanos, long returnedNanos, Long ticksNs);
}
