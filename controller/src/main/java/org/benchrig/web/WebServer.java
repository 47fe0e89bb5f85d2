package org.benchrig.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.benchrig.bench.RunService;
import org.benchrig.config.WebConfig;

/**
 * The rig's web UI and REST API (see docs/api.md): JSON under /api, Server-Sent Events at
 * /api/events, the static UI ({@link UiFiles}). Reads go through the {@link RunService}'s store;
 * actions (POST) need the bearer token ({@link Guard}). This class starts and stops the server; the
 * routes are registered by one class per job, each given what it reads.
 */
public final class WebServer implements AutoCloseable {
    /** Largest request body accepted (a run request is a few hundred bytes). */
    static final int MAX_BODY_BYTES = 64 * 1024;
    /** Why an OFFLINE board that nothing failed on is offline. */
    static final String NOT_OPENED = BoardStates.NOT_OPENED;
    /**
     * The header the CLI sends with its requests. A browser cannot send it to another origin without
     * a CORS preflight, which this server never grants, so a web page cannot pass for the CLI.
     */
    public static final String CLI_HEADER = "X-Benchrig-Client";
    private static final Duration STATE_POLL = Duration.ofMillis(500);
    private static final Duration SSE_PING = Duration.ofSeconds(15);

    private final String token;
    private final Events events;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "web-ticker");
        t.setDaemon(true);
        return t;
    });
    private final Javalin app;
    private final String url;

    private WebServer(RunService service, String token, WebConfig cfg) {
        this.token = token == null || token.isBlank() ? null : token;
        ObjectMapper json = WebJson.mapper();
        this.events = new Events(json);
        service.addListener(events);
        BoardStates states = new BoardStates(service, events);
        Params params = new Params(service.store(), service.config());
        Guard guard = new Guard(this.token, service.config().web().tokenEnv());
        this.app = Javalin.create(c -> {
            c.http.maxRequestSize = MAX_BODY_BYTES;
            c.startup.showJavalinBanner = false;
            c.jsonMapper(new JavalinJackson(json, false));
            c.jetty.modifyServer(server -> server.setErrorHandler(new BadUriIsNotFound()));
            c.routes.before(guard::handle);
            new RigRoutes(service, events, actionsEnabled()).addTo(c.routes);
            new BoardRoutes(service.rig(), states, events, params).addTo(c.routes);
            new RunRoutes(service.store(), params).addTo(c.routes);
            new CompareRoutes(service.store(), service.config().stats(), params).addTo(c.routes);
            new ProfileRoutes(service.store(), params).addTo(c.routes);
            new HistoryRoutes(service.store(), service.catalog()).addTo(c.routes);
            new RunStart(service, events).addTo(c.routes);
            new FlashRoute(service, events, params).addTo(c.routes);
            new BoardCommands(service.rig()).addTo(c.routes);
            UiFiles.addTo(c);
            Answers.addTo(c.routes);
        });
        app.start(cfg.bind(), cfg.port());
        String host = cfg.bind().equals("0.0.0.0") ? "127.0.0.1" : cfg.bind();
        this.url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + app.port() + "/";
        ticker.scheduleAtFixedRate(states::poll, 0, STATE_POLL.toMillis(), TimeUnit.MILLISECONDS);
        ticker.scheduleAtFixedRate(events::ping, SSE_PING.toMillis(), SSE_PING.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Starts the web server of {@code service}'s rig, bound as its config's {@code web} section says.
     *
     * @param env where the token variable named by {@code web.token_env} is looked up
     */
    public static WebServer start(RunService service, Map<String, String> env, PrintWriter out) {
        WebConfig cfg = service.config().web();
        WebServer w = start(service, cfg, env.get(cfg.tokenEnv()));
        out.println("web UI at " + w.url() + (w.actionsEnabled() ? "" : " (read-only: " + cfg.tokenEnv()
                + " is not set, so starting runs from the browser is disabled)"));
        out.flush();
        return w;
    }

    /** Starts with an explicit config and token (null: actions disabled). */
    public static WebServer start(RunService service, WebConfig cfg, String token) {
        return new WebServer(service, token, cfg);
    }

    public String url() {
        return url;
    }

    public int port() {
        return app.port();
    }

    public boolean actionsEnabled() {
        return token != null;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        events.closeAll();
        app.stop();
    }

    @Override
    public String toString() {
        return "web UI at " + url;
    }
}
