package org.benchrig.config;

import java.util.List;

/**
 * A desktop interpreter that runs the same benchmarks as a process.
 *
 * @param interpreter the command as written (found on PATH, or an executable path)
 * @param cpus        CPU indexes to pin the process to; empty means no pinning
 * @param protocol    overrides of the measuring protocol's preset ({@code protocol:})
 */
public record HostConfig(String id, String interpreter, List<Integer> cpus, String tier, HostProtocolConfig protocol) implements TargetConfig {

    public HostConfig {
        cpus = List.copyOf(cpus);
        protocol = protocol == null ? HostProtocolConfig.NONE : protocol;
    }

    /** A host with its preset's protocol. */
    public HostConfig(String id, String interpreter, List<Integer> cpus, String tier) {
        this(id, interpreter, cpus, tier, HostProtocolConfig.NONE);
    }

    static HostConfig read(MappingReader m) {
        return new HostConfig(
                m.targetId("id"),
                m.command("interpreter"),
                m.integerList("cpus", 0, Integer.MAX_VALUE),
                m.oneOf("tier", BoardConfig.TIERS, "s"),
                m.mapping("protocol", HostProtocolConfig::read));
    }
}
