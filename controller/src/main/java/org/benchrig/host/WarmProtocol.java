package org.benchrig.host;

import java.util.Locale;
import org.benchrig.config.HostProtocolConfig;
import org.benchrig.stats.SteadyState;

/**
 * How a host's warm values are taken, pyperf-style: {@code processes} fresh worker processes
 * (more, up to {@code maxProcesses}, while the standard error of their medians' mean is above
 * {@link #MORE_PROCESSES_ERROR}), each warming up by hostrun.py's steady-state rule (window
 * {@code warmupWindow}, tolerance {@code warmupTolerance}, cap {@code maxWarmupSeconds}) and then
 * taking {@code values} values of calibrated loops lasting at least {@code minValueMs}.
 *
 * <p>Presets, after pyperf's Runner (20 processes x 3 values for CPython, 6 x 10 for a JIT, 100 ms
 * values; {@code --fast} halves the processes): {@code rigorous} is that; {@code fast}, for the
 * default run's 4-minute budget, takes values of 50 ms, 3 processes of 3 values after a warm-up window of 2
 * (CPython: no JIT to wait for) or 4 values after a window of 3 (a JIT), and adds a fourth process
 * only where the three disagree.
 */
public record WarmProtocol(String preset, int processes, int maxProcesses, int values, double minValueMs,
                           int warmupWindow, double warmupTolerance, double maxWarmupSeconds) {

    /**
     * A mean of per-process medians less certain than this (standard error over mean) earns another
     * process: 2 % is the smallest change a class verdict takes (DecisionMatrix's threshold).
     */
    public static final double MORE_PROCESSES_ERROR = 0.02;
    /** pyperf's min_time: a value lasts at least 100 ms. */
    public static final double MIN_VALUE_MS = 100;
    /**
     * The fast preset's values last at least 50 ms: fifty times the 1 ms a timer needs, and what
     * keeps the default run's 18 benchmarks on both hosts near its 4-minute budget.
     */
    public static final double FAST_MIN_VALUE_MS = 50;
    /** The steady-state rule's tolerance, hostrun.py's default. */
    public static final double WARMUP_TOLERANCE = SteadyState.TOLERANCE;

    public WarmProtocol {
        if (processes < 1 || maxProcesses < processes || values < 1 || minValueMs <= 0 || warmupWindow < 1) {
            throw new IllegalArgumentException("bad protocol " + processes + "/" + maxProcesses + "/" + values);
        }
    }

    /** A preset for an interpreter with or without a JIT. */
    public static WarmProtocol preset(String name, boolean jit) {
        return switch (name) {
            case "fast" -> jit ? new WarmProtocol(name, 3, 4, 4, FAST_MIN_VALUE_MS, 3, WARMUP_TOLERANCE, 5)
                    : new WarmProtocol(name, 3, 4, 3, FAST_MIN_VALUE_MS, 2, WARMUP_TOLERANCE, 2);
            case "rigorous" -> jit ? new WarmProtocol(name, 6, 12, 10, MIN_VALUE_MS, 5, WARMUP_TOLERANCE, 30)
                    : new WarmProtocol(name, 20, 40, 3, MIN_VALUE_MS, 3, WARMUP_TOLERANCE, 10);
            default -> throw new IllegalArgumentException("unknown preset '" + name + "'; expected fast or rigorous");
        };
    }

    /**
     * The protocol of a host: its configured preset (or {@code runPreset}) with its overrides.
     *
     * @param jit true for an interpreter with a JIT (PyPy)
     */
    public static WarmProtocol of(HostProtocolConfig c, String runPreset, boolean jit) {
        WarmProtocol p = preset(c.preset() == null ? runPreset : c.preset(), jit);
        int processes = c.processes() == null ? p.processes : c.processes();
        int max = c.maxProcesses() == null ? Math.max(processes, p.maxProcesses) : c.maxProcesses();
        return new WarmProtocol(p.preset, processes, Math.max(max, processes), c.values() == null ? p.values : c.values(),
                c.minValueMs() == null ? p.minValueMs : c.minValueMs(),
                c.warmupWindow() == null ? p.warmupWindow : c.warmupWindow(), p.warmupTolerance,
                c.maxWarmupSeconds() == null ? p.maxWarmupSeconds : c.maxWarmupSeconds());
    }

    /** The preset a run uses for hosts without one: rigorous for the nightly suite. */
    public static String forSuite(String suite) {
        return "nightly".equals(suite) ? "rigorous" : "fast";
    }

    /** One line for provenance: what every warm value of this host went through. */
    public String describe() {
        return String.format(Locale.ROOT, "preset=%s;processes=%d..%d;values=%d;min_value_ms=%s;warmup_window=%d;"
                        + "warmup_tolerance=%s;max_warmup_s=%s", preset, processes, maxProcesses, values,
                fmt(minValueMs), warmupWindow, fmt(warmupTolerance), fmt(maxWarmupSeconds));
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
