package org.benchrig.web;

import io.javalin.config.RoutesConfig;
import java.util.List;
import org.benchrig.bench.RunService;
import org.benchrig.config.BoardConfig;
import org.benchrig.config.HostConfig;
import org.benchrig.config.RigConfig;

/** What every page asks first: the rig (targets, suites, defaults, whether actions are on), and the event stream. */
final class RigRoutes {
    private final RunService service;
    private final Events events;
    private final boolean actionsEnabled;

    RigRoutes(RunService service, Events events, boolean actionsEnabled) {
        this.service = service;
        this.events = events;
        this.actionsEnabled = actionsEnabled;
    }

    void addTo(RoutesConfig routes) {
        routes.get("/api/rig", ctx -> ctx.json(rig()));
        routes.sse("/api/events", client -> {
            client.keepAlive();
            events.add(client);
            client.sendEvent("hello", new Events.Hello(service.config().rig()));
        });
    }

    /** The rig: its name and platform, whether actions are on (and the variable the token is read from), its targets, suites and defaults. */
    record RigView(String rig, String platform, boolean simulated, boolean actionsEnabled, String tokenEnv, Long currentRun,
                   List<String> targets, List<String> boards, List<String> hosts, List<String> suites, String defaultSuite,
                   int defaultRepetitions) {
    }

    private RigView rig() {
        RigConfig cfg = service.config();
        return new RigView(cfg.rig(), cfg.platform().name().toLowerCase(), cfg.platform().name().equals("SIMULATED"),
                actionsEnabled, cfg.web().tokenEnv(), service.currentRun().orElse(null), cfg.targetIds(),
                cfg.boards().stream().map(BoardConfig::id).toList(), cfg.hosts().stream().map(HostConfig::id).toList(),
                List.copyOf(service.catalog().suiteNames()), cfg.run().suite(), cfg.run().repetitions());
    }
}
