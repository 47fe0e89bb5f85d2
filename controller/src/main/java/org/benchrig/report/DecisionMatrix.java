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
import org.benchrig.stats.Summary;
import org.benchrig.stats.Units;
import org.benchrig.store.BenchmarkInfo;
import org.benchrig.store.TargetInfo;

/**
 * App class x interpreter, computed from the run's data. Each cell holds base numbers: the
 * geometric mean over the class's benchmarks of the median cold and warm times (ns), or "does not
 * fit". Each class is decided by two tests, cold (short-lived process: start-up and JIT warm-up
 * included) and warm (long-running process, steady state): the fastest target against the
 * runner-up, with the ratio of their geometric means and a Mann-Whitney p-value over the pooled
 * samples of the class, each benchmark's samples divided by the runner-up's median on it.
 */
public final class DecisionMatrix {
    private DecisionMatrix() {
    }

    public static Map<String, Object> build(List<Measurement> ms, List<BenchmarkInfo> benchmarks, List<TargetInfo> targets) {
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
                cell.put("warm_ns", geomean(ms, e.getValue(), t, Mode.WARM));
                cells.put(t, cell);
            }
            row.put("cells", cells);
            row.put("cold_test", test(ms, e.getValue(), ids, Mode.COLD));
            row.put("warm_test", test(ms, e.getValue(), ids, Mode.WARM));
            rows.add(row);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("targets", label);
        out.put("rows", rows);
        out.put("rule", "cells: geometric mean over the class's benchmarks of median times; a class is decided by the cold test "
                + "(short-lived processes) and the warm test (long-running processes): fastest vs runner-up, ratio of "
                + "geometric means, Mann-Whitney p over the class's samples normalised per benchmark by the runner-up's median");
        return out;
    }

    /** Geometric mean of medians over benchmarks; null when a benchmark has no ok sample on the target. */
    static Double geomean(List<Measurement> ms, List<String> benches, String target, Mode mode) {
        double logSum = 0;
        for (String b : benches) {
            double[] v = Report.times(ms, b, target, mode);
            if (v.length == 0) {
                return null;
            }
            logSum += Math.log(Summary.of(v).median());
        }
        return Math.exp(logSum / benches.size());
    }

    static Map<String, Object> test(List<Measurement> ms, List<String> benches, List<String> targets, Mode mode) {
        List<String> ranked = new ArrayList<>();
        Map<String, Double> score = new LinkedHashMap<>();
        for (String t : targets) {
            Double g = geomean(ms, benches, t, mode);
            if (g != null) {
                score.put(t, g);
                ranked.add(t);
            }
        }
        ranked.sort((a, b) -> Double.compare(score.get(a), score.get(b)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", mode.name().toLowerCase(Locale.ROOT));
        if (ranked.isEmpty()) {
            out.put("winner", null);
            out.put("text", "no target has " + out.get("mode") + " times for every benchmark of this class");
            return out;
        }
        String w = ranked.get(0);
        out.put("winner", w);
        if (ranked.size() == 1) {
            out.put("text", w + " is the only target with " + out.get("mode") + " times");
            return out;
        }
        String r = ranked.get(1);
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (String b : benches) {
            double ref = Summary.of(Report.times(ms, b, r, mode)).median();
            for (double v : Report.times(ms, b, w, mode)) {
                xs.add(v / ref);
            }
            for (double v : Report.times(ms, b, r, mode)) {
                ys.add(v / ref);
            }
        }
        MannWhitney mw = MannWhitney.test(xs.stream().mapToDouble(Double::doubleValue).toArray(),
                ys.stream().mapToDouble(Double::doubleValue).toArray());
        double ratio = score.get(w) / score.get(r);
        out.put("runner_up", r);
        out.put("ratio", ratio);
        out.put("winner_ns", score.get(w));
        out.put("runner_up_ns", score.get(r));
        out.put("p", mw.p());
        out.put("samples", xs.size() + "+" + ys.size());
        out.put("text", String.format(Locale.ROOT, "%s: %s %s vs %s %s (%.2fx), Mann-Whitney p=%.4f on %d+%d samples",
                out.get("mode"), w, Units.duration(score.get(w)), r, Units.duration(score.get(r)), ratio, mw.p(), xs.size(), ys.size()));
        return out;
    }
}
