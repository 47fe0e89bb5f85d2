package org.benchrig.web;

import io.javalin.config.RoutesConfig;
import org.benchrig.config.StatsSettings;
import org.benchrig.history.RunAgainstRun;
import org.benchrig.report.AppClassMatrix;
import org.benchrig.report.BreakEvenSection;
import org.benchrig.report.ConcurrencySection;
import org.benchrig.store.RunInfo;
import org.benchrig.store.ScalingRecords;
import org.benchrig.store.Store;
import org.benchrig.store.WarmupRecords;

/**
 * The compare page's documents (targets of one run against each other: the decision matrices,
 * concurrency, warm-up and break-even) and the changes page's (one run against another).
 */
final class CompareRoutes {
    private final Store store;
    private final StatsSettings stats;
    private final Params params;

    CompareRoutes(Store store, StatsSettings stats, Params params) {
        this.store = store;
        this.stats = stats;
        this.params = params;
    }

    void addTo(RoutesConfig routes) {
        routes.get("/api/runs/{id}/compare", ctx -> {
            RunInfo r = params.run(ctx);
            ctx.json(Compare.of(r.id(), store.measurements(r.id()), store.benchmarks(r.id()), store.targets(r.id()), stats,
                    ctx.queryParam("baseline")));
        });
        // the decision matrix by app class (issue 14): the compare page shows it first
        routes.get("/api/runs/{id}/appclass", ctx -> ctx.json(AppClassMatrix.of(store, params.run(ctx).id(), stats)));
        // run against run (issue 19): what `benchrig compare A B` prints, as JSON; b may be "latest"
        routes.get("/api/compare/{a}/{b}", ctx -> ctx.json(RunChanges.of(RunAgainstRun.of(store,
                params.runId(ctx, "a"), params.runId(ctx, "b"), stats))));
        routes.get("/api/runs/{id}/concurrency", ctx ->
                ctx.json(ConcurrencySection.of(new ScalingRecords(store).of(params.run(ctx).id()))));
        routes.get("/api/runs/{id}/breakeven", ctx -> {
            long id = params.run(ctx).id();
            ctx.json(BreakEvenSection.of(store.measurements(id), new WarmupRecords(store).of(id), stats.level()));
        });
        // the run page's warm-up curves per host (issue 19)
        routes.get("/api/runs/{id}/warmup", ctx -> ctx.json(WarmupViews.of(store, params.run(ctx).id())));
    }
}
