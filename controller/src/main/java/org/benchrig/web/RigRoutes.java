package org.benchrig.web;

import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.Map;
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
            client.sendEvent("hello", Events.map("rig", service.config().rig()));
        });
    }

    private Map<String, Object> rig() {
        RigConfig cfg = service.config();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rig", cfg.rig());
        m.put("platform", cfg.platform().name().toLowerCase());
        m.put("simulated", cfg.platform().name().equals("SIMULATED"));
        m.put("actionsEnabled", actionsEnabled);
        m.put("tokenEnv", cfg.web().tokenEnv());
        m.put("currentRun", service.currentRun().orElse(null));
        m.put("targets", cfg.targetIds());
        m.put("boards", cfg.boards().stream().map(BoardConfig::id).toList());
        m.put("hosts", cfg.hosts().stream().map(HostConfig::id).toList());
        m.put("suites", service.catalog().suiteNames());
        m.put("defaultSuite", cfg.run().suite());
        m.put("defaultRepetitions", cfg.run().repetitions());
        return m;
    }
}
