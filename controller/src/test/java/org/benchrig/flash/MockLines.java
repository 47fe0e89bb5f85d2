package org.benchrig.flash;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Pi4J mock GPIO outputs whose state changes, and the board's events, land in one ordered log. */
final class MockLines implements AutoCloseable {
    final Context pi4j = Pi4J.newContextBuilder().add(new MockPlatform())
            .add(MockDigitalOutputProvider.newInstance()).build();
    final List<String> log = new CopyOnWriteArrayList<>();

    /** An output at BCM {@code pin}, idle high (the lines are active low). */
    DigitalOutput output(String name, int pin) {
        DigitalOutput out = pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id(name).name(name).address(pin)
                .initial(DigitalState.HIGH).shutdown(DigitalState.HIGH).provider("mock-digital-output"));
        out.addListener(e -> log.add(name + "=" + e.state()));
        return out;
    }

    void event(String what) {
        log.add(what);
    }

    boolean logged(String entry) {
        return log.contains(entry);
    }

    @Override
    public void close() {
        pi4j.shutdown();
    }
}
