package org.benchrig.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.benchrig.result.Measurement;
import org.benchrig.store.BenchmarkInfo;
import org.benchrig.store.RunInfo;
import org.benchrig.store.RunState;
import org.benchrig.store.Store;
import org.benchrig.store.TargetInfo;

/**
 * How much a target's medians move between runs when nothing about it changed: the smallest
 * change a verdict may claim on that target. MicroPython on a board (or QEMU with -icount) repeats
 * within about 0.15%; desktop interpreters move by several percent with host load. One threshold
 * cannot serve both, so every comparison uses max(threshold, floor(target, mode)).
 *
 * <p>floor = max(within-run, between-run):
 * <ul>
 * <li>within-run: {@value #WITHIN_RUN_FACTOR} x the larger robust CV (1.4826 MAD / median) of the
 *     two samples being compared;</li>
 * <li>between-run: from the store, over pairs of consecutive done runs before the newer run where
 *     the target's build (interpreter, version, executable, firmware hash) and the benchmark's
 *     source hash and parameters are unchanged, the {@value #PERCENTILE} quantile of
 *     |median_new / median_old - 1|. With fewer than {@value #MIN_PAIRS} such values the default
 *     applies: {@value #HOST_DEFAULT} for hosts, 0 for boards.</li>
 * </ul>
 */
public final class NoiseFloor {
    public static final double WITHIN_RUN_FACTOR = 3.0;
    /** 1.4826 MAD estimates the standard deviation of normal data. */
    public static final double MAD_TO_SIGMA = 1.4826;
    public static final double PERCENTILE = 0.9;
    public static final int MIN_PAIRS = 3;
    /** Desktop baselines move by several percent between runs on a shared machine (issue 8). */
    public static final double HOST_DEFAULT = 0.05;
    /** How many earlier runs are read for the between-run floor. */
    public static final int HISTORY_RUNS = 30;

    private NoiseFloor() {
    }

    public static double withinRun(double[] a, double[] b) {
        return WITHIN_RUN_FACTOR * Math.max(robustCv(a), robustCv(b));
    }

    static double robustCv(double[] v) {
        Summary s = Summary.of(v);
        return s.n() < 2 || s.median() == 0 ? 0 : MAD_TO_SIGMA * s.mad() / Math.abs(s.median());
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
            if (list.size() >= MIN_PAIRS) {
                double[] v = list.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                out.put(key, Summary.quantileSorted(v, PERCENTILE));
            }
        });
        return out;
    }

    /** The floor to use for a target without enough history. */
    public static double defaultFor(String kind) {
        return "host".equals(kind) ? HOST_DEFAULT : 0.0;
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

    static double[] sorted(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s;
    }
}
