package org.benchrig.web;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.javalin.validation.ValidationError;
import io.javalin.validation.Validator;
import java.util.List;
import org.benchrig.config.RigConfig;
import org.benchrig.store.RunInfo;
import org.benchrig.store.RunState;
import org.benchrig.store.Store;

/**
 * The request parameters the routes share, read with Javalin's validators: a run or board named
 * in the path (unknown: 404) and bounded integers in the query (out of range: 400 saying the range).
 */
final class Params {
    /** Most runs a page of the run list holds. */
    static final int MAX_PAGE = 500;

    private final Store store;
    private final RigConfig config;

    Params(Store store, RigConfig config) {
        this.store = store;
        this.config = config;
    }

    /** The run of the path's {@code {id}}. */
    RunInfo run(Context ctx) {
        long id = ctx.pathParamAsClass("id", Long.class).getOrThrow(e -> new NotFoundResponse());
        return store.run(id).orElseThrow(NotFoundResponse::new);
    }

    /** A run id from the path parameter {@code name}, or "latest": the newest finished run, else the newest. */
    long runId(Context ctx, String name) {
        if ("latest".equals(ctx.pathParam(name))) {
            // the newest finished run: a running one has no complete sample yet
            List<RunInfo> recent = store.runs(MAX_PAGE, 0);
            return recent.stream().filter(r -> r.state() == RunState.DONE).findFirst()
                    .or(() -> recent.stream().findFirst()).map(RunInfo::id).orElseThrow(NotFoundResponse::new);
        }
        long id = ctx.pathParamAsClass(name, Long.class).getOrThrow(e -> new NotFoundResponse());
        return store.run(id).map(RunInfo::id).orElseThrow(NotFoundResponse::new);
    }

    /** The board of the path's {@code {id}}, if the rig config has it. */
    String board(Context ctx) {
        String id = ctx.pathParam("id");
        if (config.board(id).isEmpty()) {
            throw new NotFoundResponse();
        }
        return id;
    }

    /** An integer query parameter in {@code min..max}; absent or blank: {@code otherwise}. */
    static int integer(Context ctx, String name, int otherwise, int min, int max) {
        String given = ctx.queryParam(name);
        if (given == null || given.isBlank()) {
            return otherwise;
        }
        Validator<Integer> v = ctx.queryParamAsClass(name, Integer.class)
                .check(i -> i >= min && i <= max, "must be in " + min + ".." + max);
        return v.getOrThrow(errors -> {
            ValidationError<?> e = errors.get(name).get(0);
            String why = e.exception() != null ? "must be an integer" : e.getMessage(); // it did not convert
            return new IllegalArgumentException(name + " " + why + ", got '" + given + "'");
        });
    }

    /** The request's JSON body as {@code type}; a blank body is {@code ifBlank} (every field left to its default). */
    static <T> T body(Context ctx, Class<T> type, T ifBlank) {
        return ctx.body().isBlank() ? ifBlank : ctx.bodyAsClass(type);
    }
}
