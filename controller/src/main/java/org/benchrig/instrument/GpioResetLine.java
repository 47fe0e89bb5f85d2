package org.benchrig.instrument;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.time.Duration;
import org.benchrig.control.ResetLine;

/**
 * A board's reset (EN/RUN/nRESET) pulled low through an open-drain stage driven by a GPIO output
 * (an N-MOSFET or NPN: GPIO high = reset held low; GPIO low = released, the board's own pull-up
 * wins). The Pi never drives the board's reset high, so a 5 V or 3.3 V board is safe either way.
 */
public final class GpioResetLine implements ResetLine {
    /** The shortest pulse every supported board accepts (ESP32 EN needs about 50 us; RP2040 RUN less). */
    public static final Duration MIN_WIDTH = Duration.ofMillis(10);

    private final DigitalOutput out;
    private final String label;

    public GpioResetLine(DigitalOutput out, String label) {
        this.out = out;
        this.label = label;
        out.state(DigitalState.LOW); // released
    }

    @Override
    public synchronized void pulse(Duration width) {
        Duration w = width.compareTo(MIN_WIDTH) < 0 ? MIN_WIDTH : width;
        out.state(DigitalState.HIGH); // pull reset low
        try {
            Thread.sleep(w.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            out.state(DigitalState.LOW); // release
        }
    }

    @Override
    public String resetLabel() {
        return label;
    }
}
