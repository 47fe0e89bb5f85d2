package org.benchrig.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.benchrig.result.FailureClass;
import org.benchrig.result.Measurement;
import org.benchrig.result.Mode;
import org.benchrig.stats.MannWhitney;
import org.benchrig.stats.NoiseFloor;
import org.benchrig.stats.Summary;
import org.benchrig.result.Units;
import org.benchrig.store.BenchmarkInfo;
import org.benchrig.store.TargetInfo;

/**
 * App class x interpreter, computed from the run's data. Each cell holds base numbers: the
 * geometric mean over the class's benchmarks of the median cold and warm times (ns), or "does not
 * fit"; a host's cold time is its whole process (spawn to the end of the first call), with the
 * first call alone beside it. Each class is decided by two tests, cold (short-lived process) and
 * warm (long-running process, steady state): the fastest target against the runner-up, with the
 * ratio of their geometric means and a Mann-Whitney p-value over the pooled samples of the class,
 * each benchmark's samples divided by the runner-up's median on it. A test names a winner only
 * when p is below the level AND the change is above max(threshold, the within-run noise floor);
 * a warm test also needs both targets steady on every benchmark of the class. Otherwise its
 * winner is null and {@code no_verdict} says why.
 */
public final class DecisionMatrix {
    private DecisionMatrix() {
    }

    /** With the default level 0.05 and threshold 2 %. */
    public static Map<String, Object> build(List<Measurement> ms, List<BenchmarkInfo> benchmarks, List<TargetInfo> targets) {
        return build(ms, benchmarks, targets, 0.05, 2.0);
    }

    public static Map<String, Object> build(List<Measurement> ms, List<BenchmarkInfo> benchmarks, List<TargetInfo> targets,
                                            double level, double thresholdPercent) {
        Map<String, List<String>> byClass = new TreeMap<>();
        benchmarks.forEach(b -> byClass.computeIfAbsent(b.workloadClass(), k -> new ArrayList<>()).add(b.name()));
        List<String> ids = targets.stream().map(TargetInfo::targetId).toList();
        Map<String, String> label = new LinkedHashMap<>();
        targets.forEach(t -> label.put(t.targetId(), t.targetId() + " (" + t.interpreter() + " " + t.version() + ")"));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (var e : byClass.entrySet()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("class", e.getKey());
            row.put("benchmarks", e.getValue());
            Map<String, Object> cells = new LinkedHashMap<>();
            for (String t : ids) {
                Map<String, Object> cell = new LinkedHashMap<>();
                boolean fits = ms.stream().noneMatch(m -> m.target().equals(t) && e.getValue().contains(m.benchmark())
                        && m.outcome().failure() == FailureClass.DOES_NOT_FIT);
                cell.put("fits", fits);
                cell.put("cold_ns", geomean(ms, e.getValue(), t, Mode.COLD));
                cell.put("cold_first_call_ns", geomean(ms, e.getValue(), t, null));
                cell.put("warm_ns", geomean(ms, e.getValue(), t, Mode.WARM));
                cell.put("unsteady", unsteady(ms, e.getValue(), t));
                cells.put(t, cell);
            }
            row.put("cells", cells);
            row.put("cold_test", test(ms, e.getValue(), ids, Mode.COLD, level, thresholdPercent));
            row.put("warm_test", test(ms, e.getValue(), ids, Mode.WARM, level, thresholdPercent));
            rows.add(row);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("targets", label);
        out.put("rows", rows);
        out.put("rule", "cells: geometric mean over the class's benchmarks of median times (a host's cold time is the whole "
                + "process, spawn to the end of the first call); a class is decided by the cold test (short-lived processes) "
                + "and the warm test (long-running processes): fastest vs runner-up, ratio of geometric means, Mann-Whitney p "
                + "over the class's samples normalised per benchmark by the runner-up's median; a winner only when p < "
                + level + " and the change exceeds max(" + thresholdPercent + "%, the within-run noise floor), and for warm "
                + "only when both were steady, else no verdict with the reason");
        return out;
    }

    /**
     * The times a test decides on: warm, time per call; cold, a host's whole process (wall) and a
     * board's first call; {@code mode == null}: the cold first call alone.
     */
    public static double[] times(List<Measurement> ms, String benchmark, String target, Mode mode) {
        Mode m = mode == null ? Mode.COLD : mode;
        return ms.stream().filter(x -> x.benchmark().equals(benchmark) && x.target().equals(target) && x.mode() == m
                        && x.outcome().isOk() && x.timeNs() != null)
                .mapToDouble(x -> mode == Mode.COLD && x.host() != null && x.wallNs() != null ? x.wallNs() : x.timeNs())
                .toArray();
    }

    /** The class's benchmarks on which the target has warm values from a process that never got steady. */
    static List<String> unsteady(List<Measurement> ms, List<String> benches, String target) {
        return benches.stream().filter(b -> ms.stream().anyMatch(m -> m.target().equals(target)
                && m.benchmark().equals(b) && m.mode() == Mode.WARM && m.unsteady())).toList();
    }

    /** The samples a test decides on, of one benchmark on one target (lower is better). */
    @FunctionalInterface
    interface Samples {
        double[] of(String benchmark, String target);
    }

    /** Geometric mean of medians over benchmarks; null when a benchmark has no ok sample on the target. */
    static Double geomean(List<Measurement> ms, List<String> benches, String target, Mode mode) {
        return geomean(benches, target, (b, t) -> times(ms, b, t, mode));
    }

    static Double geomean(List<String> benches, String target, Samples samples) {
        double logSum = 0;
        for (String b : benches) {
            double[] v = samples.of(b, target);
            if (v.length == 0) {
                return null;
            }
            logSum += Math.log(Summary.of(v).median());
        }
        return Math.exp(logSum / benches.size());
    }

    /** One test (cold or warm) of the fastest of {@code targets} against the runner-up on {@code benches}. */
    public static Map<String, Object> test(List<Measurement> ms, List<String> benches, List<String> targets, Mode mode,
                                    double level, double thresholdPercent) {
        return test(ms, benches, targets, mode, mode.name().toLowerCase(Locale.ROOT), (b, t) -> times(ms, b, t, mode),
                level, thresholdPercent);
    }

    /**
     * The test on any lower-is-better samples (e.g. per-value p95 latency): fastest vs runner-up as
     * above; {@code mode} WARM also needs both steady; {@code label} names the test in its text.
     */
    static Map<String, Object> test(List<Measurement> ms, List<String> benches, List<String> targets, Mode mode,
                                    String label, Samples samples, double level, double thresholdPercent) {
        List<String> ranked = new ArrayList<>();
        Map<String, Double> score = new LinkedHashMap<>();
        for (String t : targets) {
            Double g = geomean(benches, t, samples);
            if (g != null) {
                score.put(t, g);
                ranked.add(t);
            }
        }
        ranked.sort((a, b) -> Double.compare(score.get(a), score.get(b)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", label);
        if (ranked.isEmpty()) {
            out.put("winner", null);
            out.put("text", "no target has " + out.get("mode") + " times for every benchmark of this class");
            return out;
        }
        String w = ranked.get(0);
        out.put("winner", null);
        out.put("fastest", w);
        if (ranked.size() == 1) {
            out.put("no_verdict", "nothing to compare with");
            out.put("text", w + " is the only target with " + out.get("mode") + " times: no verdict");
            return out;
        }
        String r = ranked.get(1);
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        double noise = 0;   // the noisiest benchmark's within-run floor: the class is judged by its worst
        for (String b : benches) {
            noise = Math.max(noise, NoiseFloor.withinRun(samples.of(b, w), samples.of(b, r)));
            double ref = Summary.of(samples.of(b, r)).median();
            for (double v : samples.of(b, w)) {
                xs.add(v / ref);
            }
            for (double v : samples.of(b, r)) {
                ys.add(v / ref);
            }
        }
        double[] x = xs.stream().mapToDouble(Double::doubleValue).toArray();
        double[] y = ys.stream().mapToDouble(Double::doubleValue).toArray();
        MannWhitney mw = MannWhitney.test(x, y);
        double ratio = score.get(w) / score.get(r);
        double floor = Math.max(thresholdPercent / 100, noise);
        List<String> why = new ArrayList<>();
        if (!(mw.p() < level)) {
            why.add(String.format(Locale.ROOT, "not significant (p=%.4f >= %s)", mw.p(), level));
        }
        // the change as "x times faster" (runner-up / winner - 1): a 20x speed-up is 1900%, not 95%
        double change = 1 / ratio - 1;
        if (!(change > floor)) {
            why.add(String.format(Locale.ROOT, "change %.1f%% within the noise floor %.1f%%", change * 100, floor * 100));
        }
        if (mode == Mode.WARM) {
            for (String t : List.of(w, r)) {
                List<String> u = unsteady(ms, benches, t);
                if (!u.isEmpty()) {
                    why.add(t + " never reached steady state on " + String.join(", ", u));
                }
            }
        }
        out.put("noise_floor", floor);
        if (why.isEmpty()) {
            out.put("winner", w);
        } else {
            out.put("no_verdict", String.join("; ", why));
        }
        out.put("runner_up", r);
        out.put("ratio", ratio);
        out.put("winner_ns", score.get(w));
        out.put("runner_up_ns", score.get(r));
        out.put("p", mw.p());
        out.put("samples", xs.size() + "+" + ys.size());
        out.put("text", String.format(Locale.ROOT, "%s: %s %s vs %s %s (%.2fx), Mann-Whitney p=%.4f on %d+%d samples",
                out.get("mode"), w, Units.duration(score.get(w)), r, Units.duration(score.get(r)), ratio, mw.p(), xs.size(), ys.size())
                + (why.isEmpty() ? "" : ": no verdict, " + out.get("no_verdict")));
        return out;
    }
}
