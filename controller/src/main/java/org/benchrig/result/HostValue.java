package org.benchrig.result;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * How a host measurement was taken (pyperf's protocol); null on board measurements. Stored and
 * shown under the snake_case names in brackets.
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

    /** The snake_case names, in this order, of every view (store columns, CSV, JSON, MQTT). */
    public static final List<String> NAMES = List.of("loops", "process", "warmups", "steady", "value_ns", "startup_ns",
            "import_ns", "first_call_ns");

    /** The values in {@link #NAMES} order (null where not known). */
    public List<Object> values() {
        return Arrays.asList(loops, process, warmups, steady, valueNs, startupNs, importNs, firstCallNs);
    }

    /** Puts every field under its {@link #NAMES} name; all null for a measurement without host details. */
    public static void putAll(HostValue h, BiConsumer<String, Object> sink) {
        List<Object> v = h == null ? null : h.values();
        for (int i = 0; i < NAMES.size(); i++) {
            sink.accept(NAMES.get(i), v == null ? null : v.get(i));
        }
    }

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
