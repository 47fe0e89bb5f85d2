package org.benchrig.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.benchrig.bench.ResultRow;
import org.benchrig.result.Energy;
import org.benchrig.result.Measurement;
import org.benchrig.result.MeasurementRows;
import org.benchrig.stats.Summary;
import org.benchrig.store.BenchmarkInfo;
import org.benchrig.store.RunInfo;
import org.benchrig.store.Store;

/**
 * What the API says about a run: its record, its summary (a row per benchmark x target x mode,
 * with energy and the first failure's detail) and its measurement rows (the exports' rows).
 */
final class RunDocs {
    private final Store store;

    RunDocs(Store store) {
        this.store = store;
    }

    static Map<String, Object> runJson(RunInfo r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("rig", r.rig());
        m.put("suite", r.suite());
        m.put("state", r.state().dbValue());
        m.put("targets", r.targets());
        m.put("repetitions", r.repetitions());
        m.put("startedAt", r.startedAt() == null ? null : r.startedAt().toString());
        m.put("endedAt", r.endedAt() == null ? null : r.endedAt().toString());
        Instant end = r.endedAt() != null ? r.endedAt() : Instant.now();
        m.put("durationS", r.startedAt() == null ? null : Duration.between(r.startedAt(), end).toMillis() / 1000.0);
        m.put("reason", r.reason());
        m.put("configHash", r.configHash());
        return m;
    }

    /** The run page's document: the run, its targets and benchmarks, a summary row per group, the downloads. */
    Map<String, Object> detail(RunInfo r) {
        List<Measurement> ms = store.measurements(r.id());
        List<BenchmarkInfo> benches = store.benchmarks(r.id());
        Map<String, String> classes = new LinkedHashMap<>();
        benches.forEach(b -> classes.put(b.name(), b.workloadClass()));
        Map<String, List<Measurement>> failuresByGroup = new TreeMap<>();
        Map<String, List<Energy>> energyByGroup = new TreeMap<>();
        for (Measurement m : ms) {
            if (m.outcome().isOk() && m.energy() != null) {
                energyByGroup.computeIfAbsent(group(m.benchmark(), m.target(), m.mode()), k -> new ArrayList<>())
                        .add(m.energy());
            }
            if (!m.outcome().isOk()) {
                failuresByGroup.computeIfAbsent(group(m.benchmark(), m.target(), m.mode()), k -> new ArrayList<>()).add(m);
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ResultRow row : ResultRow.summarize(ms)) {
            String group = group(row.benchmark(), row.target(), row.mode());
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("benchmark", row.benchmark());
            o.put("class", classes.get(row.benchmark()));
            o.put("target", row.target());
            o.put("mode", row.mode().name().toLowerCase());
            o.put("tier", row.tier());
            o.put("n", row.time().n());
            o.put("medianNs", finite(row.time().median()));
            o.put("minNs", finite(row.time().min()));
            o.put("maxNs", finite(row.time().max()));
            o.put("madNs", finite(row.time().mad()));
            o.put("spreadPercent", row.time().n() > 1 ? finite(row.time().spreadRatioPercent()) : null);
            o.put("wallMedianNs", finite(row.wall().median()));
            o.put("heapUsed", row.heapUsed());
            o.put("peakRssKb", row.peakRssKb());
            o.put("energy", energySummary(energyByGroup.get(group)));
            o.put("outcomes", row.outcomes());
            o.put("outcome", row.outcomeLabel());
            List<Measurement> f = failuresByGroup.getOrDefault(group, List.of());
            o.put("failureDetail", f.isEmpty() ? null : f.get(0).outcome().detail());
            rows.add(o);
        }
        Map<String, Object> doc = new LinkedHashMap<>(runJson(r));
        doc.put("targetInfo", store.targets(r.id()));
        doc.put("benchmarks", benches);
        doc.put("rows", rows);
        doc.put("downloads", Map.of("csv", "/api/runs/" + r.id() + "/measurements.csv",
                "json", "/api/runs/" + r.id() + "/measurements.json"));
        return doc;
    }

    private static String group(String benchmark, String target, Object mode) {
        return benchmark + "/" + target + "/" + mode;
    }

    /** The run's measurements as the exports' rows (docs/api.md). */
    List<Map<String, Object>> rows(long runId) {
        Map<String, String> classes = new LinkedHashMap<>();
        store.benchmarks(runId).forEach(b -> classes.put(b.name(), b.workloadClass()));
        return store.measurements(runId).stream().map(m -> MeasurementRows.row(m, classes.get(m.benchmark()))).toList();
    }

    /**
     * Energy of one benchmark x target x mode over its successful repetitions: medians of mJ and of
     * average and peak mA, whether any value was simulated, and the union of the windows' flags.
     */
    static Map<String, Object> energySummary(List<Energy> es) {
        if (es == null || es.isEmpty()) {
            return null;
        }
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("n", es.size());
        e.put("millijoules", finite(Summary.of(es.stream().mapToDouble(Energy::millijoules).toArray()).median()));
        e.put("averageMilliamps", finite(Summary.of(es.stream().mapToDouble(Energy::averageMilliamps).toArray()).median()));
        e.put("peakMilliamps", finite(Summary.of(es.stream().mapToDouble(Energy::peakMilliamps).toArray()).median()));
        e.put("samples", finite(Summary.of(es.stream().mapToDouble(Energy::samples).toArray()).median()));
        e.put("instrument", es.get(0).instrument());
        e.put("simulated", es.stream().anyMatch(Energy::simulated));
        e.put("flags", flags(es));
        e.put("flagged", es.stream().filter(x -> x.flags() != null && !x.flags().isBlank()).count());
        return e;
    }

    /** Distinct flags of the windows, in order of first appearance. */
    static List<String> flags(List<Energy> es) {
        LinkedHashSet<String> f = new LinkedHashSet<>();
        for (Energy x : es) {
            if (x.flags() != null) {
                for (String part : x.flags().split(",")) {
                    if (!part.isBlank()) {
                        f.add(part.strip());
                    }
                }
            }
        }
        return List.copyOf(f);
    }

    /** JSON has no NaN or infinity: a value that is not a number is null. */
    static Double finite(double d) {
        return Double.isFinite(d) ? d : null;
    }
}
