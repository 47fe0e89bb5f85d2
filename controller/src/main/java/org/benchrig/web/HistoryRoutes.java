package org.benchrig.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.ArrayList;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.benchrig.bench.Benchmark;
import org.benchrig.bench.Catalog;
import org.benchrig.result.Measurement;
import org.benchrig.result.Mode;
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

    /** A benchmark of the catalog, for the history page's picker. */
    record BenchmarkEntry(String name, @JsonProperty("class") String workloadClass, String description) {
    }

    private List<BenchmarkEntry> benchmarks() {
        Map<String, BenchmarkEntry> out = new TreeMap<>();
        for (String s : catalog.suiteNames()) {
            for (Benchmark b : catalog.resolve(s)) {
                out.putIfAbsent(b.name(), new BenchmarkEntry(b.name(), b.workloadClass(), b.description()));
            }
        }
        return List.copyOf(out.values());
    }

    /** One benchmark's history on one target, oldest first, and the steps found in it. */
    record History(String benchmark, String target, List<String> targets, List<Point> points, List<Alert> alerts) {
    }

    /** One run's successful times in one mode (ns): median, quartiles and range; its failures; the step it starts. */
    record Point(long run, Instant at, Mode mode, int n, double medianNs, double minNs, double maxNs, double q1Ns,
                 double q3Ns, int failures, Step regression) {
    }

    /** The step a point's run starts: the alert's id, its direction and after / before - 1. */
    record Step(long id, String direction, double change) {
    }

    /** A step regression detection found: {@code run} is the first run at the new level. */
    record Alert(long id, String benchmark, String target, String mode, long run, Instant at, String direction,
                 double beforeNs, double afterNs, double change, double pValue, Instant detectedAt, Long detectedBy) {

        static Alert of(Store.AlertRow a) {
            return new Alert(a.id(), a.benchmark(), a.target(), a.mode(), a.stepRunId(), a.stepAt(), a.direction(),
                    a.beforeNs(), a.afterNs(), a.change(), a.pValue(), a.detectedAt(), a.detectedBy());
        }
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
        List<Alert> alerts = new ArrayList<>();
        Map<String, Alert> alertAt = new LinkedHashMap<>();
        List<Point> points = new ArrayList<>();
        if (target != null) {
            for (Store.AlertRow a : store.alerts(ALERT_SCAN)) {
                if (a.benchmark().equals(name) && a.target().equals(target)) {
                    Alert j = Alert.of(a);
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
        ctx.json(new History(name, target, targets, points, alerts));
    }

    /** One run's measurements in one mode, with the regression detected at that run, if any. */
    private static Point point(List<Measurement> g, Map<String, Alert> alertAt) {
        Measurement first = g.get(0);
        List<Measurement> ok = g.stream().filter(m -> m.outcome().isOk() && m.timeNs() != null).toList();
        double[] v = ok.stream().mapToDouble(m -> m.timeNs().doubleValue()).toArray();
        Summary s = Summary.of(v);
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        Alert a = alertAt.get(first.runId() + "/" + first.mode().name().toLowerCase(Locale.ROOT));
        return new Point(first.runId(), first.at(), first.mode(), s.n(), s.median(), s.min(), s.max(),
                Summary.quantileSorted(sorted, 0.25), Summary.quantileSorted(sorted, 0.75), g.size() - ok.size(),
                a == null ? null : new Step(a.id(), a.direction(), a.change()));
    }
}
