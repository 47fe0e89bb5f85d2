package org.benchrig.web;

import io.javalin.config.RoutesConfig;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.benchrig.bench.BoardActions;
import org.benchrig.bench.BoardProbe;
import org.benchrig.bench.Rig;
import org.benchrig.config.BoardConfig;

/**
 * The CLI's board commands served by the daemon (docs/api.md, "Board commands"): {@code exec},
 * {@code upload}, {@code boards}, {@code health} run on the boards this daemon keeps open, each
 * holding its board's claim, so a run in progress makes them answer 409 "busy", never interleave.
 * Each handler takes the request's body (read by Javalin's JSON mapper) and gives the answer's fields.
 */
final class BoardCommands {
    /** Longest exec a request may ask for: a day (the CLI's --timeout has no lower limit than 1 s). */
    private static final int MAX_EXEC_SECONDS = 86_400;
    private static final int MAX_RERUNS = 10;
    /** As `benchrig upload`: about 1 KB/s is the worst seen on a loaded host. */
    private static final Duration UPLOAD_WAIT = Duration.ofMinutes(2);

    private final Rig rig;
    private final BoardActions actions;

    BoardCommands(Rig rig) {
        this.rig = rig;
        this.actions = new BoardActions(rig);
    }

    /** {"code":"print(1)", "label":"<stdin>", "timeout_s":30, "retries":0} */
    record ExecForm(String code, String label, Integer timeoutS, Integer retries) {
    }

    /** {"name":"tool.py", "content_base64":"..."} */
    record UploadForm(String name, String contentBase64) {
    }

    /** {"board":"mb1"}, or {} for every board */
    record HealthForm(String board) {
    }

    /** The CLI's board commands while this daemon owns the boards. */
    void addTo(RoutesConfig routes) {
        routes.post("/api/boards/probe", ctx -> ctx.json(probe()));
        routes.post("/api/boards/health", ctx -> ctx.json(health(Params.body(ctx, HealthForm.class, new HealthForm(null)))));
        routes.post("/api/boards/{id}/exec", ctx -> ctx.json(exec(known(ctx.pathParam("id")),
                Params.body(ctx, ExecForm.class, new ExecForm(null, null, null, null)))));
        routes.post("/api/boards/{id}/upload", ctx -> ctx.json(upload(known(ctx.pathParam("id")),
                Params.body(ctx, UploadForm.class, new UploadForm(null, null)))));
    }

    /** The board id if the rig has it; else a 400 naming the rig's boards, as the CLI says it. */
    String known(String board) {
        if (rig.config().board(board).isEmpty()) {
            throw new IllegalArgumentException("no board '" + board + "' in " + rig.config().source() + "; boards: "
                    + rig.config().boards().stream().map(BoardConfig::id).toList());
        }
        return board;
    }

    /** {@code POST /api/boards/{id}/exec}. */
    Map<String, Object> exec(String board, ExecForm req) {
        String code = required("code", req.code());
        String label = req.label() != null ? req.label() : "<stdin>";
        int timeout = bounded("timeout_s", req.timeoutS(), 30, 1, MAX_EXEC_SECONDS);
        int retries = bounded("retries", req.retries(), 0, 0, MAX_RERUNS);
        return actions.exec(board, code, label, retries, Duration.ofSeconds(timeout));
    }

    /** {@code POST /api/boards/{id}/upload}. */
    Map<String, Object> upload(String board, UploadForm req) {
        String name = required("name", req.name());
        byte[] content;
        try {
            content = Base64.getDecoder().decode(required("content_base64", req.contentBase64()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("content_base64: not base64 (" + e.getMessage() + ")");
        }
        return actions.upload(board, name, content, UPLOAD_WAIT);
    }

    /** {@code POST /api/boards/probe}: every board probed, as `benchrig boards` lists them. */
    Map<String, Object> probe() {
        return Map.of("boards", BoardProbe.probeAll(rig, "benchrig boards"));
    }

    /** {@code POST /api/boards/health}. */
    Map<String, Object> health(HealthForm req) {
        List<String> ids;
        if (req.board() != null) {
            if (rig.config().board(req.board()).isEmpty()) {
                throw new IllegalArgumentException("no board '" + req.board() + "' in " + rig.config().source());
            }
            ids = List.of(req.board());
        } else {
            ids = rig.config().boards().stream().map(BoardConfig::id).toList();
        }
        return Map.of("boards", BoardProbe.health(rig, ids, "benchrig health"));
    }

    private static String required(String field, String value) {
        if (value == null) {
            throw new IllegalArgumentException(field + ": expected a string");
        }
        return value;
    }

    private static int bounded(String field, Integer value, int otherwise, int min, int max) {
        if (value == null) {
            return otherwise;
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + ": expected an integer in " + min + ".." + max + ", got " + value);
        }
        return value;
    }
}
