package org.benchrig.cli;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.benchrig.config.RigConfig;
import org.benchrig.stats.Bootstrap;
import org.benchrig.stats.Comparison;
import org.benchrig.history.BetweenRunNoise;
import org.benchrig.stats.NoiseFloor;
import org.benchrig.store.BenchmarkInfo;
import org.benchrig.store.RunInfo;
import org.benchrig.store.Store;
import org.benchrig.store.TargetInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code benchrig compare RUN_A RUN_B}: per benchmark x target x mode, the change with its interval and a verdict. */
@Command(name = "compare", description = "Compare two runs: change of the median with its confidence interval and a verdict (faster, slower, no significant change).")
public final class CompareCommand implements Callable<Integer> {
    @ParentCommand
    BenchrigCommand parent;
    @Mixin
    ConfigOption config;
    @Parameters(index = "0", paramLabel = "RUN_A", description = "the baseline run id")
    long runA;
    @Parameters(index = "1", paramLabel = "RUN_B", description = "the run compared with it")
    long runB;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RigConfig cfg = config.load(parent.env);
        PrintWriter out = spec.commandLine().getOut();
        try (Store store = Store.open(cfg.dataDir().resolve("benchrig.db"))) {
            RunInfo a = store.run(runA).orElseThrow(() -> new IllegalArgumentException("no run " + runA + " in " + store.path()));
            RunInfo b = store.run(runB).orElseThrow(() -> new IllegalArgumentException("no run " + runB + " in " + store.path()));
            Map<String, String> kinds = new HashMap<>();
            store.targets(runB).forEach(t -> kinds.put(t.targetId(), t.kind()));
            Map<String, Double> floors = BetweenRunNoise.between(store, Math.max(runA, runB));
            List<Comparison.Change> changes = Comparison.compare(store.measurements(runA), store.measurements(runB),
                    cfg.stats(), floors, t -> NoiseFloor.defaultFor(kinds.get(t)));
            out.printf("compare run %d (%s, %s) -> run %d (%s, %s)%n", a.id(), a.suite(), a.startedAt(), b.id(), b.suite(), b.startedAt());
            out.printf("verdict rule: Mann-Whitney two-sided p < %s and |change of median| > max(threshold %.1f%%, noise floor of the target)"
                    + " and the %d%% bootstrap interval (%d resamples, seeded) on the same side of zero; no verdict on failures, fewer than 4 samples or a pyperf warning%n",
                    cfg.stats().level(), cfg.stats().thresholdPercent(), Math.round((1 - cfg.stats().level()) * 100), Bootstrap.RESAMPLES);
            describeChanges(store, runA, runB, out);
            out.printf("%-12s %-10s %-4s %12s    %12s  %8s %-20s  %-8s  %-11s %s%n",
                    "benchmark", "target", "mode", "A median", "B median", "change", " [interval]", "p", "limit", "verdict");
            for (Comparison.Change c : changes) {
                out.println(c.line());
                c.warnings().forEach(w -> out.println("    warning: " + w));
            }
            long slower = changes.stream().filter(c -> c.verdict() == Comparison.Verdict.SLOWER).count();
            long faster = changes.stream().filter(c -> c.verdict() == Comparison.Verdict.FASTER).count();
            out.printf("%d slower, %d faster, %d without a significant change or verdict%n", slower, faster,
                    changes.size() - slower - faster);
            return 0;
        }
    }

    /** Says what changed between the runs besides time: interpreter builds, firmware, benchmark sources. */
    private static void describeChanges(Store store, long runA, long runB, PrintWriter out) {
        Map<String, TargetInfo> ta = new HashMap<>();
        store.targets(runA).forEach(t -> ta.put(t.targetId(), t));
        for (TargetInfo t : store.targets(runB)) {
            TargetInfo o = ta.get(t.targetId());
            if (o != null && !Objects.equals(BetweenRunNoise.build(o), BetweenRunNoise.build(t))) {
                out.printf("note: target %s changed: %s %s %s -> %s %s %s%n", t.targetId(), o.version(), o.executable(),
                        o.firmwareHash(), t.version(), t.executable(), t.firmwareHash());
            }
        }
        Map<String, BenchmarkInfo> ba = new HashMap<>();
        store.benchmarks(runA).forEach(x -> ba.put(x.name(), x));
        for (BenchmarkInfo x : store.benchmarks(runB)) {
            BenchmarkInfo o = ba.get(x.name());
            if (o != null && !(Objects.equals(o.sourceHash(), x.sourceHash()) && Objects.equals(o.params(), x.params()))) {
                out.printf("note: benchmark %s changed: params %s -> %s, source %s -> %s%n", x.name(), o.params(), x.params(),
                        shortHash(o.sourceHash()), shortHash(x.sourceHash()));
            }
        }
    }

    static String shortHash(String h) {
        return h == null ? "-" : h.substring(0, Math.min(12, h.length()));
    }
}
