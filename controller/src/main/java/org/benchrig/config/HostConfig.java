package org.benchrig.config;

import java.util.List;

/**
 * A desktop interpreter that runs the same benchmarks as a process.
 *
 * @param interpreter the command as written (found on PATH, or an executable path)
 * @param cpus        CPU indexes to pin the process to; empty means no pinning
 */
public record HostConfig(String id, String interpreter, List<Integer> cpus, String tier) {

    public HostConfig {
        cpus = List.copyOf(cpus);
    }

    static HostConfig read(MappingReader m) {
        return new HostConfig(
                m.targetId("id"),
                m.command("interpreter"),
                m.integerList("cpus", 0, Integer.MAX_VALUE),
                m.oneOf("tier", BoardConfig.TIERS, "s"));
    }
}
