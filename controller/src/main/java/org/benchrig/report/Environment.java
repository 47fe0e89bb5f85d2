package org.benchrig.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The controller host as the report sees it: CPU model and frequency governor (from /proc and
 * /sys), OS, kernel, JVM. Read when the report is written, and labelled so.
 */
public final class Environment {
    private Environment() {
    }

    public static Map<String, String> read() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("host", hostname());
        env.put("cpu_model", cpuModel());
        env.put("cpu_count", String.valueOf(Runtime.getRuntime().availableProcessors()));
        env.put("cpu_governor", firstLine(Path.of("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor"),
                "not exposed (no cpufreq in /sys: a VM or container)"));
        env.put("os", osName());
        env.put("kernel", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        env.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        return env;
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                // x86: "model name"; Raspberry Pi: "Model" (the board) or "Hardware"
                if (line.startsWith("model name") || line.startsWith("Model") || line.startsWith("Hardware")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
        return "unknown (no model line in /proc/cpuinfo)";
    }

    static String osName() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return line.substring(12).replace("\"", "");
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return System.getProperty("os.name");
    }

    static String hostname() {
        String h = firstLine(Path.of("/proc/sys/kernel/hostname"), null);
        return h != null ? h : System.getenv().getOrDefault("HOSTNAME", "unknown");
    }

    static String firstLine(Path p, String otherwise) {
        try {
            List<String> lines = Files.readAllLines(p);
            return lines.isEmpty() ? otherwise : lines.get(0).strip();
        } catch (IOException | RuntimeException e) {
            return otherwise;
        }
    }
}
