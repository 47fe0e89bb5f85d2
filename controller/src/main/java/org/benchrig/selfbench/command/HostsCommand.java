package org.benchrig.selfbench.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.benchrig.bench.Benchmark;
import org.benchrig.bench.Catalog;
import org.benchrig.config.RigConfig;
import org.benchrig.selfbench.HostsBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code selfbench hosts}: the rig's warm time per call on each host against a plain long loop. */
@Command(name = "hosts", description = "The rig's warm time per call on each host next to a plain long loop "
        + "(2 s warm-up, values of 1 s) as ratios, the PyPy/CPython speedup each gives, and the host part's wall time.")
final class HostsCommand extends RigKind {
    @Option(names = "--tier", defaultValue = "s", description = "parameter tier (default: ${DEFAULT-VALUE})")
    String tier;
    @Option(names = "--preset", defaultValue = "fast", description = "the rig's protocol preset: fast or rigorous (default: ${DEFAULT-VALUE})")
    String preset;
    @Option(names = "--benchmarks", split = ",", description = "default: " + "nbody,fannkuch,sieve,objchurn,strbuild,genyield")
    List<String> benchmarks;
    @Option(names = "--rounds", defaultValue = "3", description = "times the rig and the reference take turns on each "
            + "benchmark and host; each figure is the median of its rounds (default: ${DEFAULT-VALUE})")
    int rounds;

    @Override
    Integer measure(RigConfig cfg) throws Exception {
        Catalog catalog = options.env().catalog();
        List<Benchmark> bs = new ArrayList<>();
        for (String name : benchmarks == null ? HostsBench.BENCHMARKS : benchmarks) {
            bs.add(catalog.benchmark(name).orElseThrow(() -> new IllegalArgumentException("no benchmark '" + name
                    + "' in the catalog")));
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1, got " + rounds);
        }
        String loadAtStart = HostLoad.average();
        long t0 = System.nanoTime();
        List<HostsBench.Row> rows = new HostsBench(options.env().scriptsDir(), options.err()).run(cfg.hosts(), bs, tier, preset, rounds);
        String loadAtEnd = HostLoad.average();
        String md = HostsBench.markdown(rows);
        options.out().print(md);
        options.out().flush();
        String where = String.format(Locale.ROOT, "tier %s, preset %s, %d rounds, %d CPUs shared with other work, "
                + "load average %s at the start and %s at the end, %.0f s in all", tier, preset, rounds, HostLoad.cpus(),
                loadAtStart, loadAtEnd, (System.nanoTime() - t0) / 1e9);
        options.writeDocs(where, "./benchrig selfbench hosts --tier " + tier + " --preset " + preset + " --rounds " + rounds, md);
        return 0;
    }
}
