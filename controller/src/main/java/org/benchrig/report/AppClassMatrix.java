package org.benchrig.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.benchrig.config.StatsSettings;
import org.benchrig.result.Measurement;
import org.benchrig.result.Mode;
import org.benchrig.stats.BreakEven;
import org.benchrig.stats.Summary;
import org.benchrig.store.BenchmarkInfo;
import org.benchrig.store.ScalingRecords;
import org.benchrig.store.Store;
import org.benchrig.store.TargetInfo;
import org.benchrig.store.WarmupRecords;

/**
 * The decision matrix by app class (DESIGN.md's AppClass): rows cli, service, pipeline, embedded,
 * one column per target, filled from the app workloads of a run (benchmarks whose CLASS is the
 * row's id). Each row is decided by its own rule, with {@link DecisionMatrix}'s test (significance
 * and the noise floor): cli on whole-process cold time, service on warm p95 latency, pipeline on
 * warm time per call (throughput), embedded on fit first (boards only), then warm time per loop.
 * A row names a pick or says "no verdict" with the reason; its {@code tests} are the checks a user
 * runs on their own app, filled from the data (a list others may extend, e.g. break-even lines).
 */
public final class AppClassMatrix {
    /** Row ids in order, with their title and deciding rule. */
    static final List<String[]> ROWS = List.of(
            new String[] {"cli", "short-lived CLI / serverless",
                    "decides on the whole-process cold time (spawn to the end of the job; RSS shown beside it)"},
            new String[] {"service", "long-running service",
                    "decides on warm p95 latency per request (steady processes only; RSS shown beside it)"},
            new String[] {"pipeline", "data pipeline",
                    "decides on warm throughput (time per call of a batch job; the cold time is shown for short jobs)"},
            new String[] {"embedded", "embedded device",
                    "decides on fit (heap) first, boards only, then warm time per loop; energy per loop where measured"});

    private AppClassMatrix() {
    }

    /** The matrix of a stored run, with the run's concurrency findings (the report, results --format json, the web). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> of(Store store, long runId, StatsSettings stats) {
        Map<String, String> gil = (Map<String, String>) ConcurrencySection.of(new ScalingRecords(store).of(runId)).get("findings");
        List<Measurement> ms = store.measurements(runId);
        Map<String, Object> matrix = build(ms, store.benchmarks(runId), store.targets(runId), gil, stats.level(),
                stats.thresholdPercent());
        withBreakEven(matrix, BreakEvenSection.analyses(ms, new WarmupRecords(store).of(runId), stats.level()));
        return matrix;
    }

    /** The rows whose pick depends on how long the process lives: a CLI job, a service process. */
    private static final java.util.Set<String> BY_LIFETIME = java.util.Set.of("cli", "service");

    /**
     * Adds to the cli and service rows what the break-even of each of their workloads says: a job
     * shorter than it picks the faster starter, a longer one the interpreter that overtakes.
     */
    @SuppressWarnings("unchecked")
    static void withBreakEven(Map<String, Object> matrix, List<BreakEven> breakEvens) {
        for (Map<String, Object> row : (List<Map<String, Object>>) matrix.get("rows")) {
            if (!BY_LIFETIME.contains(row.get("app_class"))) {
                continue;
            }
            List<String> workloads = (List<String>) row.get("workloads");
            List<String> evidence = (List<String>) row.get("evidence");
            for (BreakEven be : breakEvens) {
                if (workloads.contains(be.benchmark())) {
                    evidence.add("break-even on " + be.benchmark() + " (" + be.starter() + " vs " + be.overtaker() + "): "
                            + be.advice());
                }
            }
        }
    }

    /**
     * @param gilFindings target id to the concurrency section's GIL finding (service evidence)
     */
    public static Map<String, Object> build(List<Measurement> ms, List<BenchmarkInfo> benchmarks, List<TargetInfo> targets,
                                            Map<String, String> gilFindings, double level, double thresholdPercent) {
        Map<String, Object> labels = new LinkedHashMap<>();
        targets.forEach(t -> labels.put(t.targetId(), t.targetId() + " (" + t.interpreter() + " " + t.version() + ")"));
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, String> rules = new LinkedHashMap<>();
        for (String[] def : ROWS) {
            rules.put(def[0], def[2]);
            List<String> workloads = benchmarks.stream().filter(b -> def[0].equals(b.workloadClass()))
                    .map(BenchmarkInfo::name).sorted().toList();
            rows.add(row(def, workloads, ms, targets, gilFindings, level, thresholdPercent));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("targets", labels);
        out.put("rules", rules);
        out.put("rows", rows);
        out.put("note", "cells: medians of the app workloads' measurements (a host's cold time is its whole process); "
                + "p95 = median over warm values of each value's p95 per operation; a pick needs Mann-Whitney p < " + level
                + " and a change above max(" + thresholdPercent + "%, the within-run noise floor), else no verdict");
        return out;
    }

    static Map<String, Object> row(String[] def, List<String> workloads, List<Measurement> ms, List<TargetInfo> targets,
                                   Map<String, String> gil, double level, double threshold) {
        String cls = def[0];
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("app_class", cls);
        row.put("title", def[1]);
        row.put("rule", def[2]);
        row.put("workloads", workloads);
        Map<String, Object> cells = new LinkedHashMap<>();
        List<String> candidates = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        for (TargetInfo t : targets) {
            String reason = notApplicable(cls, t, ms, workloads);
            Map<String, Object> cell = new LinkedHashMap<>();
            cell.put("applicable", reason == null);
            cell.put("reason", reason);
            List<Map<String, Object>> ws = new ArrayList<>();
            boolean allFit = true;
            for (String w : workloads) {
                Map<String, Object> wc = WorkloadCell.of(ms, w, t.targetId());
                allFit &= Boolean.TRUE.equals(wc.get("fits"));
                ws.add(wc);
                if (wc.get("heap_needed_bytes") != null) {
                    evidence.add(w + " does not fit on " + t.targetId() + ": it needed more than the "
                            + wc.get("heap_free_bytes") + " bytes of heap free" + (wc.get("heap_estimate_bytes") == null ? ""
                            : ", about " + wc.get("heap_estimate_bytes") + " bytes for all its operations"));
                }
            }
            cell.put("workloads", ws);
            cell.put("fits", allFit);
            cells.put(t.targetId(), cell);
            if (reason == null) {
                candidates.add(t.targetId());
            }
        }
        row.put("cells", cells);
        if (workloads.isEmpty()) {
            row.put("pick", null);
            row.put("no_verdict", "this run has no " + cls + " workload (suite without app workloads)");
            row.put("evidence", evidence);
            row.put("tests", List.of());
            return row;
        }
        Map<String, Object> test = decide(cls, workloads, candidates, ms, level, threshold, evidence);
        if (test != null) {
            evidence.add(0, String.valueOf(test.get("text")));
            Object w = test.get("winner");
            row.put("pick", w);
            if (w != null && test.containsKey("confidence")) {
                row.put("confidence", test.get("confidence"));
            } else if (w != null) {
                row.put("confidence", String.format(Locale.ROOT, "p=%.4f, change %.0f%% above the noise floor %.1f%%",
                        (Double) test.get("p"), (1 / (Double) test.get("ratio") - 1) * 100, (Double) test.get("noise_floor") * 100));
            } else {
                row.put("no_verdict", test.containsKey("no_verdict") ? "intervals overlap: " + test.get("no_verdict")
                        : String.valueOf(test.get("text")));
            }
        }
        if ("service".equals(cls)) {
            candidates.forEach(t -> {
                if (gil.containsKey(t)) {
                    evidence.add(t + " concurrency: " + gil.get(t));
                }
            });
        }
        row.put("evidence", evidence);
        row.put("tests", AppClassTests.of(cls, workloads, ms, targets, gil, row));
        return row;
    }

    /** Why a target cannot serve this app class, or null when it can. */
    static String notApplicable(String cls, TargetInfo t, List<Measurement> ms, List<String> workloads) {
        boolean board = "board".equals(t.kind());
        return switch (cls) {
            case "cli" -> board ? "a board runs one program from reset: there is no process to start per job" : null;
            case "service" -> board ? "a board has no sockets (" + t.interpreter() + " " + t.version()
                    + " on this firmware has no network stack)" : null;
            case "embedded" -> board ? null : "a desktop interpreter process, not a microcontroller: "
                    + rss(ms, workloads, t.targetId()) + " peak RSS against a board's KB of heap";
            default -> null;
        };
    }

    private static String rss(List<Measurement> ms, List<String> workloads, String target) {
        Long kb = ms.stream().filter(m -> m.target().equals(target) && workloads.contains(m.benchmark()))
                .map(m -> m.heap().peakRssKb()).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
        return kb == null ? "unknown" : String.format(Locale.ROOT, "%.1f MB", kb / 1024.0);
    }

    /** The row's test among the candidates, or null when there is nothing to decide. */
    static Map<String, Object> decide(String cls, List<String> workloads, List<String> candidates, List<Measurement> ms,
                                      double level, double threshold, List<String> evidence) {
        return switch (cls) {
            case "cli" -> DecisionMatrix.test(ms, workloads, candidates, Mode.COLD, level, threshold);
            case "service" -> DecisionMatrix.test(ms, workloads, candidates, Mode.WARM, "warm p95",
                    (b, t) -> WorkloadCell.p95s(ms, b, t), level, threshold);
            case "pipeline" -> DecisionMatrix.test(ms, workloads, candidates, Mode.WARM, level, threshold);
            default -> embedded(workloads, candidates, ms, level, threshold, evidence);
        };
    }

    /** Boards on which the most embedded workloads fit; among them, the test on the workloads that fit on all. */
    static Map<String, Object> embedded(List<String> workloads, List<String> boards, List<Measurement> ms, double level,
                                        double threshold, List<String> evidence) {
        if (boards.isEmpty()) {
            Map<String, Object> none = new LinkedHashMap<>();
            none.put("winner", null);
            none.put("text", "no board in this run: an embedded verdict needs one");
            return none;
        }
        Map<String, List<String>> fitting = new LinkedHashMap<>();
        boards.forEach(b -> fitting.put(b, workloads.stream().filter(w -> WorkloadCell.fits(ms, w, b)).toList()));
        int most = fitting.values().stream().mapToInt(List::size).max().orElse(0);
        List<String> best = boards.stream().filter(b -> fitting.get(b).size() == most).toList();
        List<String> common = workloads.stream().filter(w -> best.stream().allMatch(b -> fitting.get(b).contains(w))).toList();
        List<String> nowhere = workloads.stream().filter(w -> boards.stream().noneMatch(b -> fitting.get(b).contains(w))).toList();
        if (!nowhere.isEmpty()) {
            evidence.add(String.join(", ", nowhere) + " fits on no board of this run: the pick holds for loops like "
                    + (common.isEmpty() ? "none" : String.join(", ", common)) + " only");
        }
        if (common.isEmpty()) {
            Map<String, Object> none = new LinkedHashMap<>();
            none.put("winner", null);
            none.put("no_verdict", "no embedded workload fits on any board");
            none.put("text", "fit: no embedded workload fits on any board of this run");
            return none;
        }
        if (best.size() == 1) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("winner", best.get(0));
            one.put("confidence", "decided by fit alone: no other board runs these workloads");
            one.put("text", "fit: only " + best.get(0) + " runs " + String.join(", ", common));
            return one;
        }
        return DecisionMatrix.test(ms, common, best, Mode.WARM, level, threshold);
    }

    static Double median(double[] v) {
        return v.length == 0 ? null : Summary.of(v).median();
    }
}
