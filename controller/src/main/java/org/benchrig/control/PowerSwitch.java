package org.benchrig.control;

import java.time.Duration;

/** Switches a board's supply: the last resort when a board ignores even its reset line. */
public interface PowerSwitch {
    void on();

    void off();

    /** Off, wait at least {@code offTime}, on. */
    void cycle(Duration offTime);

    /** For messages: "QEMU restart", "relay on GPIO 22". */
    String powerLabel();
}
