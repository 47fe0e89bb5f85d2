package org.benchrig.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.benchrig.result.Measurement;
import org.benchrig.stats.NoiseFloor;
import org.benchrig.stats.Summary;
import org.benchrig.store.BenchmarkInfo;
import org.benchrig.store.RunInfo;
import org.benchrig.store.RunState;
import org.benchrig.store.Store;
import org.benchrig.store.TargetInfo;

/**
 * The between-run part of the {@link NoiseFloor}, read from the store: how much each target's
 * medians moved between consecutive done runs in which nothing about it changed.
 */
public final class BetweenRunNoise {
    /** How many earlier runs are read for the between-run floor. */
    public static final int HISTORY_RUNS = 30;

    private BetweenRunNoise() {
    }

    /** Between-run floors by "target/mode" from runs older than {@code beforeRunId}. */
    public static Map<String, Double> between(Store store, long beforeRunId) {
        List<RunInfo> runs = new ArrayList<>(store.runs(HISTORY_RUNS + 1, 0).stream()
                .filter(r -> r.id() < beforeRunId && r.state() == RunState.DONE).toList());
        java.util.Collections.reverse(runs);   // oldest first
        Map<String, List<Double>> moves = new HashMap<>();
        Map<String, String> kinds = new HashMap<>();
        RunData previous = null;
        for (RunInfo r : runs) {
            RunData current = RunData.load(store, r.id());
            current.targets.forEach((id, t) -> kinds.put(id, t.kind()));
            if (previous != null) {
                for (var e : current.medians.entrySet()) {
                    String[] k = e.getKey().split("\u0000");   // benchmark, target, mode
                    Double old = previous.medians.get(e.getKey());
                    if (old == null || old == 0
                            || !Objects.equals(build(previous.targets.get(k[1])), build(current.targets.get(k[1])))
                            || !Objects.equals(previous.benchmarks.get(k[0]), current.benchmarks.get(k[0]))) {
                        continue;
                    }
                    moves.computeIfAbsent(k[1] + "/" + k[2], x -> new ArrayList<>()).add(Math.abs(e.getValue() / old - 1));
                }
            }
            previous = current;
        }
        Map<String, Double> out = new HashMap<>();
        moves.forEach((key, list) -> {
            if (list.size() >= NoiseFloor.MIN_PAIRS) {
                double[] v = list.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                out.put(key, Summary.quantileSorted(v, NoiseFloor.PERCENTILE));
            }
        });
        return out;
    }

    public static String build(TargetInfo t) {
        if (t == null) {
            return null;
        }
        // a board's "executable" is its link (an emulator's pty changes every start): not part of its build
        return t.interpreter() + "|" + t.version() + "|" + ("board".equals(t.kind()) ? "" : t.executable()) + "|"
                + t.firmwareHash();
    }

    /** A run reduced to what the floor needs: medians of ok times by benchmark/target/mode. */
    private record RunData(Map<String, Double> medians, Map<String, TargetInfo> targets, Map<String, String> benchmarks) {
        static RunData load(Store store, long runId) {
            Map<String, List<Double>> times = new HashMap<>();
            for (Measurement m : store.measurements(runId)) {
                if (m.outcome().isOk() && m.timeNs() != null) {
                    times.computeIfAbsent(m.benchmark() + "\u0000" + m.target() + "\u0000" + m.mode(), k -> new ArrayList<>())
                            .add(m.timeNs().doubleValue());
                }
            }
            Map<String, Double> medians = new HashMap<>();
            times.forEach((k, v) -> medians.put(k, Summary.of(v.stream().mapToDouble(Double::doubleValue).toArray()).median()));
            Map<String, TargetInfo> targets = new HashMap<>();
            store.targets(runId).forEach(t -> targets.put(t.targetId(), t));
            Map<String, String> benchmarks = new HashMap<>();
            for (BenchmarkInfo b : store.benchmarks(runId)) {
                benchmarks.put(b.name(), b.sourceHash() + "|" + b.params());
            }
            return new RunData(medians, targets, benchmarks);
        }
    }

}
