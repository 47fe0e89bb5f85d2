package org.benchrig.instrument;

import java.time.Duration;

/** Switches a board's supply: the last resort when a board ignores even its reset line. */
public interface PowerSwitch {
    void on();

    void off();

    /** Off, wait at least {@code offTime}, on. */
    void cycle(Duration offTime);

    String label();
}
