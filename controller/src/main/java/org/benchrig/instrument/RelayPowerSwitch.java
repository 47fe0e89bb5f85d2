package org.benchrig.instrument;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.time.Duration;
import org.benchrig.control.PowerSwitch;
import java.util.function.LongSupplier;

/**
 * A board's supply through a relay on a GPIO output. Once off, the supply stays off at least
 * {@code minOff} (however short the requested off time, and also for off() then on()), so the
 * board's capacitors drain and its regulator really resets.
 */
public final class RelayPowerSwitch implements PowerSwitch {
    /** Long enough for a dev board's bulk capacitors (tens of uF) to drain through its idle load. */
    public static final Duration DEFAULT_MIN_OFF = Duration.ofMillis(500);

    private final DigitalOutput out;
    private final DigitalState onState;
    private final Duration minOff;
    private final LongSupplier clock;
    private final String label;
    private long offSince = Long.MIN_VALUE;
    private boolean off;

    public RelayPowerSwitch(DigitalOutput out, boolean activeHigh, Duration minOff, String label) {
        this(out, activeHigh, minOff, label, System::nanoTime);
    }

    RelayPowerSwitch(DigitalOutput out, boolean activeHigh, Duration minOff, String label, LongSupplier clock) {
        this.out = out;
        this.onState = activeHigh ? DigitalState.HIGH : DigitalState.LOW;
        this.minOff = minOff;
        this.clock = clock;
        this.label = label;
    }

    @Override
    public synchronized void on() {
        if (off) {
            long waited = clock.getAsLong() - offSince;
            long rest = minOff.toNanos() - waited;
            if (rest > 0) {
                sleepNanos(rest);
            }
        }
        out.state(onState);
        off = false;
    }

    @Override
    public synchronized void off() {
        out.state(onState == DigitalState.HIGH ? DigitalState.LOW : DigitalState.HIGH);
        if (!off) {
            offSince = clock.getAsLong();
        }
        off = true;
    }

    @Override
    public synchronized void cycle(Duration offTime) {
        off();
        Duration wait = offTime.compareTo(minOff) > 0 ? offTime : minOff;
        sleepNanos(wait.toNanos());
        on();
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String powerLabel() {
        return label;
    }
}
