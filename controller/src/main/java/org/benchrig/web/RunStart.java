package org.benchrig.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import org.benchrig.bench.Benchmark;
import org.benchrig.bench.RunPlan;
import org.benchrig.bench.RunRequest;
import org.benchrig.bench.RunService;

/**
 * {@code POST /api/runs} {"suite": "smoke", "targets": ["mb1"], "repetitions": 3, "concurrency": false}:
 * queues a run (202) behind the current one. Absent fields take the rig config's defaults; absent
 * targets are every target, an empty list is refused (a run needs somewhere to run).
 */
final class RunStart {
    static final int MAX_REPETITIONS = 1000;

    /** The request's body. */
    record Form(String suite, List<String> targets, Integer repetitions, Boolean concurrency) {
    }

    /** The answer: what was queued, and the run it waits for ({@code behind}, null when none runs). */
    record Queued(boolean queued, String suite, List<String> targets, int repetitions, List<String> benchmarks, Long behind) {
    }

    private final RunService service;
    private final Events events;

    RunStart(RunService service, Events events) {
        this.service = service;
        this.events = events;
    }

    void addTo(RoutesConfig routes) {
        routes.post("/api/runs", this::start);
    }

    private void start(Context ctx) {
        Form form = Params.body(ctx, Form.class, new Form(null, null, null, null));
        if (form.targets() != null && form.targets().isEmpty()) {
            throw new IllegalArgumentException("targets is empty: name at least one target, or leave targets out "
                    + "to run on every target");
        }
        if (form.targets() != null && form.targets().contains(null)) {
            throw new IllegalArgumentException("targets must be a list of target ids");
        }
        if (form.repetitions() != null && (form.repetitions() < 1 || form.repetitions() > MAX_REPETITIONS)) {
            throw new IllegalArgumentException("repetitions must be an integer in 1.." + MAX_REPETITIONS);
        }
        RunRequest rr = new RunRequest(form.suite(), form.targets(), form.repetitions(),
                ctx.header(WebServer.CLI_HEADER) != null ? "cli" : "web", form.concurrency());
        RunPlan plan = service.plan(rr);
        service.submit(rr);
        events.send("run-queued", new Events.RunQueued(plan.suite(), plan.targetIds(), plan.repetitions()));
        ctx.status(202).json(new Queued(true, plan.suite(), plan.targetIds(), plan.repetitions(),
                plan.benchmarks().stream().map(Benchmark::name).toList(), service.currentRun().orElse(null)));
    }
}
