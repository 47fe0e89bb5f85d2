package org.benchrig.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.benchrig.config.StatsSettings;
import org.benchrig.stats.Bootstrap;
import org.benchrig.stats.Comparison;
import org.benchrig.stats.NoiseFloor;
import org.benchrig.store.BenchmarkInfo;
import org.benchrig.store.RunInfo;
import org.benchrig.store.Store;
import org.benchrig.store.TargetInfo;

/**
 * One stored run against another, as {@code benchrig compare A B} and the web UI's run-against-run
 * page show it: the {@link Comparison} of every benchmark x target x mode the two runs share, the
 * noise floors it used, and what changed besides time (interpreter builds, firmware, benchmark sources).
 */
public record RunAgainstRun(RunInfo a, RunInfo b, List<Comparison.Change> changes, List<String> notes, String rule) {

    public static RunAgainstRun of(Store store, long runA, long runB, StatsSettings settings) {
        RunInfo a = store.run(runA).orElseThrow(() -> new IllegalArgumentException("no run " + runA + " in " + store.path()));
        RunInfo b = store.run(runB).orElseThrow(() -> new IllegalArgumentException("no run " + runB + " in " + store.path()));
        Map<String, String> kinds = new HashMap<>();
        store.targets(runB).forEach(t -> kinds.put(t.targetId(), t.kind()));
        Map<String, Double> floors = BetweenRunNoise.between(store, Math.max(runA, runB));
        List<Comparison.Change> changes = Comparison.compare(store.measurements(runA), store.measurements(runB),
                settings, floors, t -> NoiseFloor.defaultFor(kinds.get(t)));
        return new RunAgainstRun(a, b, changes, notes(store, runA, runB), rule(settings));
    }

    /** The verdict rule in words, with the settings it ran with. */
    public static String rule(StatsSettings s) {
        return String.format(Locale.ROOT, "verdict rule: Mann-Whitney two-sided p < %s and |change of median| > max(threshold %.1f%%,"
                + " noise floor of the target) and the %d%% bootstrap interval (%d resamples, seeded) on the same side of zero;"
                + " no verdict on failures, fewer than 4 samples or a pyperf warning",
                s.level(), s.thresholdPercent(), Math.round((1 - s.level()) * 100), Bootstrap.RESAMPLES);
    }

    /** What changed between the runs besides time: interpreter builds, firmware, benchmark sources. */
    static List<String> notes(Store store, long runA, long runB) {
        List<String> out = new ArrayList<>();
        Map<String, TargetInfo> ta = new HashMap<>();
        store.targets(runA).forEach(t -> ta.put(t.targetId(), t));
        for (TargetInfo t : store.targets(runB)) {
            TargetInfo o = ta.get(t.targetId());
            if (o != null && !Objects.equals(BetweenRunNoise.build(o), BetweenRunNoise.build(t))) {
                out.add(String.format(Locale.ROOT, "target %s changed: %s %s %s -> %s %s %s", t.targetId(), o.version(),
                        o.executable(), o.firmwareHash(), t.version(), t.executable(), t.firmwareHash()));
            }
        }
        Map<String, BenchmarkInfo> ba = new HashMap<>();
        store.benchmarks(runA).forEach(x -> ba.put(x.name(), x));
        for (BenchmarkInfo x : store.benchmarks(runB)) {
            BenchmarkInfo o = ba.get(x.name());
            if (o != null && !(Objects.equals(o.sourceHash(), x.sourceHash()) && Objects.equals(o.params(), x.params()))) {
                out.add(String.format(Locale.ROOT, "benchmark %s changed: params %s -> %s, source %s -> %s", x.name(), o.params(),
                        x.params(), shortHash(o.sourceHash()), shortHash(x.sourceHash())));
            }
        }
        return out;
    }

    static String shortHash(String h) {
        return h == null ? "-" : h.substring(0, Math.min(12, h.length()));
    }
}
