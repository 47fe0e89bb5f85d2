package org.benchrig.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A live process's peak RSS so far (Linux VmHWM, the value getrusage's ru_maxrss reports). */
final class PeakRss {
    private PeakRss() {
    }

    /** KB, or null when the process is gone or /proc is not available. */
    static Long highWaterKb(long pid) {
        if (pid <= 0) {
            return null;
        }
        try {
            for (String l : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (l.startsWith("VmHWM:")) {
                    return Long.parseLong(l.substring(6).replace("kB", "").strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }
}
