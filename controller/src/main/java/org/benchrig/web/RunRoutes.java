package org.benchrig.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import org.benchrig.result.MeasurementRows;
import org.benchrig.store.RunInfo;
import org.benchrig.store.Store;

/** The runs: the list a page at a time, each run's summary, its measurements and their CSV and JSON exports. */
final class RunRoutes {
    private final Store store;
    private final Params params;
    private final RunDocs docs;

    RunRoutes(Store store, Params params) {
        this.store = store;
        this.params = params;
        this.docs = new RunDocs(store);
    }

    /** One page of the run list, newest first; {@code next} is the next page's path or null. */
    record RunPage(List<RunDocs.RunView> runs, int limit, int offset, String next) {
    }

    /** A run's measurements as the exports' rows. */
    record Measurements(long run, List<Map<String, Object>> measurements) {
    }

    void addTo(RoutesConfig routes) {
        routes.get("/api/runs", this::list);
        routes.get("/api/runs/{id}", ctx -> ctx.json(docs.detail(params.run(ctx))));
        routes.get("/api/runs/{id}/measurements", ctx -> {
            RunInfo r = params.run(ctx);
            ctx.json(new Measurements(r.id(), docs.rows(r.id())));
        });
        routes.get("/api/runs/{id}/measurements.csv", ctx -> {
            RunInfo r = params.run(ctx);
            attachment(ctx, "run-" + r.id() + ".csv");
            ctx.contentType("text/csv; charset=utf-8").result(MeasurementRows.csv(docs.rows(r.id())));
        });
        routes.get("/api/runs/{id}/measurements.json", ctx -> {
            RunInfo r = params.run(ctx);
            attachment(ctx, "run-" + r.id() + ".json");
            ctx.json(new RunDocs.Export(RunDocs.RunView.of(r), docs.rows(r.id())));
        });
    }

    private void list(Context ctx) {
        int limit = Params.integer(ctx, "limit", 50, 1, Params.MAX_PAGE);
        int offset = Params.integer(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        List<RunInfo> runs = store.runs(limit + 1, offset);
        boolean more = runs.size() > limit;
        ctx.json(new RunPage(runs.stream().limit(limit).map(RunDocs.RunView::of).toList(), limit, offset,
                more ? "/api/runs?limit=" + limit + "&offset=" + (offset + limit) : null));
    }

    /** Tells the browser to save the answer as {@code file}. */
    static void attachment(Context ctx, String file) {
        ctx.header("Content-Disposition", "attachment; filename=\"" + file + "\"");
    }
}
