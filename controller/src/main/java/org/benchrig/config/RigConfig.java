package org.benchrig.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One bench, as described by its YAML file. Built only by {@link ConfigLoader}, which has checked
 * every field; all paths are absolute.
 *
 * @param benchmarks users' benchmark directories ({@code benchmarks:}), besides firmware-scripts/benchmarks/
 * @param source the absolute path of the YAML file it was read from
 */
public record RigConfig(String rig, Platform platform, Path dataDir, RunDefaults run, List<BoardConfig> boards,
                        List<HostConfig> hosts, WebConfig web, MqttConfig mqtt, List<ScheduleConfig> schedule,
                        StatsSettings stats, List<Path> benchmarks, Path source) {

    public RigConfig {
        benchmarks = List.copyOf(benchmarks);
        boards = List.copyOf(boards);
        hosts = List.copyOf(hosts);
        schedule = List.copyOf(schedule);
    }

    /** Every target id: boards first, then hosts, each in file order. */
    public List<String> targetIds() {
        return Stream.concat(boards.stream().map(BoardConfig::id), hosts.stream().map(HostConfig::id)).toList();
    }

    public Optional<BoardConfig> board(String id) {
        return boards.stream().filter(b -> b.id().equals(id)).findFirst();
    }

    public Optional<HostConfig> host(String id) {
        return hosts.stream().filter(h -> h.id().equals(id)).findFirst();
    }

    /** One line per top-level key; a new section is one more component and one more line here. */
    static RigConfig read(MappingReader m, Path source) {
        return new RigConfig(
                m.id("rig"),
                m.enumeration("platform", Platform.class, Platform.SIMULATED),
                m.directoryOrCreatable("data_dir"),
                m.mapping("run", RunDefaults::read),
                m.list("boards", BoardConfig::read),
                m.list("hosts", HostConfig::read),
                m.mapping("web", WebConfig::read),
                m.mapping("mqtt", MqttConfig::read),
                m.list("schedule", ScheduleConfig::read),
                m.mapping("stats", StatsSettings::read),
                m.directoryList("benchmarks"),
                source);
    }
}
