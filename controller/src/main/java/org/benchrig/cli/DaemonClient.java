package org.benchrig.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.benchrig.web.WebServer;

/**
 * A CLI board command sent to the daemon that owns the boards (docs/api.md, "Board commands"):
 * JSON over HTTP on the daemon's URL, with its bearer token when the token variable the daemon
 * names is set (without one the daemon serves the CLI on loopback). Uses only the JDK and
 * jackson-core, so the launcher's quick path stays quick.
 */
public final class DaemonClient {
    /** Connecting to a live daemon on this machine takes milliseconds; longer means it is not there. */
    private static final Duration CONNECT_WAIT = Duration.ofSeconds(5);
    private static final JsonFactory JSON = new JsonFactory();

    /** The daemon did not take the request (nothing was sent): the command may open the board itself. */
    public static final class Gone extends Exception {
        Gone(String message) {
            super(message, null, false, false);
        }
    }

    /** The daemon's answer: its HTTP status and JSON body. */
    public record Reply(int status, Map<String, Object> body) {
        public String error() {
            Object e = body.get("error");
            return e == null ? "HTTP " + status : e.toString();
        }
    }

    private final DaemonFile.Entry entry;
    private final String token;

    private DaemonClient(DaemonFile.Entry entry, String token) {
        this.entry = entry;
        this.token = token;
    }

    /**
     * The daemon named by the rig's daemon file, if one is alive. A stale file (its pid is gone) is
     * removed with a note on {@code err}.
     */
    public static Optional<DaemonClient> find(Path dataDir, Map<String, String> env, PrintWriter err) {
        Optional<DaemonFile.Entry> e = DaemonFile.read(dataDir);
        if (e.isEmpty()) {
            return Optional.empty();
        }
        if (!e.get().alive()) {
            err.println("benchrig: note: " + e.get().file() + " names a daemon (pid " + e.get().pid()
                    + ") that is gone; removed it");
            DaemonFile.removeStale(e.get());
            return Optional.empty();
        }
        String name = e.get().tokenEnv();
        String token = env.getOrDefault(name, System.getenv(name));
        return Optional.of(new DaemonClient(e.get(), token == null || token.isBlank() ? null : token));
    }

    public String url() {
        return entry.url();
    }

    public String tokenEnv() {
        return entry.tokenEnv();
    }

    /** The line every command prints to say which path it took. */
    public String viaLine() {
        return "benchrig: via daemon at " + entry.url().replaceAll("/$", "");
    }

    /** The line a command prints when it opened the boards itself. */
    public static final String DIRECT_LINE = "benchrig: board opened directly";

    /**
     * POSTs {@code body} to {@code path} (e.g. "api/boards/mb1/exec") and waits up to {@code wait}
     * for the answer.
     *
     * @throws Gone        when the daemon refused the connection (nothing was sent)
     * @throws IOException when the daemon took the request but the answer did not come
     */
    public Reply post(String path, Map<String, ?> body, Duration wait) throws Gone, IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(entry.url()).resolve(path).toURL().openConnection();
        c.setConnectTimeout((int) CONNECT_WAIT.toMillis());
        c.setReadTimeout((int) Math.min(Integer.MAX_VALUE, wait.toMillis()));
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", "application/json");
        c.setRequestProperty(WebServer.CLI_HEADER, "cli");
        if (token != null) {
            c.setRequestProperty("Authorization", "Bearer " + token);
        }
        byte[] bytes = write(body).getBytes(StandardCharsets.UTF_8);
        c.setFixedLengthStreamingMode(bytes.length);
        try {
            c.connect();
        } catch (ConnectException | java.net.SocketTimeoutException e) {
            throw new Gone("the daemon at " + entry.url() + " does not answer (" + e.getMessage() + ")");
        }
        try (OutputStream out = c.getOutputStream()) {
            out.write(bytes);
        }
        int status = c.getResponseCode();
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Reply(status, text.isBlank() ? Map.of() : readObject(text));
        } finally {
            c.disconnect();
        }
    }

    static String write(Map<String, ?> body) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            for (Map.Entry<String, ?> e : body.entrySet()) {
                g.writeFieldName(e.getKey());
                Object v = e.getValue();
                if (v == null) {
                    g.writeNull();
                } else if (v instanceof Boolean b) {
                    g.writeBoolean(b);
                } else if (v instanceof List<?> l) {
                    g.writeStartArray();
                    for (Object o : l) {
                        g.writeString(String.valueOf(o));
                    }
                    g.writeEndArray();
                } else if (v instanceof Integer || v instanceof Long) {
                    g.writeNumber(((Number) v).longValue());
                } else {
                    g.writeString(v.toString());
                }
            }
            g.writeEndObject();
        }
        return w.toString();
    }

    /** A JSON object as maps, lists, strings, numbers, booleans and nulls. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> readObject(String text) throws IOException {
        try (JsonParser p = JSON.createParser(text)) {
            Object v = value(p, p.nextToken());
            if (!(v instanceof Map)) {
                throw new IOException("expected a JSON object from the daemon, got: " + text);
            }
            return (Map<String, Object>) v;
        }
    }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        if (t == null) {
            throw new IOException("the daemon's answer ended early");
        }
        return switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = p.currentName();
                    m.put(k, value(p, p.nextToken()));
                }
                yield m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                for (JsonToken n = p.nextToken(); n != JsonToken.END_ARRAY; n = p.nextToken()) {
                    l.add(value(p, n));
                }
                yield l;
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            case VALUE_NULL -> null;
            default -> throw new IOException("unexpected JSON token " + t + " from the daemon");
        };
    }
}
