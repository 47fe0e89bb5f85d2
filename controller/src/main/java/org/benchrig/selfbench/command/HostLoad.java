package org.benchrig.selfbench.command;

import java.nio.file.Files;
import java.nio.file.Path;

/** The host's load as selfbench figures quote it: the 1-minute load average and the CPUs. */
final class HostLoad {
    private HostLoad() {
    }

    /** The 1-minute load average from /proc/loadavg, or "?" where there is none. */
    static String average() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }

    static int cpus() {
        return Runtime.getRuntime().availableProcessors();
    }
}
