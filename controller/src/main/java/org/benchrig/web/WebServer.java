package org.benchrig.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.benchrig.bench.Benchmark;
import org.benchrig.bench.ResultRow;
import org.benchrig.bench.RunRequest;
import org.benchrig.bench.RunService;
import org.benchrig.board.Board;
import org.benchrig.config.BoardConfig;
import org.benchrig.config.HostConfig;
import org.benchrig.config.RigConfig;
import org.benchrig.config.WebConfig;
import org.benchrig.report.AppClassMatrix;
import org.benchrig.report.BreakEvenSection;
import org.benchrig.report.ConcurrencySection;
import org.benchrig.result.Energy;
import org.benchrig.result.Measurement;
import org.benchrig.result.MeasurementRows;
import org.benchrig.stats.Summary;
import org.benchrig.store.BenchmarkInfo;
import org.benchrig.store.RunInfo;
import org.benchrig.store.ScalingRecords;
import org.benchrig.store.WarmupRecords;
import org.benchrig.store.Store;
import org.benchrig.store.TargetInfo;

/**
 * The rig's web UI and REST API (see docs/api.md): JSON under /api, Server-Sent Events at
 * /api/events, the static pages of web/ from the classpath, and uPlot and ECharts from their webjars. Reads go
 * through the {@link RunService}'s store; actions (POST) need the bearer token.
 *
 * <p>Board cards never start an emulator: a board that no command opened yet shows as OFFLINE with
 * what the last run recorded about it (version, heap, flash).
 */
public final class WebServer implements AutoCloseable {
    /** Largest request body accepted (a run request is a few hundred bytes). */
    static final int MAX_BODY_BYTES = 64 * 1024;
    static final int MAX_PAGE = 500;
    /** Measurements per history chart: the newest ones; the index makes this cost independent of store size. */
    static final int HISTORY_LIMIT = 5_000;
    /** Newest alerts read for a history page (one row per detected step: a rig has few). */
    static final int ALERT_SCAN = 10_000;
    private static final Duration STATE_POLL = Duration.ofMillis(500);
    private static final Duration SSE_PING = Duration.ofSeconds(15);

    private static final Set<String> PAGES = Set.of("runs", "run", "compare", "history", "changes");
    private static final Pattern ASSET = Pattern.compile("[a-z0-9][a-z0-9-]*\\.(css|js)");
    private static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";
    /** ECharts draws the bars with whiskers and the box plots; its ES-module build is one self-contained file. */
    private static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/";
    private static final Map<String, String> VENDOR = Map.of(
            "uPlot.iife.min.js", UPLOT + "uPlot.iife.min.js",
            "uPlot.min.css", UPLOT + "uPlot.min.css",
            "echarts.esm.min.js", ECHARTS + "echarts.esm.min.js");
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private final RunService service;
    private final String token;
    private final ObjectMapper json = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private final Events events = new Events(json);
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "web-ticker");
        t.setDaemon(true);
        return t;
    });
    private final ProfileViews profiles;
    private final BoardCommands boardCommands;
    private final Map<String, String> lastStates = new java.util.concurrent.ConcurrentHashMap<>();
    private final Javalin app;
    private final String url;

    private WebServer(RunService service, String token, WebConfig cfg) {
        this.service = service;
        this.token = token == null || token.isBlank() ? null : token;
        service.addListener(events);
        this.profiles = new ProfileViews(service.store());
        this.boardCommands = new BoardCommands(service.rig(), json);
        this.app = Javalin.create(c -> {
            c.http.maxRequestSize = MAX_BODY_BYTES;
            c.startup.showJavalinBanner = false;
            // Let odd paths ("/../x", "%2e%2e", "%2f") reach guard(), which answers 404, instead of Jetty's 400.
            c.jetty.modifyHttpConfiguration(h -> h.setUriCompliance(org.eclipse.jetty.http.UriCompliance.UNSAFE));
            c.jetty.modifyServer(server -> server.setErrorHandler(new BadUriIsNotFound()));
            c.routes.before(this::guard);
            c.routes.get("/api/rig", ctx -> send(ctx, rig()));
            c.routes.get("/api/boards", ctx -> send(ctx, boards()));
            c.routes.get("/api/runs", this::runs);
            c.routes.get("/api/runs/{id}", ctx -> send(ctx, runDetail(runOf(ctx))));
            c.routes.get("/api/runs/{id}/measurements", ctx -> {
                RunInfo r = runOf(ctx);
                send(ctx, Map.of("run", r.id(), "measurements", rows(r.id())));
            });
            c.routes.get("/api/runs/{id}/measurements.csv", this::csv);
            c.routes.get("/api/runs/{id}/measurements.json", ctx -> {
                RunInfo r = runOf(ctx);
                ctx.header("Content-Disposition", "attachment; filename=\"run-" + r.id() + ".json\"");
                Map<String, Object> doc = new LinkedHashMap<>(runJson(r));
                doc.put("measurements", rows(r.id()));
                send(ctx, doc);
            });
            c.routes.get("/api/runs/{id}/compare", ctx -> {
                RunInfo r = runOf(ctx);
                send(ctx, Compare.of(r.id(), service.store().measurements(r.id()), service.store().benchmarks(r.id()),
                        service.store().targets(r.id()), service.config().stats(), ctx.queryParam("baseline")));
            });
            // the decision matrix by app class (issue 14): the compare page shows it first
            c.routes.get("/api/runs/{id}/appclass", ctx ->
                    send(ctx, AppClassMatrix.of(service.store(), runOf(ctx).id(), service.config().stats())));
            // run against run (issue 19): what `benchrig compare A B` prints, as JSON; b may be "latest"
            c.routes.get("/api/compare/{a}/{b}", ctx -> send(ctx, RunChanges.of(org.benchrig.history.RunAgainstRun.of(
                    service.store(), runIdOf(ctx.pathParam("a")), runIdOf(ctx.pathParam("b")), service.config().stats()))));
            // profiles (issue 15): a run's flame graphs and tables, and each profile's exports
            c.routes.get("/api/runs/{id}/profiles", ctx -> send(ctx, Map.of("profiles", profiles.ofRun(runOf(ctx).id()))));
            c.routes.get("/api/profiles/{pid}/stacks.folded", ctx -> {
                org.benchrig.profile.Profile p = profiles.byId(ctx.pathParam("pid")).orElseThrow(NotFound::new);
                ctx.header("Content-Disposition", "attachment; filename=\"" + p.benchmark() + "-" + p.target() + ".folded\"");
                ctx.contentType("text/plain; charset=utf-8").result(p.stacks().text());
            });
            c.routes.get("/api/profiles/{pid}/speedscope.json", ctx -> {
                org.benchrig.profile.Profile p = profiles.byId(ctx.pathParam("pid")).orElseThrow(NotFound::new);
                ctx.header("Content-Disposition", "attachment; filename=\"" + p.benchmark() + "-" + p.target() + ".speedscope.json\"");
                send(ctx, ProfileViews.speedscope(p));
            });
            c.routes.get("/api/runs/{id}/concurrency", ctx ->
                    send(ctx, ConcurrencySection.of(new ScalingRecords(service.store()).of(runOf(ctx).id()))));
            c.routes.get("/api/runs/{id}/breakeven", ctx -> {
                long id = runOf(ctx).id();
                send(ctx, BreakEvenSection.of(service.store().measurements(id), new WarmupRecords(service.store()).of(id),
                        service.config().stats().level()));
            });
            c.routes.get("/api/runs/{id}/warmup", ctx -> send(ctx, WarmupViews.of(service.store(), runOf(ctx).id())));
            c.routes.get("/api/benchmarks", ctx -> send(ctx, benchmarks()));
            c.routes.get("/api/benchmarks/{name}/history", this::history);
            c.routes.sse("/api/events", client -> {
                client.keepAlive();
                events.add(client);
                client.sendEvent("hello", "{\"rig\":" + quote(service.config().rig()) + "}");
            });
            c.routes.post("/api/runs", this::startRun);
            c.routes.post("/api/boards/{id}/flash", this::flash);
            c.routes.post("/api/boards/{id}/release", this::release);
            // the CLI's board commands while this daemon owns the boards (BoardCommands)
            c.routes.post("/api/boards/probe", ctx -> send(ctx, boardCommands.probe()));
            c.routes.post("/api/boards/health", ctx -> send(ctx, boardCommands.health(ctx.body())));
            c.routes.post("/api/boards/{id}/exec", ctx -> send(ctx, boardCommands.exec(boardCommands.known(ctx.pathParam("id")), ctx.body())));
            c.routes.post("/api/boards/{id}/upload", ctx -> send(ctx, boardCommands.upload(boardCommands.known(ctx.pathParam("id")), ctx.body())));
            c.routes.get("/", ctx -> page(ctx, "bench"));
            c.routes.get("/{page}", ctx -> {
                if (!PAGES.contains(ctx.pathParam("page"))) {
                    throw new NotFound();
                }
                page(ctx, ctx.pathParam("page"));
            });
            c.routes.get("/assets/{file}", ctx -> {
                String f = ctx.pathParam("file");
                if (!ASSET.matcher(f).matches()) {
                    throw new NotFound();
                }
                resource(ctx, "web/" + f, f.endsWith(".css") ? "text/css" : "text/javascript");
            });
            c.routes.get("/vendor/{file}", ctx -> {
                String path = VENDOR.get(ctx.pathParam("file"));
                if (path == null) {
                    throw new NotFound();
                }
                resource(ctx, path, path.endsWith(".css") ? "text/css" : "text/javascript");
            });
            c.routes.exception(org.benchrig.board.BoardBusy.class, (e, ctx) -> error(ctx, 409, e.getMessage()));
            c.routes.exception(NotFound.class, (e, ctx) -> notFound(ctx));
            c.routes.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
            c.routes.exception(JsonProcessingException.class, (e, ctx) -> error(ctx, 400, "bad JSON: " + e.getOriginalMessage()));
            c.routes.error(404, this::notFound);
        });
        app.start(cfg.bind(), cfg.port());
        String host = cfg.bind().equals("0.0.0.0") ? "127.0.0.1" : cfg.bind();
        this.url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + app.port() + "/";
        ticker.scheduleAtFixedRate(this::pollStates, 0, STATE_POLL.toMillis(), TimeUnit.MILLISECONDS);
        ticker.scheduleAtFixedRate(events::ping, SSE_PING.toMillis(), SSE_PING.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Starts the web server of {@code service}'s rig, bound as its config's {@code web} section says.
     *
     * @param env where the token variable named by {@code web.token_env} is looked up
     */
    public static WebServer start(RunService service, Map<String, String> env, java.io.PrintWriter out) {
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

    // ------------------------------------------------------------------ security

    /** Requests Jetty rejects before routing (a path that climbs above the root): 404, as every unknown path. */
    private static final class BadUriIsNotFound extends org.eclipse.jetty.server.handler.ErrorHandler {
        @Override
        public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                              org.eclipse.jetty.util.Callback callback) throws Exception {
            // Jetty answers 400 here for a path that climbs above the root, which it will not route.
            if ((response.getStatus() == 400 || Integer.valueOf(400).equals(request.getAttribute(ERROR_STATUS)))) {
                response.setStatus(404);
                response.getHeaders().put("Content-Type", "text/plain; charset=utf-8");
                response.write(true, java.nio.ByteBuffer.wrap("404 not found\n".getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
            return super.handle(request, response, callback);
        }
    }

    private static final class NotFound extends RuntimeException {
        NotFound() {
            super(null, null, false, false);
        }
    }

    /** Before every request: traversal is 404, bodies are limited, actions need the token. */
    private void guard(Context ctx) {
        String raw = ctx.req().getRequestURI();
        String decoded = raw;
        for (int i = 0; i < 3; i++) { // %252e%252e decodes twice
            decoded = URLDecoder.decode(decoded.replace("+", "%2B"), StandardCharsets.UTF_8);
        }
        if (decoded.contains("..") || decoded.contains("\\") || decoded.contains("//") || decoded.indexOf('\0') >= 0) {
            throw new NotFound();
        }
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
        if (ctx.method() == HandlerType.POST || ctx.method() == HandlerType.PUT || ctx.method() == HandlerType.DELETE
                || ctx.method() == HandlerType.PATCH) {
            if (ctx.req().getContentLengthLong() > MAX_BODY_BYTES) {
                error(ctx, 413, "request body larger than " + MAX_BODY_BYTES + " bytes");
                ctx.skipRemainingHandlers();
                return;
            }
            if (token == null && fromLocalCli(ctx)) {
                return; // the CLI on this machine: reachable without a token, as the same user could open the boards
            }
            if (token == null) { // no token can be right: the same 401 as a wrong one, saying how to enable actions
                ctx.header("WWW-Authenticate", "Bearer realm=\"benchrig\"");
                error(ctx, 401, "actions are disabled: start the controller with the environment variable "
                        + service.config().web().tokenEnv() + " set to a token");
                ctx.skipRemainingHandlers();
                return;
            }
            String auth = Optional.ofNullable(ctx.header("Authorization")).orElse("");
            String given = auth.startsWith("Bearer ") ? auth.substring(7).strip() : "";
            if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
                ctx.header("WWW-Authenticate", "Bearer realm=\"benchrig\"");
                error(ctx, 401, "this action needs the bearer token (Authorization: Bearer ...)");
                ctx.skipRemainingHandlers();
            }
        }
    }

    /**
     * The header the CLI sends with its requests. A browser cannot send it to another origin without
     * a CORS preflight, which this server never grants, so a web page cannot pass for the CLI.
     */
    public static final String CLI_HEADER = "X-Benchrig-Client";

    /** A request from the CLI on this machine: from a loopback address, with {@link #CLI_HEADER}. */
    private static boolean fromLocalCli(Context ctx) {
        if (ctx.header(CLI_HEADER) == null) {
            return false;
        }
        try {
            return java.net.InetAddress.getByName(ctx.req().getRemoteAddr()).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private void notFound(Context ctx) {
        if (ctx.path().startsWith("/api/")) {
            error(ctx, 404, "not found");
        } else {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("404 not found\n");
        }
    }

    private void error(Context ctx, int status, String message) {
        ctx.status(status);
        send(ctx, Map.of("error", message == null ? "error" : message));
    }

    /** A run id from a path, or "latest": the newest run; an unknown one is 404. */
    private long runIdOf(String given) {
        if ("latest".equals(given)) {
            // the newest finished run: a running one has no complete sample yet
            List<RunInfo> recent = service.store().runs(MAX_PAGE, 0);
            return recent.stream().filter(r -> r.state() == org.benchrig.store.RunState.DONE).findFirst()
                    .or(() -> recent.stream().findFirst()).map(RunInfo::id).orElseThrow(NotFound::new);
        }
        try {
            long id = Long.parseLong(given);
            return service.store().run(id).map(RunInfo::id).orElseThrow(NotFound::new);
        } catch (NumberFormatException e) {
            throw new NotFound();
        }
    }

    private String boardOf(Context ctx) {
        String id = ctx.pathParam("id");
        if (service.config().board(id).isEmpty()) {
            throw new NotFound();
        }
        return id;
    }

    // ------------------------------------------------------------------ static

    private void page(Context ctx, String name) throws IOException {
        resource(ctx, "web/" + name + ".html", "text/html; charset=utf-8");
    }

    private void resource(Context ctx, String path, String type) throws IOException {
        try (InputStream in = WebServer.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new NotFound();
            }
            ctx.contentType(type).result(in.readAllBytes());
        }
    }

    // ------------------------------------------------------------------ reads

    private void send(Context ctx, Object body) {
        try {
            ctx.contentType("application/json").result(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String quote(String s) {
        try {
            return json.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> rig() {
        RigConfig cfg = service.config();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rig", cfg.rig());
        m.put("platform", cfg.platform().name().toLowerCase());
        m.put("simulated", cfg.platform().name().equals("SIMULATED"));
        m.put("actionsEnabled", actionsEnabled());
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

    private List<Map<String, Object>> benchmarks() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String s : service.catalog().suiteNames()) {
            for (Benchmark b : service.catalog().resolve(s)) {
                if (out.stream().noneMatch(o -> o.get("name").equals(b.name()))) {
                    out.add(Events.map("name", b.name(), "class", b.workloadClass(), "description", b.description()));
                }
            }
        }
        out.sort((a, b) -> ((String) a.get("name")).compareTo((String) b.get("name")));
        return out;
    }

    /** The last thing a run recorded about each target, newest run first. */
    private Map<String, TargetInfo> lastKnown() {
        Map<String, TargetInfo> known = new LinkedHashMap<>();
        for (RunInfo r : service.store().runs(20, 0)) {
            for (TargetInfo t : service.store().targets(r.id())) {
                known.putIfAbsent(t.targetId(), t);
            }
            if (known.size() >= service.config().targetIds().size()) {
                break;
            }
        }
        return known;
    }

    private List<Map<String, Object>> boards() {
        RigConfig cfg = service.config();
        Map<String, TargetInfo> known = lastKnown();
        Map<String, Events.Progress> progress = events.progress();
        Optional<Long> current = service.currentRun();
        List<Map<String, Object>> out = new ArrayList<>();
        for (BoardConfig b : cfg.boards()) {
            Optional<Board> open = service.rig().openedBoard(b.id());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", b.id());
            m.put("kind", "board");
            m.put("model", b.model());
            m.put("connection", b.kind().name().toLowerCase());
            m.put("state", shownState(b.id(), open));
            m.put("reason", reasonOf(b.id(), open));
            var rec = service.rig().record(b.id()).filter(r -> r.state().equals("QUARANTINED"));
            m.put("quarantinedSince", rec.map(r -> r.since().toString()).orElse(null));
            m.put("firmware", b.firmware() == null ? null : b.firmware().toString());
            TargetInfo t = known.get(b.id());
            Map<String, String> d = details(t);
            m.put("interpreter", t == null ? null : t.interpreter());
            m.put("version", t == null ? null : t.version());
            m.put("firmwareHash", t == null ? null : t.firmwareHash());
            m.put("heapTotal", number(d.get("heap_total")));
            m.put("heapFree", number(d.get("heap_free")));
            m.put("fsUsed", number(d.get("fs_used")));
            m.put("fsFree", number(d.get("fs_free")));
            m.put("simulated", "simulated".equals(d.get("instruments")) || b.kind().name().equals("EMULATED"));
            m.put("progress", progressOf(progress.get(b.id()), current));
            out.add(m);
        }
        for (HostConfig h : cfg.hosts()) {
            Map<String, Object> m = new LinkedHashMap<>();
            TargetInfo t = known.get(h.id());
            Events.Progress p = progress.get(h.id());
            m.put("id", h.id());
            m.put("kind", "host");
            m.put("command", h.interpreter());
            m.put("state", p != null && current.isPresent() && p.runId() == current.get() && !p.finished() ? "RUNNING" : "IDLE");
            m.put("reason", "");
            m.put("interpreter", t == null ? null : t.interpreter());
            m.put("version", t == null ? null : t.version());
            m.put("executable", t == null ? null : t.executable());
            m.put("progress", progressOf(p, current));
            out.add(m);
        }
        return out;
    }

    /** The board's own state; a READY board working for the current run shows as RUNNING. */
    private String shownState(String id, Optional<Board> open) {
        if (service.rig().quarantined(id)) {
            return "QUARANTINED"; // also when another process (benchrig quarantine, a run) quarantined it
        }
        String state = open.map(o -> o.state().name()).orElse("OFFLINE");
        Events.Progress p = events.progress().get(id);
        Optional<Long> current = service.currentRun();
        if (state.equals("READY") && p != null && !p.finished() && current.isPresent() && current.get() == p.runId()) {
            return "RUNNING";
        }
        return state;
    }

    /** Why a board is in its state: the quarantine record's reason first, else the open board's. */
    private String reasonOf(String id, Optional<Board> open) {
        return service.rig().record(id).filter(r -> r.state().equals("QUARANTINED"))
                .map(r -> r.reason() == null ? "quarantined" : r.reason())
                .orElseGet(() -> open.map(Board::reason).orElse(NOT_OPENED));
    }

    /** Why an OFFLINE board that nothing failed on is offline. */
    static final String NOT_OPENED = "not opened yet: no run or command has used it since the controller started";

    private static Map<String, Object> progressOf(Events.Progress p, Optional<Long> current) {
        if (p == null) {
            return null;
        }
        return Events.map("run", p.runId(), "benchmark", p.benchmark(), "done", p.done(), "expected", p.expected(),
                "finished", p.finished() || current.map(c -> c != p.runId()).orElse(true), "problem", p.problem());
    }

    private static Map<String, String> details(TargetInfo t) {
        Map<String, String> d = new LinkedHashMap<>();
        if (t != null && t.details() != null) {
            for (String part : t.details().split(";")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    d.put(part.substring(0, eq), part.substring(eq + 1));
                }
            }
        }
        return d;
    }

    private static Long number(String s) {
        try {
            long v = Long.parseLong(s);
            return v < 0 ? null : v;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Emits board-state events when a board's state changes (boards change state outside of runs too). */
    private void pollStates() {
        try {
            for (BoardConfig b : service.config().boards()) {
                Optional<Board> open = service.rig().openedBoard(b.id());
                String state = shownState(b.id(), open);
                String reason = reasonOf(b.id(), open);
                String key = state + "\u0000" + reason;
                String before = lastStates.put(b.id(), key);
                if (before != null && !before.equals(key)) {
                    events.send("board-state", Events.map("board", b.id(), "state", state, "reason", reason));
                }
            }
        } catch (RuntimeException e) {
            // never let the ticker die; the next poll tries again
        }
    }

    private void runs(Context ctx) {
        int limit = intParam(ctx, "limit", 50, 1, MAX_PAGE);
        int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        List<RunInfo> runs = service.store().runs(limit + 1, offset);
        boolean more = runs.size() > limit;
        List<Map<String, Object>> list = runs.stream().limit(limit).map(WebServer::runJson).toList();
        send(ctx, Events.map("runs", list, "limit", limit, "offset", offset,
                "next", more ? "/api/runs?limit=" + limit + "&offset=" + (offset + limit) : null));
    }

    private static int intParam(Context ctx, String name, int dflt, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            int i = Integer.parseInt(v);
            if (i < min || i > max) {
                throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ", got " + v);
            }
            return i;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + v + "'");
        }
    }

    private RunInfo runOf(Context ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new NotFound();
        }
        return service.store().run(id).orElseThrow(NotFound::new);
    }

    static Map<String, Object> runJson(RunInfo r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("rig", r.rig());
        m.put("suite", r.suite());
        m.put("state", r.state().dbValue());
        m.put("targets", r.targets());
        m.put("repetitions", r.repetitions());
        m.put("startedAt", r.startedAt() == null ? null : r.startedAt().toString());
        m.put("endedAt", r.endedAt() == null ? null : r.endedAt().toString());
        Instant end = r.endedAt() != null ? r.endedAt() : Instant.now();
        m.put("durationS", r.startedAt() == null ? null : Duration.between(r.startedAt(), end).toMillis() / 1000.0);
        m.put("reason", r.reason());
        m.put("configHash", r.configHash());
        return m;
    }

    private Map<String, Object> runDetail(RunInfo r) {
        List<Measurement> ms = service.store().measurements(r.id());
        List<BenchmarkInfo> benches = service.store().benchmarks(r.id());
        Map<String, String> classes = new LinkedHashMap<>();
        benches.forEach(b -> classes.put(b.name(), b.workloadClass()));
        Map<String, List<Measurement>> failuresByGroup = new TreeMap<>();
        Map<String, List<Energy>> energyByGroup = new TreeMap<>();
        for (Measurement m : ms) {
            if (m.outcome().isOk() && m.energy() != null) {
                energyByGroup.computeIfAbsent(m.benchmark() + "/" + m.target() + "/" + m.mode(), k -> new ArrayList<>())
                        .add(m.energy());
            }
            if (!m.outcome().isOk()) {
                failuresByGroup.computeIfAbsent(m.benchmark() + "/" + m.target() + "/" + m.mode(), k -> new ArrayList<>()).add(m);
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ResultRow row : ResultRow.summarize(ms)) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("benchmark", row.benchmark());
            o.put("class", classes.get(row.benchmark()));
            o.put("target", row.target());
            o.put("mode", row.mode().name().toLowerCase());
            o.put("tier", row.tier());
            o.put("n", row.time().n());
            o.put("medianNs", finite(row.time().median()));
            o.put("minNs", finite(row.time().min()));
            o.put("maxNs", finite(row.time().max()));
            o.put("madNs", finite(row.time().mad()));
            o.put("spreadPercent", row.time().n() > 1 ? finite(row.time().spreadRatioPercent()) : null);
            o.put("wallMedianNs", finite(row.wall().median()));
            o.put("heapUsed", row.heapUsed());
            o.put("peakRssKb", row.peakRssKb());
            o.put("energy", energySummary(energyByGroup.get(row.benchmark() + "/" + row.target() + "/" + row.mode())));
            o.put("outcomes", row.outcomes());
            o.put("outcome", row.outcomeLabel());
            List<Measurement> f = failuresByGroup.getOrDefault(row.benchmark() + "/" + row.target() + "/" + row.mode(), List.of());
            o.put("failureDetail", f.isEmpty() ? null : f.get(0).outcome().detail());
            rows.add(o);
        }
        Map<String, Object> doc = new LinkedHashMap<>(runJson(r));
        doc.put("targetInfo", service.store().targets(r.id()));
        doc.put("benchmarks", benches);
        doc.put("rows", rows);
        doc.put("downloads", Map.of("csv", "/api/runs/" + r.id() + "/measurements.csv",
                "json", "/api/runs/" + r.id() + "/measurements.json"));
        return doc;
    }

    /**
     * Energy of one benchmark x target x mode over its successful repetitions: medians of mJ and of
     * average and peak mA, whether any value was simulated, and the union of the windows' flags.
     */
    static Map<String, Object> energySummary(List<Energy> es) {
        if (es == null || es.isEmpty()) {
            return null;
        }
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("n", es.size());
        e.put("millijoules", finite(Summary.of(es.stream().mapToDouble(Energy::millijoules).toArray()).median()));
        e.put("averageMilliamps", finite(Summary.of(es.stream().mapToDouble(Energy::averageMilliamps).toArray()).median()));
        e.put("peakMilliamps", finite(Summary.of(es.stream().mapToDouble(Energy::peakMilliamps).toArray()).median()));
        e.put("samples", finite(Summary.of(es.stream().mapToDouble(Energy::samples).toArray()).median()));
        e.put("instrument", es.get(0).instrument());
        e.put("simulated", es.stream().anyMatch(Energy::simulated));
        e.put("flags", flags(es));
        e.put("flagged", es.stream().filter(x -> x.flags() != null && !x.flags().isBlank()).count());
        return e;
    }

    /** Distinct flags of the windows, in order of first appearance. */
    static List<String> flags(List<Energy> es) {
        java.util.LinkedHashSet<String> f = new java.util.LinkedHashSet<>();
        for (Energy x : es) {
            if (x.flags() != null) {
                for (String part : x.flags().split(",")) {
                    if (!part.isBlank()) {
                        f.add(part.strip());
                    }
                }
            }
        }
        return List.copyOf(f);
    }

    private static Double finite(double d) {
        return Double.isFinite(d) ? d : null;
    }


    private List<Map<String, Object>> rows(long runId) {
        Map<String, String> classes = new LinkedHashMap<>();
        service.store().benchmarks(runId).forEach(b -> classes.put(b.name(), b.workloadClass()));
        return service.store().measurements(runId).stream().map(m -> MeasurementRows.row(m, classes.get(m.benchmark()))).toList();
    }

    private void csv(Context ctx) throws IOException {
        RunInfo r = runOf(ctx);
        ctx.header("Content-Disposition", "attachment; filename=\"run-" + r.id() + ".csv\"");
        ctx.contentType("text/csv; charset=utf-8").result(MeasurementRows.csv(rows(r.id())));
    }

    private void history(Context ctx) {
        String name = ctx.pathParam("name");
        if (service.catalog().benchmark(name).isEmpty() && service.store().historyTargets(name).isEmpty()) {
            throw new NotFound();
        }
        List<String> targets = service.store().historyTargets(name);
        String target = ctx.queryParam("target");
        if (target == null || target.isBlank()) {
            target = targets.isEmpty() ? null : targets.get(0);
        }
        int limit = intParam(ctx, "limit", HISTORY_LIMIT, 1, HISTORY_LIMIT);
        List<Map<String, Object>> alerts = new ArrayList<>();
        Map<String, Map<String, Object>> alertAt = new LinkedHashMap<>();
        if (target != null) {
            for (Store.AlertRow a : service.store().alerts(ALERT_SCAN)) {
                if (a.benchmark().equals(name) && a.target().equals(target)) {
                    Map<String, Object> j = alertJson(a);
                    alerts.add(0, j); // oldest first, as the points
                    alertAt.put(a.stepRunId() + "/" + a.mode(), j);
                }
            }
        }
        List<Map<String, Object>> points = new ArrayList<>();
        if (target != null) {
            Map<String, List<Measurement>> groups = new LinkedHashMap<>();
            for (Measurement m : service.store().history(name, target, limit)) {
                groups.computeIfAbsent(m.runId() + "/" + m.mode(), k -> new ArrayList<>()).add(m);
            }
            for (List<Measurement> g : groups.values()) {
                Measurement first = g.get(0);
                List<Measurement> ok = g.stream().filter(m -> m.outcome().isOk() && m.timeNs() != null).toList();
                double[] v = ok.stream().mapToDouble(m -> m.timeNs().doubleValue()).toArray();
                Summary s = Summary.of(v);
                double[] sorted = v.clone();
                java.util.Arrays.sort(sorted);
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("run", first.runId());
                p.put("at", first.at().toString());
                p.put("mode", first.mode().name().toLowerCase());
                p.put("n", s.n());
                p.put("medianNs", finite(s.median()));
                p.put("minNs", finite(s.min()));
                p.put("maxNs", finite(s.max()));
                p.put("q1Ns", finite(Summary.quantileSorted(sorted, 0.25)));
                p.put("q3Ns", finite(Summary.quantileSorted(sorted, 0.75)));
                p.put("failures", g.size() - ok.size());
                Map<String, Object> a = alertAt.get(first.runId() + "/" + p.get("mode"));
                p.put("regression", a == null ? null : Events.map("id", a.get("id"), "direction", a.get("direction"),
                        "change", a.get("change")));
                points.add(p);
            }
        }
        send(ctx, Events.map("benchmark", name, "target", target, "targets", targets, "points", points,
                "alerts", alerts));
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
        m.put("beforeNs", finite(a.beforeNs()));
        m.put("afterNs", finite(a.afterNs()));
        m.put("change", finite(a.change()));
        m.put("pValue", finite(a.pValue()));
        m.put("detectedAt", a.detectedAt().toString());
        m.put("detectedBy", a.detectedBy());
        return m;
    }

    // ------------------------------------------------------------------ actions

    /** Firmware files the flash action accepts (as {@code benchrig flash}). */
    private static final Pattern FIRMWARE_FILE = Pattern.compile("(?i).+\\.(hex|uf2|bin)");

    private void release(Context ctx) {
        String id = boardOf(ctx);
        boolean was = service.rig().quarantined(id);
        String reason = service.rig().record(id).map(r -> r.reason()).orElse(null);
        service.rig().releaseQuarantine(id);
        if (was) {
            events.send("board-state", Events.map("board", id, "state", shownState(id, service.rig().openedBoard(id)),
                    "reason", ""));
        }
        send(ctx, Events.map("board", id, "released", was, "wasQuarantined", was, "reason", was ? reason : null,
                "message", was ? "board " + id + " released; the next run checks its health first"
                        : "board " + id + " was not quarantined"));
    }

    /** The run of this controller that uses {@code board} now, if any. */
    private Optional<RunInfo> runUsing(String board) {
        return service.currentRun().flatMap(r -> service.store().run(r)).filter(r -> r.targets().contains(board));
    }

    private void flash(Context ctx) throws IOException {
        String id = boardOf(ctx);
        String body = ctx.body();
        JsonNode req = body.isBlank() ? json.createObjectNode() : json.readTree(body);
        if (!req.isObject() || !req.hasNonNull("firmware") || !req.get("firmware").isTextual()
                || req.get("firmware").asText().isBlank()) {
            throw new IllegalArgumentException("expected {\"firmware\": \"<path of a .hex, .uf2 or .bin file on the controller>\"}");
        }
        String given = req.get("firmware").asText();
        java.nio.file.Path path;
        try {
            path = java.nio.file.Path.of(given).toAbsolutePath().normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException("not a path: " + given);
        }
        if (!FIRMWARE_FILE.matcher(path.getFileName() == null ? "" : path.getFileName().toString()).matches()) {
            throw new IllegalArgumentException(given + ": not a firmware image; expected a .hex, .uf2 or .bin file");
        }
        if (!java.nio.file.Files.isRegularFile(path)) {
            throw new IllegalArgumentException(given + ": no such file on the controller");
        }
        Optional<RunInfo> using = runUsing(id);
        if (using.isPresent()) {
            RunInfo r = using.get();
            error(ctx, 409, "board " + id + " is busy: run " + r.id() + " since "
                    + java.time.format.DateTimeFormatter.ofPattern("HH:mm").withZone(java.time.ZoneId.systemDefault())
                    .format(r.startedAt() == null ? Instant.now() : r.startedAt()));
            return;
        }
        org.benchrig.flash.FirmwareImage image;
        try {
            image = org.benchrig.flash.FirmwareImage.load(path);
        } catch (org.benchrig.flash.InvalidImage e) {
            throw new IllegalArgumentException("refused: " + e.getMessage());
        }
        boolean verifyOnly = req.path("verifyOnly").asBoolean(false);
        List<String> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
        org.benchrig.flash.FlashReport report = null;
        org.benchrig.flash.FlashVerifier.Verification v;
        try (var claim = service.rig().claims().tryClaim(id, "benchrig flash")) {
            if (verifyOnly) {
                v = org.benchrig.flash.FlashVerifier.verify(service.rig().board(id), image,
                        org.benchrig.time.Deadline.in(Duration.ofSeconds(30)));
            } else {
                events.send("board-state", Events.map("board", id, "state", "FLASHING", "reason", "flashing " + path.getFileName()));
                org.benchrig.bench.Rig.Flashed f = service.rig().flash(id, image, progress::add);
                report = f.report();
                v = f.verification();
            }
        } catch (org.benchrig.board.BoardBusy e) {
            error(ctx, 409, e.getMessage());
            return;
        } catch (org.benchrig.flash.InvalidImage e) {
            error(ctx, 400, "refused: " + e.getMessage());
            return;
        } catch (org.benchrig.flash.FlashFailed e) {
            error(ctx, 502, "flash failed: " + e.getMessage());
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("board", id);
        m.put("verified", v.passed());
        m.put("flasher", report == null ? null : report.flasher());
        m.put("elapsedS", report == null ? null : report.elapsed().toMillis() / 1000.0);
        m.put("steps", report == null ? List.of() : report.steps());
        m.put("progress", progress);
        m.put("image", Events.map("path", image.path().toString(), "format", image.format().name().toLowerCase(),
                "size", image.size(), "flashBytes", image.flashBytes(), "sha256", image.sha256(),
                "version", image.version().orElse(null)));
        m.put("release", v.release());
        m.put("version", v.version());
        m.put("machine", v.machine());
        m.put("flashUse", Events.map("firmwareBytes", v.use().firmwareBytes(), "chipFlash", v.use().chipFlash(),
                "fsUsed", v.use().fsUsed(), "fsFree", v.use().fsFree()));
        m.put("notes", v.notes());
        m.put("problems", v.problems());
        send(ctx, m);
    }

    private void startRun(Context ctx) throws IOException {
        String body = ctx.body();
        JsonNode req = body.isBlank() ? json.createObjectNode() : json.readTree(body);
        if (!req.isObject()) {
            throw new IllegalArgumentException("expected a JSON object like {\"suite\":\"smoke\",\"targets\":[\"mb1\"],\"repetitions\":3}");
        }
        String suite = req.hasNonNull("suite") ? req.get("suite").asText() : null;
        List<String> targets = new ArrayList<>();
        if (req.has("targets") && req.get("targets").isArray()) {
            req.get("targets").forEach(t -> targets.add(t.asText()));
        } else if (req.hasNonNull("targets")) {
            throw new IllegalArgumentException("targets must be a list of target ids");
        }
        Integer reps = null;
        if (req.hasNonNull("repetitions")) {
            if (!req.get("repetitions").canConvertToInt() || req.get("repetitions").asInt() < 1
                    || req.get("repetitions").asInt() > 1000) {
                throw new IllegalArgumentException("repetitions must be an integer in 1..1000");
            }
            reps = req.get("repetitions").asInt();
        }
        Boolean concurrency = req.hasNonNull("concurrency") ? req.get("concurrency").asBoolean() : null;
        RunRequest rr = new RunRequest(suite, targets, reps, ctx.header(CLI_HEADER) != null ? "cli" : "web", concurrency);
        var plan = service.plan(rr);
        service.submit(rr);
        events.send("run-queued", Events.map("suite", plan.suite(), "targets", plan.targetIds(),
                "repetitions", plan.repetitions()));
        ctx.status(202);
        send(ctx, Events.map("queued", true, "suite", plan.suite(), "targets", plan.targetIds(),
                "repetitions", plan.repetitions(), "benchmarks", plan.benchmarks().stream().map(Benchmark::name).toList(),
                "behind", service.currentRun().orElse(null)));
    }
}
