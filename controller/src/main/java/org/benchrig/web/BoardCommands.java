package org.benchrig.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import java.io.IOException;
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
 * Each handler takes the request's JSON and gives the answer's fields.
 */
final class BoardCommands {
    /** Longest exec a request may ask for: a day (the CLI's --timeout has no lower limit than 1 s). */
    private static final int MAX_EXEC_SECONDS = 86_400;
    private static final int MAX_RERUNS = 10;
    /** As `benchrig upload`: about 1 KB/s is the worst seen on a loaded host. */
    private static final Duration UPLOAD_WAIT = Duration.ofMinutes(2);

    private final Rig rig;
    private final BoardActions actions;
    private final ObjectMapper json;

    BoardCommands(Rig rig, ObjectMapper json) {
        this.rig = rig;
        this.actions = new BoardActions(rig);
        this.json = json;
    }

    /** The CLI's board commands while this daemon owns the boards. */
    void addTo(RoutesConfig routes) {
        routes.post("/api/boards/probe", ctx -> ctx.json(probe()));
        routes.post("/api/boards/health", ctx -> ctx.json(health(ctx.body())));
        routes.post("/api/boards/{id}/exec", ctx -> ctx.json(exec(known(ctx.pathParam("id")), ctx.body())));
        routes.post("/api/boards/{id}/upload", ctx -> ctx.json(upload(known(ctx.pathParam("id")), ctx.body())));
    }

    /** The board id if the rig has it; else a 400 naming the rig's boards, as the CLI says it. */
    String known(String board) {
        if (rig.config().board(board).isEmpty()) {
            throw new IllegalArgumentException("no board '" + board + "' in " + rig.config().source() + "; boards: "
                    + rig.config().boards().stream().map(BoardConfig::id).toList());
        }
        return board;
    }

    /** {@code POST /api/boards/{id}/exec} {"code":..., "label":..., "timeoutS":30, "retries":0}. */
    Map<String, Object> exec(String board, String body) throws IOException {
        JsonNode req = object(body, "{\"code\":\"print(1)\",\"timeoutS\":30,\"retries\":0}");
        String code = text(req, "code");
        String label = req.hasNonNull("label") ? req.get("label").asText() : "<stdin>";
        int timeout = integer(req, "timeoutS", 30, 1, MAX_EXEC_SECONDS);
        int retries = integer(req, "retries", 0, 0, MAX_RERUNS);
        return actions.exec(board, code, label, retries, Duration.ofSeconds(timeout));
    }

    /** {@code POST /api/boards/{id}/upload} {"name":"tool.py", "contentBase64":"..."}. */
    Map<String, Object> upload(String board, String body) throws IOException {
        JsonNode req = object(body, "{\"name\":\"tool.py\",\"contentBase64\":\"...\"}");
        String name = text(req, "name");
        byte[] content;
        try {
            content = Base64.getDecoder().decode(text(req, "contentBase64"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("contentBase64: not base64 (" + e.getMessage() + ")");
        }
        return actions.upload(board, name, content, UPLOAD_WAIT);
    }

    /** {@code POST /api/boards/probe}: every board probed, as `benchrig boards` lists them. */
    Map<String, Object> probe() {
        return Map.of("boards", BoardProbe.probeAll(rig, "benchrig boards"));
    }

    /** {@code POST /api/boards/health} {"board":"mb1"} or {} for all boards. */
    Map<String, Object> health(String body) throws IOException {
        JsonNode req = object(body, "{\"board\":\"mb1\"} or {}");
        List<String> ids;
        if (req.hasNonNull("board")) {
            String id = req.get("board").asText();
            if (rig.config().board(id).isEmpty()) {
                throw new IllegalArgumentException("no board '" + id + "' in " + rig.config().source());
            }
            ids = List.of(id);
        } else {
            ids = rig.config().boards().stream().map(BoardConfig::id).toList();
        }
        return Map.of("boards", BoardProbe.health(rig, ids, "benchrig health"));
    }

    private JsonNode object(String body, String example) throws IOException {
        JsonNode req = body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
        if (!req.isObject()) {
            throw new IllegalArgumentException("expected a JSON object like " + example);
        }
        return req;
    }

    private static String text(JsonNode req, String field) {
        if (!req.hasNonNull(field) || !req.get(field).isTextual()) {
            throw new IllegalArgumentException(field + ": expected a string");
        }
        return req.get(field).asText();
    }

    private static int integer(JsonNode req, String field, int otherwise, int min, int max) {
        if (!req.hasNonNull(field)) {
            return otherwise;
        }
        JsonNode v = req.get(field);
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
            throw new IllegalArgumentException(field + ": expected an integer in " + min + ".." + max + ", got " + v);
        }
        return v.asInt();
    }
}
