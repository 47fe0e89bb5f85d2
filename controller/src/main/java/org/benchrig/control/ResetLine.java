package org.benchrig.control;

import java.time.Duration;

/** A board's reset input: a pulse restarts the board whatever it is doing (a hard reset). */
public interface ResetLine {
    void pulse(Duration width);

    /** For messages: "QMP system_reset", "GPIO 17". */
    String resetLabel();
}
