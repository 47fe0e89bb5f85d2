package org.benchrig.host;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The command lines of one host's processes: the harness scripts ({@code cold.py},
 * {@code hostrun.py}) on one benchmark directory and the {@code -c pass} start-up process, each
 * pinned to the host's CPUs by taskset when it has some.
 *
 * @param cpus         CPU indexes to pin to; empty means no pinning
 * @param harnessDir   the directory of the harness scripts (absolute, normalized)
 * @param benchmarkDir the benchmarks' directory (absolute, normalized)
 */
record HostCommands(List<Integer> cpus, Path harnessDir, Path benchmarkDir) {

    HostCommands {
        cpus = List.copyOf(cpus);
        harnessDir = harnessDir.toAbsolutePath().normalize();
        benchmarkDir = benchmarkDir.toAbsolutePath().normalize();
    }

    /** The same commands on another benchmark directory. */
    HostCommands in(Path otherBenchmarkDir) {
        return new HostCommands(cpus, harnessDir, otherBenchmarkDir);
    }

    /** The interpreter's bare start-up: {@code exe -c pass}. */
    List<String> startup(String exe) {
        return pinned(List.of(exe, "-c", "pass"));
    }

    /** One cold process of {@code cold.py}: import of the benchmark and its first call. */
    List<String> cold(String exe, String bench, String tier) {
        return pinned(List.of(exe, harnessDir.resolve("cold.py").toString(), benchmarkDir.toString(), bench, tier));
    }

    /** One warm worker process of {@code hostrun.py} by {@code p}, calibrating from {@code loops}. */
    List<String> worker(String exe, String bench, String tier, WarmProtocol p, long loops, int process) {
        return pinned(List.of(exe, harnessDir.resolve("hostrun.py").toString(),
                "--bench-dir", benchmarkDir.toString(), "--bench", bench, "--tier", tier,
                "--values", String.valueOf(p.values()), "--loops", String.valueOf(loops),
                "--min-value-ms", String.valueOf(p.minValueMs()), "--warmup-window", String.valueOf(p.warmupWindow()),
                "--warmup-tolerance", String.valueOf(p.warmupTolerance()),
                "--max-warmup-s", String.valueOf(p.maxWarmupSeconds()), "--process", String.valueOf(process)));
    }

    private List<String> pinned(List<String> command) {
        List<String> cmd = new ArrayList<>();
        if (!cpus.isEmpty()) {
            cmd.add("taskset");
            cmd.add("-c");
            cmd.add(cpus.stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
        cmd.addAll(command);
        return cmd;
    }
}
