package org.benchrig.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.Map;
import org.benchrig.profile.Profile;
import org.benchrig.store.Store;

/** Profiles (issue 15): a run's flame graphs and tables, and each profile's exports. */
final class ProfileRoutes {
    private final ProfileViews profiles;
    private final Params params;

    ProfileRoutes(Store store, Params params) {
        this.profiles = new ProfileViews(store);
        this.params = params;
    }

    void addTo(RoutesConfig routes) {
        routes.get("/api/runs/{id}/profiles", ctx -> ctx.json(Map.of("profiles", profiles.ofRun(params.run(ctx).id()))));
        routes.get("/api/profiles/{pid}/stacks.folded", ctx -> {
            Profile p = profile(ctx);
            RunRoutes.attachment(ctx, p.benchmark() + "-" + p.target() + ".folded");
            ctx.contentType("text/plain; charset=utf-8").result(p.stacks().text());
        });
        routes.get("/api/profiles/{pid}/speedscope.json", ctx -> {
            Profile p = profile(ctx);
            RunRoutes.attachment(ctx, p.benchmark() + "-" + p.target() + ".speedscope.json");
            ctx.json(ProfileViews.speedscope(p));
        });
    }

    private Profile profile(Context ctx) {
        long id = ctx.pathParamAsClass("pid", Long.class).getOrThrow(e -> new NotFoundResponse());
        return profiles.byId(id).orElseThrow(NotFoundResponse::new);
    }
}
