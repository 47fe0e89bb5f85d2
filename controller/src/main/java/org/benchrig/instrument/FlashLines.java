package org.benchrig.instrument;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;

/**
 * The GPIO outputs a flasher drives (BOOT/BOOTSEL, EN/RUN), from a Pi4J context of their own that
 * lives only while flashing: the lines are used for seconds, and closing the context releases them.
 * Outputs idle high (the lines are active low).
 */
public final class FlashLines implements AutoCloseable {
    private Context context;

    /** A context is made on first use: a flasher without lines never loads Pi4J's platform. */
    public synchronized DigitalOutput output(String name, int bcmPin) {
        if (context == null) {
            context = Pi4J.newAutoContext();
        }
        return context.create(DigitalOutput.newConfigBuilder(context).id(name).name(name).address(bcmPin)
                .initial(DigitalState.HIGH).shutdown(DigitalState.HIGH));
    }

    @Override
    public synchronized void close() {
        if (context != null) {
            context.shutdown();
            context = null;
        }
    }
}
