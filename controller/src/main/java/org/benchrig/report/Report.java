package org.benchrig.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.benchrig.bench.ResultRow;
import org.benchrig.config.StatsSettings;
import org.benchrig.result.FailureClass;
import org.benchrig.result.Measurement;
import org.benchrig.result.Mode;
import org.benchrig.stats.Bootstrap;
import org.benchrig.stats.Comparison;
import org.benchrig.stats.Outliers;
import org.benchrig.stats.SteadyState;
import org.benchrig.stats.Summary;
import org.benchrig.result.Units;
import org.benchrig.stats.Warnings;
import org.benchrig.store.BenchmarkInfo;
import org.benchrig.store.RunInfo;
import org.benchrig.store.ScalingRecords;
import org.benchrig.store.Store;
import org.benchrig.store.TargetInfo;
import org.benchrig.store.WarmupRecords;

/**
 * Everything a report says about one run, as plain maps and lists (the JSON format prints it as
 * is; Markdown and HTML render it): environment, reproduce commands, decision matrix, cold and warm
 * results, memory, energy, caveats.
 */
public final class Report {

    private Report() {
    }

    public static Map<String, Object> build(Store store, long runId, Path configFile, String configHash,
                                            StatsSettings stats) {
        RunInfo run = store.run(runId).orElseThrow(() -> new IllegalArgumentException("no run " + runId + " in " + store.path()));
        List<TargetInfo> targets = store.targets(runId);
        List<BenchmarkInfo> benchmarks = store.benchmarks(runId);
        List<Measurement> ms = store.measurements(runId);
        Map<String, TargetInfo> targetById = new HashMap<>();
        targets.forEach(t -> targetById.put(t.targetId(), t));
        Map<String, BenchmarkInfo> benchByName = new HashMap<>();
        benchmarks.forEach(b -> benchByName.put(b.name(), b));

        Map<String, Object> r = new LinkedHashMap<>();
        r.put("title", "benchrig report: run " + run.id() + " (" + run.suite() + ") on rig " + run.rig());
        Map<String, Object> runMap = new LinkedHashMap<>();
        runMap.put("id", run.id());
        runMap.put("rig", run.rig());
        runMap.put("suite", run.suite());
        runMap.put("state", run.state().dbValue());
        runMap.put("started_at", String.valueOf(run.startedAt()));
        runMap.put("ended_at", String.valueOf(run.endedAt()));
        runMap.put("repetitions", run.repetitions());
        runMap.put("targets", run.targets());
        runMap.put("config_hash", run.configHash());
        r.put("run", runMap);
        r.put("app_classes", AppClassMatrix.of(store, runId, stats));

        Map<String, Object> env = new LinkedHashMap<>(Environment.read());
        env.put("note", "controller host read when this report was written");
        env.put("config_file", configFile.toString());
        env.put("config_hash_now", configHash);
        env.put("config_matches_run", Objects.equals(configHash, run.configHash()));
        r.put("environment", env);

        List<Map<String, Object>> targetList = new ArrayList<>();
        for (TargetInfo t : targets) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", t.targetId());
            m.put("kind", t.kind());
            m.put("interpreter", t.interpreter());
            m.put("version", t.version());
            m.put("executable", t.executable());
            m.put("firmware_hash", t.firmwareHash());
            m.put("firmware_version", t.firmwareVersion());
            m.put("machine", t.machine());
            m.put("details", t.details());
            m.put("simulated", isSimulated(t));
            targetList.add(m);
        }
        r.put("targets", targetList);

        List<Map<String, Object>> benchList = new ArrayList<>();
        for (BenchmarkInfo b : benchmarks) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", b.name());
            m.put("class", b.workloadClass());
            m.put("tier", b.tier());
            m.put("params", b.params());
            m.put("source_sha256", b.sourceHash());
            benchList.add(m);
        }
        r.put("benchmarks", benchList);
        r.put("reproduce", reproduce(run, configFile, configHash, targets, benchmarks));

        List<ResultRow> rows = ResultRow.summarize(ms);
        List<Map<String, Object>> results = new ArrayList<>();
        for (ResultRow row : rows) {
            double[] t = times(ms, row.benchmark(), row.target(), row.mode());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("benchmark", row.benchmark());
            BenchmarkInfo bi = benchByName.get(row.benchmark());
            m.put("class", bi == null ? null : bi.workloadClass());
            m.put("target", row.target());
            m.put("mode", row.mode().name().toLowerCase(Locale.ROOT));
            m.put("n", row.time().n());
            m.put("median_ns", nan(row.time().median()));
            double[] ci = Bootstrap.median(t, 1 - stats.level(), Bootstrap.RESAMPLES, Bootstrap.SEED);
            m.put("ci_low_ns", nan(ci[0]));
            m.put("ci_high_ns", nan(ci[1]));
            m.put("min_ns", nan(row.time().min()));
            m.put("mad_percent", nan(row.time().spreadRatioPercent()));
            m.put("cv", nan(row.time().cv()));
            m.put("outliers", Outliers.count(t));
            m.put("heap_used_bytes", row.heapUsed());
            m.put("peak_rss_kb", row.peakRssKb());
            m.put("outcomes", row.outcomes());
            m.put("warnings", Warnings.of(t, Comparison.timed(ms.stream().filter(x -> x.benchmark().equals(row.benchmark())
                    && x.target().equals(row.target()) && x.mode() == row.mode()).toList())));
            m.put("values_ns", t);
            results.add(m);
        }
        r.put("results", results);
        r.put("decision_matrix", DecisionMatrix.build(ms, benchmarks, targets, stats.level(), stats.thresholdPercent()));
        r.put("where_time_goes", WhereTimeGoes.build(store, runId));
        r.put("memory", memory(rows));
        r.put("energy", energy(ms));
        r.put("concurrency", ConcurrencySection.of(new ScalingRecords(store).of(runId)));
        r.put("break_even", BreakEvenSection.of(ms, new WarmupRecords(store).of(runId), stats.level()));
        r.put("caveats", Caveats.of(run, targets, rows, ms, benchByName));
        r.put("statistics", Map.of(
                "level", stats.level(),
                "threshold_percent", stats.thresholdPercent(),
                "bootstrap", Bootstrap.RESAMPLES + " resamples, seed " + Bootstrap.SEED + ", percentile interval of the median",
                "warnings", "pyperf-style: fewer than " + Warnings.MIN_SAMPLES + " samples, stdev/mean above "
                        + Math.round(Warnings.MAX_CV * 100) + "%, shortest value under 1 ms",
                "steady_state", SteadyState.describe()));
        return r;
    }

    static Object nan(double v) {
        return Double.isNaN(v) ? null : v;
    }

    static boolean isSimulated(TargetInfo t) {
        String d = t.details() == null ? "" : t.details();
        return "board".equals(t.kind()) && (d.contains("kind=emulated") || d.contains("instruments=simulated"));
    }

    static double[] times(List<Measurement> ms, String benchmark, String target, Mode mode) {
        return ms.stream().filter(m -> m.benchmark().equals(benchmark) && m.target().equals(target) && m.mode() == mode
                        && m.outcome().isOk() && m.timeNs() != null)
                .mapToDouble(m -> m.timeNs().doubleValue()).toArray();
    }

    /**
     * The commands that repeat the run. They name {@code configFile} only when its hash is the run's;
     * a run made with another config gets a placeholder naming that config's hash instead.
     */
    static List<String> reproduce(RunInfo run, Path configFile, String configHash, List<TargetInfo> targets,
                                  List<BenchmarkInfo> benchmarks) {
        List<String> cmds = new ArrayList<>();
        boolean same = Objects.equals(configHash, run.configHash());
        String config = same ? configFile.toString() : "CONFIG";
        if (same) {
            cmds.add("sha256sum " + configFile + "   # must print " + run.configHash());
        } else {
            cmds.add("# run " + run.id() + " was made with another config than " + configFile + " (sha256 " + configHash
                    + "): set CONFIG to the file whose sha256 is " + run.configHash());
            cmds.add("sha256sum $CONFIG   # must print " + run.configHash());
            config = "$CONFIG";
        }
        configFile = Path.of(config);
        cmds.add("./benchrig setup");
        cmds.add("./benchrig run --config " + configFile + " --suite " + run.suite() + " --targets "
                + String.join(",", run.targets()) + " --repeat " + run.repetitions());
        cmds.add("./benchrig report --config " + configFile + " --run <the new run id> --format md");
        cmds.add("./benchrig compare --config " + configFile + " " + run.id() + " <the new run id>");
        for (TargetInfo t : targets) {
            if (!"host".equals(t.kind()) || benchmarks.isEmpty()) {
                continue;
            }
            BenchmarkInfo b = benchmarks.get(0);
            cmds.add("# one host sample by hand, " + t.targetId() + " (" + t.interpreter() + " " + t.version() + "):");
            cmds.add("echo 0 | " + t.executable() + " firmware-scripts/harness/cold.py firmware-scripts/benchmarks "
                    + b.name() + " " + b.tier() + "   # cold: import + first call; time the whole process around it");
            cmds.add("echo 0 | " + t.executable() + " firmware-scripts/harness/hostrun.py --bench-dir firmware-scripts/benchmarks"
                    + " --bench " + b.name() + " --tier " + b.tier() + " --values 3   # one warm worker process");
        }
        return cmds;
    }

    static List<Map<String, Object>> memory(List<ResultRow> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ResultRow row : rows) {
            if (row.heapUsed() == null && row.peakRssKb() == null && !row.outcomes().containsKey(FailureClass.DOES_NOT_FIT.name())) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("benchmark", row.benchmark());
            m.put("target", row.target());
            m.put("mode", row.mode().name().toLowerCase(Locale.ROOT));
            m.put("heap_used_bytes", row.heapUsed());
            m.put("peak_rss_kb", row.peakRssKb());
            m.put("fits", !row.outcomes().containsKey(FailureClass.DOES_NOT_FIT.name()));
            out.add(m);
        }
        return out;
    }

    static Map<String, Object> energy(List<Measurement> ms) {
        Map<String, Object> e = new LinkedHashMap<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, List<Measurement>> groups = new TreeMap<>();
        for (Measurement m : ms) {
            if (m.energy() != null) {
                groups.computeIfAbsent(m.benchmark() + " " + m.target(), k -> new ArrayList<>()).add(m);
            }
        }
        groups.forEach((k, list) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("benchmark_target", k);
            row.put("median_mj", Summary.of(list.stream().mapToDouble(m -> m.energy().millijoules()).toArray()).median());
            row.put("instrument", list.get(0).energy().instrument());
            row.put("simulated", list.get(0).energy().simulated());
            rows.add(row);
        });
        e.put("rows", rows);
        e.put("note", rows.isEmpty() ? "no energy in this run: no power meter measured it (or the store kept none)" : "");
        return e;
    }

    /** "1.23 ms" for a number of nanoseconds that may be null. */
    static String ns(Object v) {
        return v == null ? "-" : Units.duration(((Number) v).doubleValue());
    }

    static Comparator<Map<String, Object>> byKeys(String... keys) {
        Comparator<Map<String, Object>> c = Comparator.comparing(m -> String.valueOf(m.get(keys[0])));
        for (int i = 1; i < keys.length; i++) {
            String k = keys[i];
            c = c.thenComparing(m -> String.valueOf(m.get(k)));
        }
        return c;
    }
}
