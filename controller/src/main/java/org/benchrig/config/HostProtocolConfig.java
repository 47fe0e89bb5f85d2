package org.benchrig.config;

import java.util.List;

/**
 * A host's overrides of its measuring protocol ({@code hosts[].protocol}); every field null means
 * "the preset's value". See {@code org.benchrig.host.WarmProtocol} for the presets.
 *
 * @param preset           fast | rigorous; null: rigorous for the nightly suite, fast otherwise
 * @param processes        worker processes per benchmark at least
 * @param maxProcesses     worker processes at most, spent when the processes disagree
 * @param values           values per process
 * @param minValueMs       a value lasts at least this long (loops are calibrated to it)
 * @param warmupWindow     W of the steady-state rule (2W values)
 * @param maxWarmupSeconds the warm-up cap per process
 */
public record HostProtocolConfig(String preset, Integer processes, Integer maxProcesses, Integer values,
                                 Double minValueMs, Integer warmupWindow, Double maxWarmupSeconds) {
    public static final List<String> PRESETS = List.of("fast", "rigorous");
    public static final HostProtocolConfig NONE = new HostProtocolConfig(null, null, null, null, null, null, null);

    static HostProtocolConfig read(MappingReader m) {
        HostProtocolConfig c = new HostProtocolConfig(
                m.has("preset") ? m.oneOf("preset", PRESETS, PRESETS.get(0)) : null,
                m.optionalInteger("processes", 1, 1000),
                m.optionalInteger("max_processes", 1, 1000),
                m.optionalInteger("values", 1, 1000),
                m.has("min_value_ms") ? m.decimal("min_value_ms", 1, 60_000, null) : null,
                m.optionalInteger("warmup_window", 1, 100),
                m.has("max_warmup_s") ? m.decimal("max_warmup_s", 0, 3600, null) : null);
        if (c.processes != null && c.maxProcesses != null && c.maxProcesses < c.processes) {
            m.problem("max_processes", "expected at least processes (" + c.processes + "), got " + c.maxProcesses);
        }
        return c;
    }
}
