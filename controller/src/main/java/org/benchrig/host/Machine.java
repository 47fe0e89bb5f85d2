package org.benchrig.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What the machine was doing when host values were taken: CPU model, cores, the CPU frequency
 * governor and the load average (Linux /proc and /sys; "unknown" where they do not exist).
 */
public record Machine(String cpuModel, int cores, String governor, String loadAverage) {

    public static Machine now() {
        return new Machine(readCpuModel(), Runtime.getRuntime().availableProcessors(),
                read(Path.of("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor")).strip(),
                loads(read(Path.of("/proc/loadavg"))));
    }

    /** For a target's provenance: {@code cpu=...;cores=...;governor=...;load=...}. */
    public String describe() {
        return String.format(Locale.ROOT, "cpu=%s;cores=%d;governor=%s;load=%s", cpuModel, cores,
                governor.isEmpty() ? "unknown" : governor, loadAverage.isEmpty() ? "unknown" : loadAverage);
    }

    /** The 1, 5 and 15 minute load averages, space-separated. */
    private static String loads(String procLoadavg) {
        String[] f = procLoadavg.strip().split("\\s+");
        return f.length < 3 ? "" : f[0] + " " + f[1] + " " + f[2];
    }

    private static String readCpuModel() {
        return cpuModel(read(Path.of("/proc/cpuinfo")));
    }

    /**
     * The CPU as /proc/cpuinfo names it: the core's "model name" and the board's "Model" (a Raspberry
     * Pi: 64-bit kernels have only the latter, 32-bit ones name the core "ARMv7 Processor"), joined;
     * "unknown" without either. No ';' (it separates the provenance's fields).
     */
    static String cpuModel(String cpuinfo) {
        String core = field(cpuinfo, "model name");
        String board = field(cpuinfo, "Model");
        String both = core.isEmpty() ? board : board.isEmpty() ? core : core + ", " + board;
        return both.isEmpty() ? "unknown" : both.replace(';', ',');
    }

    private static String field(String cpuinfo, String name) {
        return cpuinfo.lines().filter(l -> l.startsWith(name) && l.substring(name.length()).strip().startsWith(":"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
