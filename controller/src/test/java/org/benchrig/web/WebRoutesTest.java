package org.benchrig.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST API's answers to requests a user or a prober can get wrong, without a browser or a
 * booted board: paths out of the root, files that are not the UI's, bad parameters and bodies.
 */
class WebRoutesTest {
    static final String TOKEN = "routes-token";
    @TempDir
    static Path dir;
    static ServedRig served;
    static WebServer web;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        served = ServedRig.open(dir, "routes", new String[] {"mb1"}, TOKEN);
        web = served.web();
    }

    @AfterAll
    static void stop() {
        served.close();
    }

    static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(web.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> postRun(String body) throws Exception {
        return post("api/runs", body);
    }

    static HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(web.url() + path)).header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The status of a GET of the path's bytes exactly as given (HttpClient and browsers normalize "/../"). */
    static int rawStatus(String rawPath) throws Exception {
        try (Socket s = new Socket("127.0.0.1", web.port())) {
            s.getOutputStream().write(("GET " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return Integer.parseInt(new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII).substring(9));
        }
    }

    @Test
    void pathsOutOfTheRootAndFilesThatAreNotTheUisAre404() throws Exception {
        for (String p : List.of("/../etc/passwd", "/assets/../../pom.xml", "/assets/%2e%2e/%2e%2e/pom.xml",
                "/assets/..%2f..%2fpom.xml", "/%2e%2e/%2e%2e/etc/passwd", "/assets/%252e%252e%252fpom.xml",
                "/vendor/..%5c..%5cpom.xml", "/api/../web/bench.html", "/nope", "/api/nope", "/assets/app.css/..",
                "/assets//app.css", "/assets/%61pp.css", "/assets/app.css%00", "/assets/bench.html",
                "/vendor/echarts.js", "/vendor/uPlot.esm.js", "/vendor/../vendor/echarts.esm.min.js",
                "/web/bench.html", "/firmware-scripts/harness/bh.py", "/db/migration/V1__initial.sql", "/bench")) {
            assertThat(rawStatus(p)).as(p).isEqualTo(404);
        }
        assertThat(get("api/nope").body()).isEqualTo("{\"error\":\"not found\"}");
        assertThat(get("nope").body()).isEqualTo("404 not found\n");
    }

    @Test
    void thePagesTheirAssetsAndTheListedVendorFilesAreServed() throws Exception {
        for (String page : List.of("", "runs", "run", "compare", "history", "changes")) {
            HttpResponse<String> r = get(page);
            assertThat(r.statusCode()).as(page).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).as(page).startsWith("text/html");
            assertThat(r.headers().firstValue("Content-Security-Policy").orElse("")).as(page).contains("script-src 'self'");
        }
        HttpResponse<String> css = get("assets/app.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type").orElse("")).startsWith("text/css");
        assertThat(get("assets/bench.js").headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
        assertThat(get("vendor/uPlot.iife.min.js").statusCode()).isEqualTo(200);
        assertThat(get("vendor/uPlot.min.css").headers().firstValue("Content-Type").orElse("")).startsWith("text/css");
        HttpResponse<String> echarts = get("vendor/echarts.esm.min.js");
        assertThat(echarts.statusCode()).isEqualTo(200);
        assertThat(echarts.headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
        assertThat(echarts.headers().firstValue("Cache-Control").orElse("")).isEqualTo("no-store");
        assertThat(echarts.body()).as("the ES-module build").contains("as init,");
    }

    @Test
    void anExplicitEmptyTargetListIsRefusedNotTakenForEveryTarget() throws Exception {
        HttpResponse<String> r = postRun("{\"suite\":\"smoke\",\"targets\":[]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("targets is empty: name at least one target");
        assertThat(served.store().runs(10, 0)).as("nothing was started").isEmpty();
    }

    @Test
    void aBodyOfTheWrongShapeIs400SayingWhichFieldWithoutJavaNames() throws Exception {
        for (String[] c : new String[][] {{"[]", "expected a JSON object"}, {"{\"targets\":\"mb1\"}", "targets: expected a list"},
                {"{\"suite\":{\"a\":1}}", "suite: expected a string"}, {"{\"repetitions\":0}", "repetitions must be an integer in 1..1000"},
                {"{\"repetitions\":\"many\"}", "repetitions: expected a number"}, {"{\"targets\":[\"mb1\",null]}", "targets must be a list"},
                {"{\"suite\":", "bad JSON"}, {"{\"suite\":\"no-such-suite\"}", "no-such-suite"},
                // an older client's camelCase name is refused, not silently dropped
                {"{\"suite\":\"smoke\",\"Repetitions\":2}", "unknown field 'Repetitions'; this request takes concurrency, "
                        + "repetitions, suite, targets"}}) {
            HttpResponse<String> r = postRun(c[0]);
            assertThat(r.statusCode()).as(c[0] + " -> " + r.body()).isEqualTo(400);
            assertThat(r.body()).as(c[0]).contains(c[1]).doesNotContain("java.", "org.benchrig", "Form");
        }
        assertThat(served.store().runs(10, 0)).isEmpty();
    }

    @Test
    void queryAndPathParametersAreChecked() throws Exception {
        assertThat(get("api/runs?limit=0").body()).contains("limit must be in 1..500, got '0'");
        assertThat(get("api/runs?limit=0").statusCode()).isEqualTo(400);
        assertThat(get("api/runs?offset=x").body()).contains("offset must be an integer, got 'x'");
        assertThat(get("api/runs?limit=").statusCode()).isEqualTo(200);
        assertThat(get("api/runs?limit=7").body()).contains("\"limit\":7", "\"offset\":0");
        for (String p : List.of("api/runs/abc", "api/runs/999", "api/runs/999/compare", "api/compare/1/x",
                "api/compare/latest/latest", "api/profiles/x/stacks.folded", "api/profiles/5/speedscope.json",
                "api/benchmarks/no-such-benchmark/history")) {
            HttpResponse<String> r = get(p);
            assertThat(r.statusCode()).as(p).isEqualTo(404);
            assertThat(r.body()).as(p).isEqualTo("{\"error\":\"not found\"}");
        }
        assertThat(get("api/benchmarks/fib/history?limit=0").statusCode()).isEqualTo(400);
    }

    @Test
    void theEventStreamGreetsWithTheRigsName() throws Exception {
        HttpResponse<java.io.InputStream> r = http.send(HttpRequest.newBuilder(URI.create(web.url() + "api/events")).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            String line;
            while ((line = lines.readLine()) != null && !line.startsWith("data:")) {
                // the event's name comes first
            }
            assertThat(line).isEqualTo("data: {\"rig\":\"routes\"}");
        }
    }

    @Test
    void aBoardCommandWithABadBodyIs400BeforeTheBoardIsOpened() throws Exception {
        for (String[] c : new String[][] {{"{}", "code: expected a string"}, {"{\"code\":[\"x\"]}", "code: expected a string"},
                {"{\"code\":\"print(1)\",\"timeout_s\":0}", "timeout_s: expected an integer in 1..86400, got 0"},
                {"{\"code\":\"print(1)\",\"retries\":11}", "retries: expected an integer in 0..10, got 11"}}) {
            HttpResponse<String> r = post("api/boards/mb1/exec", c[0]);
            assertThat(r.statusCode()).as(c[0] + " -> " + r.body()).isEqualTo(400);
            assertThat(r.body()).as(c[0]).contains(c[1]);
        }
        assertThat(post("api/boards/mb1/upload", "{\"name\":\"a.py\",\"content_base64\":\"%%\"}").body())
                .contains("content_base64: not base64");
        assertThat(post("api/boards/health", "{\"board\":\"nope\"}").body()).contains("no board 'nope'");
        assertThat(served.rig().openedBoard("mb1")).as("nothing was booted").isEmpty();
    }
}
