package org.benchrig.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.benchrig.bench.Benchmark;
import org.benchrig.bench.Catalog;
import org.benchrig.result.Measurement;
import org.benchrig.stats.Summary;
import org.benchrig.store.Store;

/**
 * The history page's documents: the benchmarks there are, and one benchmark's history on one
 * target: a point per run and mode (median, quartiles, range, failures) and the regressions found.
 */
final class HistoryRoutes {
    /** Measurements per history chart: the newest ones; the index makes this cost independent of store size. */
    static final int HISTORY_LIMIT = 5_000;
    /** Newest alerts read for a history page (one row per detected step: a rig has few). */
    static final int ALERT_SCAN = 10_000;

    private final Store store;
    private final Catalog catalog;

    HistoryRoutes(Store store, Catalog catalog) {
        this.store = store;
        this.catalog = catalog;
    }

    void addTo(RoutesConfig routes) {
        routes.get("/api/benchmarks", ctx -> ctx.json(benchmarks()));
        routes.get("/api/benchmarks/{name}/history", this::history);
    }

    private List<Map<String, Object>> benchmarks() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String s : catalog.suiteNames()) {
            for (Benchmark b : catalog.resolve(s)) {
                if (out.stream().noneMatch(o -> o.get("name").equals(b.name()))) {
                    out.add(Events.map("name", b.name(), "class", b.workloadClass(), "description", b.description()));
                }
            }
        }
        out.sort((a, b) -> ((String) a.get("name")).compareTo((String) b.get("name")));
        return out;
    }

    private void history(Context ctx) {
        String name = ctx.pathParam("name");
        List<String> targets = store.historyTargets(name);
        if (catalog.benchmark(name).isEmpty() && targets.isEmpty()) {
            throw new NotFoundResponse();
        }
        String target = ctx.queryParam("target");
        if (target == null || target.isBlank()) {
            target = targets.isEmpty() ? null : targets.get(0);
        }
        int limit = Params.integer(ctx, "limit", HISTORY_LIMIT, 1, HISTORY_LIMIT);
        List<Map<String, Object>> alerts = new ArrayList<>();
        Map<String, Map<String, Object>> alertAt = new LinkedHashMap<>();
        List<Map<String, Object>> points = new ArrayList<>();
        if (target != null) {
            for (Store.AlertRow a : store.alerts(ALERT_SCAN)) {
                if (a.benchmark().equals(name) && a.target().equals(target)) {
                    Map<String, Object> j = alertJson(a);
                    alerts.add(0, j); // oldest first, as the points
                    alertAt.put(a.stepRunId() + "/" + a.mode(), j);
                }
            }
            Map<String, List<Measurement>> groups = new LinkedHashMap<>();
            for (Measurement m : store.history(name, target, limit)) {
                groups.computeIfAbsent(m.runId() + "/" + m.mode(), k -> new ArrayList<>()).add(m);
            }
            for (List<Measurement> g : groups.values()) {
                points.add(point(g, alertAt));
            }
        }
        ctx.json(Events.map("benchmark", name, "target", target, "targets", targets, "points", points,
                "alerts", alerts));
    }

    /** One run's measurements in one mode, with the regression detected at that run, if any. */
    private static Map<String, Object> point(List<Measurement> g, Map<String, Map<String, Object>> alertAt) {
        Measurement first = g.get(0);
        List<Measurement> ok = g.stream().filter(m -> m.outcome().isOk() && m.timeNs() != null).toList();
        double[] v = ok.stream().mapToDouble(m -> m.timeNs().doubleValue()).toArray();
        Summary s = Summary.of(v);
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("run", first.runId());
        p.put("at", first.at().toString());
        p.put("mode", first.mode().name().toLowerCase());
        p.put("n", s.n());
        p.put("medianNs", RunDocs.finite(s.median()));
        p.put("minNs", RunDocs.finite(s.min()));
        p.put("maxNs", RunDocs.finite(s.max()));
        p.put("q1Ns", RunDocs.finite(Summary.quantileSorted(sorted, 0.25)));
        p.put("q3Ns", RunDocs.finite(Summary.quantileSorted(sorted, 0.75)));
        p.put("failures", g.size() - ok.size());
        Map<String, Object> a = alertAt.get(first.runId() + "/" + p.get("mode"));
        p.put("regression", a == null ? null : Events.map("id", a.get("id"), "direction", a.get("direction"),
                "change", a.get("change")));
        return p;
    }

    static Map<String, Object> alertJson(Store.AlertRow a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("benchmark", a.benchmark());
        m.put("target", a.target());
        m.put("mode", a.mode());
        m.put("run", a.stepRunId());
        m.put("at", a.stepAt().toString());
        m.put("direction", a.direction());
        m.put("beforeNs", RunDocs.finite(a.beforeNs()));
        m.put("afterNs", RunDocs.finite(a.afterNs()));
        m.put("change", RunDocs.finite(a.change()));
        m.put("pValue", RunDocs.finite(a.pValue()));
        m.put("detectedAt", a.detectedAt().toString());
        m.put("detectedBy", a.detectedBy());
        return m;
    }
}
