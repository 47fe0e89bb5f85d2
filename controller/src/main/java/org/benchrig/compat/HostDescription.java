package org.benchrig.compat;

import java.time.Duration;
import java.util.List;
import org.benchrig.config.HostConfig;
import org.benchrig.host.HostInterpreter;
import org.benchrig.time.Deadline;

/** "PyPy 3.9.16 (pypy3)": what a host's interpreter command resolved to, for the report. */
record HostDescription(String description) {
    private static final Duration DETECT_LIMIT = Duration.ofSeconds(30);

    static HostDescription of(String targetId, String interpreter) {
        try {
            HostInterpreter h = HostInterpreter.detect(new HostConfig(targetId, interpreter, List.of(), "s"),
                    Deadline.in(DETECT_LIMIT));
            return new HostDescription(h.implementation() + " " + h.version() + " (" + h.executable() + ")");
        } catch (RuntimeException e) {
            return new HostDescription(interpreter + ": " + e.getMessage());
        }
    }
}
