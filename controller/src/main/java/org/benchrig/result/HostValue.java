package org.benchrig.result;

/**
 * How a host measurement was taken (pyperf's protocol); null on board measurements. Stored and
 * shown under the snake_case names in brackets ({@link MeasurementJson}; columns {@code host_loops}, ...).
 *
 * @param loops       back-to-back calls timed as one value ({@code loops}); 1 for cold
 * @param process     which worker process of the benchmark the value came from, 0.. ({@code process})
 * @param warmups     warm-up values that process took before its values ({@code warmups}); 0 for cold
 * @param steady      warm: the process reached the steady-state rule before its values; null for
 *                    cold ({@code steady})
 * @param valueNs     the whole value, {@code loops} calls ({@code value_ns}); time_ns is value_ns / loops
 * @param startupNs   cold: wall time of a {@code -c pass} process of the same interpreter spawned just
 *                    before this one, the interpreter's own start-up ({@code startup_ns})
 * @param importNs    cold: the import of the benchmark module ({@code import_ns})
 * @param firstCallNs cold: the first call ({@code first_call_ns})
 */
public record HostValue(int loops, int process, int warmups, Boolean steady, Long valueNs, Long startupNs,
                        Long importNs, Long firstCallNs) {

    /** A warm value. */
    public static HostValue warm(int loops, int process, int warmups, boolean steady, long valueNs) {
        return new HostValue(loops, process, warmups, steady, valueNs, null, null, null);
    }

    /** A cold whole-process sample. */
    public static HostValue cold(int process, Long startupNs, Long importNs, Long firstCallNs) {
        return new HostValue(1, process, 0, null, firstCallNs, startupNs, importNs, firstCallNs);
    }

    /** True for a warm value whose process never reached steady state. */
    public boolean unsteady() {
        return Boolean.FALSE.equals(steady);
    }
}
