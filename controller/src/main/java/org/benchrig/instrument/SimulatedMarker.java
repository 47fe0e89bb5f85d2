package org.benchrig.instrument;

import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * The emulated board's marker and power draw. QEMU has no pin that reaches the host, so the edges
 * are derived, not observed: the board is active (power model) from the moment the exec is sent
 * until it returns; the falling edge is placed {@link #TAIL_NS} before the exec returned (the frame
 * line and the raw REPL's end markers follow the benchmark), the rising edge the board's own
 * measured time (ticks_us) before it. Both are raised through Pi4J's mock digital input, so the
 * listener, pairing and integration code is the code that runs on a Pi. The edges' timestamps are
 * the derived instants (handed to the listener's clock). The rising edge can precede the exec's
 * sending when QEMU's virtual clock ran ahead of the host's; the power before the first sample is
 * then taken as the first sample's (the board is active). Everything measured this way is
 * labelled simulated. Consequence: on the simulated rig the GPIO width equals the ticks by
 * construction, so {@code tick-mismatch} cannot fire there.
 */
public final class SimulatedMarker implements EdgeSimulation {
    /** From the benchmark's end to the exec's return: printing the ~150-byte frame and the REPL's end markers. */
    public static final long TAIL_NS = 2_000_000;

    private final MockDigitalInput input;
    private final PowerModel model;
    private final Deque<Long> stamps = new ArrayDeque<>();

    public SimulatedMarker(MockDigitalInput input, PowerModel model) {
        this.input = input;
        this.model = model;
    }

    /** The clock for the marker's listener: the derived instant of the edge being raised, else now. */
    public LongSupplier clock() {
        return () -> {
            synchronized (stamps) {
                Long s = stamps.pollFirst();
                return s != null ? s : System.nanoTime();
            }
        };
    }

    @Override
    public void begin(long sentNanos) {
        model.setActive(true);
    }

    @Override
    public void end(long sentNanos, long returnedNanos, Long ticksNs) {
        model.setActive(false);
        long span = returnedNanos - sentNanos;
        // The emulated board's clock is QEMU's virtual time (icount), not the host's: its ticks can
        // exceed the host's span of the exec. The edges follow the board's own time.
        long width = ticksNs == null ? span : ticksNs;
        long tail = Math.max(0, Math.min(TAIL_NS, span - width));
        long fall = returnedNanos - tail;
        raise(fall - width, DigitalState.HIGH);
        raise(fall, DigitalState.LOW);
    }

    private void raise(long at, DigitalState state) {
        synchronized (stamps) {
            stamps.add(at);
        }
        input.mockState(state); // Pi4J dispatches to listeners on this thread
        synchronized (stamps) {
            stamps.remove(at); // no listener consumed it (state unchanged): do not leak it into the next edge
        }
    }
}
