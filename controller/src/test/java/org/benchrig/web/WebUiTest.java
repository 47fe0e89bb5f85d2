package org.benchrig.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.LoadState;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.benchrig.bench.Rig;
import org.benchrig.bench.RunRequest;
import org.benchrig.cli.CliHarness;
import org.benchrig.result.Energy;
import org.benchrig.result.FailureClass;
import org.benchrig.result.HeapUse;
import org.benchrig.result.Measurement;
import org.benchrig.result.Mode;
import org.benchrig.result.Outcome;
import org.benchrig.result.ScalingPoint;
import org.benchrig.stats.Summary;
import org.benchrig.store.RunState;
import org.benchrig.store.ScalingRecords;
import org.benchrig.store.Store;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.benchrig.testing.BrowserSession;
import org.benchrig.testing.NeedsEmulator;
import org.benchrig.testing.NeedsBrowser;

/**
 * The web UI in headless Chromium against a real rig: two emulated boards and two hosts in the
 * config, one run (fib and xss, 2 repetitions, on mb1 + python3 + pypy3) started from the browser.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@NeedsEmulator
@NeedsBrowser
class WebUiTest {
    static final String TOKEN = "test-token-4f1c";
    static final Path SHOTS = Path.of("target", "screenshots");

    @RegisterExtension
    static final BrowserSession CHROMIUM = new BrowserSession();
    @TempDir
    static Path dir;
    static ServedRig served;
    static Rig rig;
    static Store store;
    static WebServer web;
    static BrowserContext context;
    static Page page;
    static final List<String> dialogs = new CopyOnWriteArrayList<>();
    static final HttpClient http = HttpClient.newHttpClient();
    static final ObjectMapper json = new ObjectMapper();
    /** Test 3's run, started from the browser; -1 until a test has it (see {@link #browserRun}). */
    private static long browserRunId = -1;
    /** A run of fib and xss, 2 repetitions, on the emulated board and both hosts: a few minutes on 2 cores. */
    static final Duration RUN_WAIT = Duration.ofSeconds(240);

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(SHOTS);
        Path cfgFile = CliHarness.writeConfig(dir, "web-rig", new String[] {"mb1", "mb2"}, new String[] {"cpython", "pypy"});
        // as the default rig: each board has a marker pin and a simulated INA219
        String yaml = Files.readString(cfgFile);
        int address = 0x40;
        for (String b : List.of("mb1", "mb2")) {
            String firmwareLine = "firmware: " + CliHarness.FIRMWARE + "\n";
            int at = yaml.indexOf(firmwareLine, yaml.indexOf("id: " + b));
            yaml = yaml.substring(0, at + firmwareLine.length()) + "    marker_pin: 0\n    power: {sensor: ina219, bus: 1, address: 0x"
                    + Integer.toHexString(address++) + ", shunt_ohms: 0.1, max_amps: 1.0}\n" + yaml.substring(at + firmwareLine.length());
        }
        Files.writeString(cfgFile, yaml);
        served = ServedRig.open(cfgFile, TOKEN);
        rig = served.rig();
        store = served.store();
        web = served.web();

        context = CHROMIUM.browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
        page = context.newPage();
        page.onDialog(d -> {
            dialogs.add(d.message());
            d.dismiss();
        });
        page.setDefaultTimeout(30_000);
    }

    @AfterAll
    static void stop() {
        if (served != null) {
            served.close();
        }
    }

    static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(web.url() + path.substring(1))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(web.url() + path.substring(1)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends the path bytes exactly as given (HttpClient and browsers normalize "/../"). */
    static int rawStatus(String rawPath) throws Exception {
        try (Socket s = new Socket("127.0.0.1", web.port())) {
            s.getOutputStream().write(("GET " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            if (System.getenv("WEB_DEBUG") != null) {
                System.out.println("RAW " + rawPath + " -> " + answer);
            }
            return Integer.parseInt(answer.substring(9, 12));
        }
    }

    /** A POST announcing a body of {@code length} bytes, sending none: the answer must not wait for it. */
    static int rawPostStatus(String path, int length) throws Exception {
        try (Socket s = new Socket("127.0.0.1", web.port())) {
            s.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String status = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(status.substring(9, 12));
        }
    }

    /**
     * The run of fib and xss on mb1, cpython and pypy (2 repetitions) that test 3 starts from the
     * browser; a test run on its own starts the same run through the run service, so each test has
     * the data it reads whatever ran before it.
     */
    static synchronized long browserRun() throws Exception {
        if (browserRunId < 0) {
            browserRunId = served.service().submit(new RunRequest("fib,xss", List.of("mb1", "cpython", "pypy"), 2, "web"))
                    .get(RUN_WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        return browserRunId;
    }

    static void shot(String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(true));
    }

    @Test
    @Order(1)
    void benchPageShowsBothEmulatedBoardsAndBothHosts() {
        page.navigate(web.url());
        page.locator("#card-mb2").waitFor();
        assertThat(page.locator("#boards .card").count()).isEqualTo(2);
        assertThat(page.locator("#hosts .card").count()).isEqualTo(2);
        for (String id : List.of("mb1", "mb2", "cpython", "pypy")) {
            assertThat(page.locator("#card-" + id).isVisible()).as(id).isTrue();
        }
        assertThat(page.locator("#card-mb1 [data-field=state]").textContent()).isEqualTo("OFFLINE");
        assertThat(page.locator("#start-run").isVisible()).as("token configured: the start button shows").isTrue();
        shot("bench-before-run");
    }

    @Test
    @Order(2)
    void actionsWithoutTheTokenGet401AndTraversalGets404() throws Exception {
        assertThat(post("/api/runs", "{\"suite\":\"smoke\"}", null).statusCode()).isEqualTo(401);
        assertThat(post("/api/runs", "{\"suite\":\"smoke\"}", "wrong").statusCode()).isEqualTo(401);
        assertThat(post("/api/boards/mb1/flash", "{}", null).statusCode()).isEqualTo(401);
        assertThat(post("/api/boards/mb1/release", "{}", null).statusCode()).isEqualTo(401);
        HttpResponse<String> flash = post("/api/boards/mb1/flash", "{}", TOKEN);
        assertThat(flash.statusCode()).isEqualTo(400);
        assertThat(flash.body()).contains("firmware");
        assertThat(post("/api/boards/nope/flash", "{}", TOKEN).statusCode()).isEqualTo(404);
        assertThat(post("/api/boards/nope/release", "{}", TOKEN).statusCode()).isEqualTo(404);
        assertThat(rawPostStatus("/api/runs", WebServer.MAX_BODY_BYTES + 10)).isEqualTo(413);
        assertThat(post("/api/runs", "{\"suite\":\"no-such-suite\"}", TOKEN).statusCode()).isEqualTo(400);
        for (String p : List.of("/../etc/passwd", "/assets/../../pom.xml", "/assets/%2e%2e/%2e%2e/pom.xml",
                "/assets/..%2f..%2fpom.xml", "/%2e%2e/%2e%2e/etc/passwd", "/assets/%252e%252e%252fpom.xml",
                "/vendor/..%5c..%5cpom.xml", "/api/../web/bench.html", "/nope", "/api/nope", "/assets/app.css/..",
                "/web/bench.html", "/firmware-scripts/harness/bh.py", "/db/migration/V1__initial.sql")) {
            assertThat(rawStatus(p)).as(p).isEqualTo(404);
        }
        assertThat(get("/assets/app.css").statusCode()).isEqualTo(200);
        assertThat(get("/vendor/uPlot.iife.min.js").statusCode()).isEqualTo(200);
        HttpResponse<String> echarts = get("/vendor/echarts.esm.min.js");
        assertThat(echarts.statusCode()).isEqualTo(200);
        assertThat(echarts.headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
        assertThat(echarts.body()).as("the ES-module build").contains("as init,");
        assertThat(rawStatus("/vendor/echarts.js")).as("only the listed vendor files").isEqualTo(404);
        JsonNode rig = json.readTree(get("/api/rig").body());
        assertThat(rig.get("actions_enabled").asBoolean()).isTrue();
        assertThat(get("/api/rig").body()).doesNotContain(TOKEN);
    }

    @Test
    @Order(3)
    void aRunStartedFromTheBrowserMovesLiveAndEndsOnTheRunPage() {
        page.navigate(web.url());
        page.locator("#start-run").waitFor();
        page.evaluate("() => { window.__sameDocument = 'yes'; }");
        page.fill("#suite", "fib,xss");
        // no ticked target is refused, not taken to mean every target
        for (Locator box : page.locator("#targets input").all()) {
            box.uncheck();
        }
        page.fill("#token", TOKEN);
        page.click("#start-run");
        assertThat(page.locator("#run-status").textContent()).startsWith("Tick at least one target");
        for (Locator box : page.locator("#targets input").all()) {
            box.check();
        }
        page.locator("#targets input[value=mb2]").uncheck();
        page.fill("#repetitions", "2");
        page.click("#start-run");
        // progress moves without a reload: the marker set on this document is still there
        Locator progress = page.locator("#card-cpython [data-field=progress-text]");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> {
            String t = progress.textContent();
            return t != null && t.matches("[1-9]\\d* / \\d+ measurements.*");
        });
        assertThat(page.evaluate("() => window.__sameDocument")).isEqualTo("yes");
        assertThat(page.locator("#start-run").isDisabled()).as("no second start while a run runs").isTrue();
        assertThat(page.locator("#current-run").textContent()).matches("Run \\d+ is running: .*");
        assertThat(page.locator("#card-mb2 [data-field=state]").textContent()).isEqualTo("OFFLINE");
        assertThat(page.locator("#card-mb2 [data-field=reason]").textContent()).isEqualTo(WebServer.NOT_OPENED);
        assertThat(page.locator("#card-mb2 [data-field=progress-text]").textContent()).as("not in this run").isEmpty();
        await().atMost(Duration.ofSeconds(60)).until(() ->
                List.of("READY", "RUNNING").contains(page.locator("#card-mb1 [data-field=state]").textContent()));
        shot("bench-during-run");
        page.waitForURL("**/run?id=*", new Page.WaitForURLOptions().setTimeout(RUN_WAIT.toMillis()));
        long runId = Long.parseLong(page.url().replaceAll(".*id=(\\d+).*", "$1"));
        assertThat(store.run(runId).orElseThrow().state()).isEqualTo(RunState.DONE);
        synchronized (WebUiTest.class) {
            browserRunId = runId;
        }
    }

    @Test
    @Order(4)
    void theRunPageDrawsChartsAndItsTableMatchesTheMeasurements() throws Exception {
        long runId = browserRun();
        page.navigate(web.url() + "run?id=" + runId);
        page.locator("#distributions .strip-fig").first().waitFor();
        // a distribution per benchmark, a drawn strip per target and mode that has values, of every value
        assertThat(page.locator("#distributions .dist").count()).isEqualTo(2);
        RenderedCharts.assertRendered(page.locator("#distributions"));
        assertThat(page.locator("#summary tbody tr").count()).as("one row per benchmark").isEqualTo(2);

        JsonNode ms = json.readTree(get("/api/runs/" + runId + "/measurements").body()).get("measurements");
        Map<String, List<Double>> times = new HashMap<>();
        for (JsonNode m : ms) {
            if (m.get("outcome").asText().equals("ok")) {
                times.computeIfAbsent(m.get("benchmark").asText() + "|" + m.get("target").asText() + "|"
                        + m.get("mode").asText(), k -> new ArrayList<>()).add(m.get("time_ns").asDouble());
            }
        }
        Locator strips = page.locator("#distributions .strip-fig");
        assertThat(strips.count()).isEqualTo(times.size());
        for (int i = 0; i < strips.count(); i++) {
            Locator f = strips.nth(i);
            String key = f.locator("xpath=ancestor::section[1]").getAttribute("data-benchmark") + "|" + f.getAttribute("data-target")
                    + "|" + f.getAttribute("data-mode");
            assertThat(times.get(key)).as(key).isNotNull();
            assertThat(f.locator("figcaption").textContent()).as(key).contains("n=" + times.get(key).size() + ",");
        }
        Locator rows = page.locator("#results tbody tr");
        assertThat(rows.count()).isEqualTo(times.size()).isEqualTo(2 * (2 + 2 + 2));
        for (int i = 0; i < rows.count(); i++) {
            Locator r = rows.nth(i);
            String key = r.getAttribute("data-benchmark") + "|" + r.getAttribute("data-target") + "|" + r.getAttribute("data-mode");
            List<Double> v = times.get(key);
            assertThat(v).as(key).isNotNull();
            Summary s = Summary.of(v.stream().mapToDouble(Double::doubleValue).toArray());
            assertThat(Integer.parseInt(r.getAttribute("data-n"))).as(key).isEqualTo(s.n());
            assertThat(Double.parseDouble(r.getAttribute("data-median-ns"))).as(key).isEqualTo(s.median());
            assertShowsDuration(r.locator("td").nth(5).textContent(), s.median(), key);
        }
        String csv = get("/api/runs/" + runId + "/measurements.csv").body();
        assertThat(csv.lines().count()).isEqualTo(ms.size() + 1);
        assertThat(csv.lines().findFirst().orElseThrow()).contains("energy_millijoules", "energy_average_milliamps", "energy_peak_milliamps", "energy_simulated", "energy_flags");
        assertThat(get("/api/runs/" + runId + "/measurements.json").body()).contains("\"energy_millijoules\"");

        // energy: every board measurement has simulated energy, no host measurement has any
        int boardValues = 0;
        for (JsonNode m : ms) {
            if (m.get("target").asText().equals("mb1") && m.get("outcome").asText().equals("ok")) {
                boardValues++;
                assertThat(m.get("energy_millijoules").asDouble()).as(m.toString()).isPositive();
                assertThat(m.get("energy_simulated").asBoolean()).isTrue();
            } else if (!m.get("target").asText().equals("mb1")) {
                assertThat(m.get("energy_millijoules").isNull()).as(m.toString()).isTrue();
            }
        }
        assertThat(boardValues).as("the board's measurements with energy").isPositive();
        int boardRows = 0;
        for (int i = 0; i < rows.count(); i++) {
            Locator r = rows.nth(i);
            Locator energy = r.locator("td.energy-cell");
            if ("mb1".equals(r.getAttribute("data-target")) && !"failed".equals(r.getAttribute("class"))) {
                boardRows++;
                assertThat(energy.textContent()).containsPattern("\\d+\\.\\d+ mJ · \\d+\\.\\d / \\d+\\.\\d mA")
                        .contains("simulated");
                assertThat(energy.locator(".badge.sim").textContent()).isEqualTo("simulated");
                // the row's badges are the distinct flags of its stored windows, none when none was flagged
                // (a badge shown for stored flags is checked on data made for it, in the flagged-energy test)
                java.util.Set<String> stored = new java.util.LinkedHashSet<>();
                for (JsonNode m : ms) {
                    if (m.get("target").asText().equals("mb1") && m.get("benchmark").asText().equals(r.getAttribute("data-benchmark"))
                            && m.get("mode").asText().equals(r.getAttribute("data-mode")) && !m.get("energy_flags").asText().isEmpty()) {
                        stored.addAll(List.of(m.get("energy_flags").asText().split(",")));
                    }
                }
                assertThat(energy.locator(".badge.flag").allTextContents()).as(r.getAttribute("data-benchmark"))
                        .containsExactlyInAnyOrderElementsOf(stored);
            } else if (!"mb1".equals(r.getAttribute("data-target"))) {
                assertThat(energy.textContent()).isEqualTo("not measured");
            }
        }
        assertThat(boardRows).as("the board's lines (fib and xss, cold and warm) show energy").isEqualTo(4);
        shot("run");
    }

    static final Pattern DURATION = Pattern.compile("(\\d+)\\.(\\d+) (µs|ms|s)");

    /**
     * A duration as a user reads it ("12.3 µs", "4.56 ms", "1.234 s"): {@code ns} to the shown
     * digit (half a step either way), in a unit that keeps the number below 1000.
     */
    static void assertShowsDuration(String shown, double ns, String what) {
        Matcher m = DURATION.matcher(shown);
        assertThat(m.matches()).as(what + ": a duration with its unit, got " + shown).isTrue();
        double unit = switch (m.group(3)) {
            case "µs" -> 1e3;
            case "ms" -> 1e6;
            default -> 1e9;
        };
        double value = Double.parseDouble(m.group(1) + "." + m.group(2));
        double step = Math.pow(10, -m.group(2).length()) * unit;
        assertThat(value).as(what + ": " + shown + " in the unit that fits").isLessThan(1000);
        assertThat(value * unit).as(what + ": " + shown + " shows " + ns + " ns").isCloseTo(ns, within(step * 0.5001));
    }

    @Test
    @Order(5)
    void theRunPageChartsThreadsAgainstProcessesAndSaysWhatABoardCannotRun() {
        long run = store.startRun("web-rig", "default", List.of("cpython", "mb1"), 1, "h");
        ScalingRecords records = new ScalingRecords(store);
        for (int w : List.of(1, 2)) {
            for (int t = 0; t < 3; t++) {   // threads stay at one worker's throughput, processes double it
                records.add(new ScalingPoint(run, "cpython", "cpu", "threads", w, t, 100L * w, w * 1_000_000_000L,
                        100_000L, 2, Outcome.ok()));
                records.add(new ScalingPoint(run, "cpython", "cpu", "processes", w, t, 100L * w, 1_000_000_000L + t,
                        9_000_000L, 2, Outcome.ok()));
            }
        }
        records.add(ScalingPoint.notRun(run, "mb1", "cpu", FailureClass.NOT_SUPPORTED,
                "not supported on this firmware: no _thread module <b>(microbit)</b>"));
        store.finishRun(run, RunState.DONE, null);
        page.navigate(web.url() + "run?id=" + run);
        page.locator("#concurrency canvas").first().waitFor();
        Object painted = page.evaluate("() => { const c = document.querySelector('#concurrency canvas');"
                + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + " let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }");
        assertThat(((Number) painted).intValue()).isGreaterThan(500);
        String text = page.locator("#concurrency").textContent();
        assertThat(text).contains("cpython", "threads do not scale (GIL), processes do")
                .contains("not supported on this firmware: no _thread module <b>(microbit)</b>");
        assertThat(page.locator("#concurrency b").count()).as("markup from data is text").isZero();
        shot("run-concurrency");
    }

    @Test
    @Order(5)
    void flaggedEnergyWindowsShowEachFlagOnceAsABadgeWithItsMeaning() {
        long run = store.startRun("web-rig", "fib", List.of("mb1"), 2, "h");
        for (int rep = 0; rep < 2; rep++) {
            store.addMeasurement(new Measurement("flagged-" + run + "-w" + rep, run, "mb1", "fib", "s", rep, Mode.WARM,
                    30_000_000L, null, HeapUse.none(), "ok", Outcome.ok(), Instant.now(), new Energy(1.5, 12.0, 20.0, 40,
                    30_000_000L, "ina219@1:0x40 simulated", true, rep == 0 ? "short-window" : "short-window,tick-mismatch")));
            store.addMeasurement(new Measurement("flagged-" + run + "-c" + rep, run, "mb1", "fib", "s", rep, Mode.COLD,
                    31_000_000L, null, HeapUse.none(), "ok", Outcome.ok(), Instant.now(), new Energy(1.6, 12.0, 20.0, 4000,
                    31_000_000L, "ina219@1:0x40 simulated", true, "")));
        }
        store.finishRun(run, RunState.DONE, null);
        page.navigate(web.url() + "run?id=" + run);
        page.locator("#summary").waitFor(); // the full lines (#results) sit in a closed <details>
        Locator warm = page.locator("#results tr[data-mode=warm] td.energy-cell .badge.flag");
        assertThat(warm.allTextContents()).containsExactly("short-window", "tick-mismatch");
        assertThat(warm.first().getAttribute("title")).contains("not precise");
        assertThat(page.locator("#results tr[data-mode=cold] td.energy-cell").textContent()).contains("mJ", "simulated");
        assertThat(page.locator("#results tr[data-mode=cold] td.energy-cell .badge.flag").count()).as("no window flagged").isZero();
    }

    @Test
    @Order(5)
    void markupFromBenchmarksIsShownAsTextAndRunsNothing() throws Exception {
        // the xss benchmark's self-check value is "<b>1</b>"; what it printed reaches the UI as failure text
        long run = store.startRun("web-rig", "xss", List.of("cpython"), 1, "h");
        store.addMeasurement(new Measurement("xss-printed", run, "cpython", "xss", "s", 0, Mode.COLD, null, null,
                HeapUse.none(), "<b>1</b>", Outcome.failed(FailureClass.BENCHMARK_ERROR,
                "<script>alert(1)</script><img src=x onerror=alert(2)>"), Instant.now()));
        store.finishRun(run, RunState.DONE, "<script>alert(3)</script>");
        for (long id : List.of(browserRun(), run)) {
            page.navigate(web.url() + "run?id=" + id);
            page.locator("#summary").waitFor(); // the full lines (#results) sit in a closed <details>
            page.waitForLoadState(LoadState.NETWORKIDLE); // an <img onerror> from the data fires when its request ends
            assertThat(page.locator("#results tr[data-benchmark=xss] td.check").first().textContent()).isEqualTo("<b>1</b>");
            assertThat(page.locator("#results b").count()).isZero();
        }
        assertThat(page.locator("#results").textContent()).contains("<script>alert(1)</script><img src=x onerror=alert(2)>");
        assertThat(page.locator("main").textContent()).contains("<script>alert(3)</script>");
        assertThat(page.locator("main script, main img").count()).isZero();
        page.navigate(web.url() + "runs");
        page.locator("#runs").waitFor();
        page.waitForLoadState(LoadState.NETWORKIDLE);
        assertThat(dialogs).as("no script from the data ran").isEmpty();
        shot("runs");
        page.navigate(web.url() + "run?id=" + run);
        page.locator("#summary").waitFor(); // the full lines (#results) sit in a closed <details>
        shot("run-markup-as-text");
    }

    @Test
    @Order(6)
    void theComparePageShowsAWinnerPerClassWithNumbers() throws Exception {
        long runId = browserRun();
        page.navigate(web.url() + "compare?run=" + runId);
        page.locator("#matrix").waitFor();
        Locator rows = page.locator("#matrix tbody tr[data-class]");
        assertThat(rows.count()).isEqualTo(2); // calls (fib) and output (xss)
        Locator verdicts = page.locator("#verdicts tbody tr.class-row");
        assertThat(verdicts.count()).isEqualTo(2);
        for (int i = 0; i < verdicts.count(); i++) {
            // a winner only with the evidence for one; otherwise the verdict says so, with the reason beside it
            for (String mode : List.of("warm", "cold")) {
                Locator d = verdicts.nth(i).locator(".duel[data-mode=" + mode + "]");
                String v = d.getAttribute("data-verdict");
                assertThat(v).isIn("faster", "no significant difference", "no verdict");
                if (!v.equals("faster")) {
                    assertThat(d.locator(".winner").count()).isZero();
                }
            }
        }
        for (int i = 0; i < rows.count(); i++) {
            Locator r = rows.nth(i);
            for (String interp : List.of("micropython", "cpython", "pypy")) {
                String cell = r.locator("td[data-interpreter=" + interp + "]").textContent();
                assertThat(cell).as(interp).containsPattern("cold \\d+(\\.\\d+)? (µs|ms|s)")
                        .containsPattern("warm \\d+(\\.\\d+)? (µs|ms|s)");
            }
            assertThat(r.locator("td[data-interpreter=micropython]").textContent()).contains("heap used")
                    .containsPattern("energy \\d+\\.\\d+ mJ · \\d+\\.\\d / \\d+\\.\\d mA").contains("simulated");
            assertThat(r.locator("td[data-interpreter=pypy]").textContent()).contains("peak RSS");
        }
        assertThat(page.locator("#caveats").textContent()).contains("simulated instruments");
        assertThat(page.locator("#matrix td[data-interpreter]").allTextContents()).as("base numbers, never percentages alone")
                .isNotEmpty().allSatisfy(c -> assertThat(c).doesNotContain("%"));
        // warm-up curves: the hosts' cumulative times plotted, and the break-even statement (or why none)
        page.locator("#break-even canvas").first().waitFor();
        assertThat(page.locator("#break-even li[data-benchmark=fib]").getAttribute("data-status"))
                .isIn("found", "never", "uncertain");
        assertThat(page.locator("#break-even li[data-benchmark=fib]").textContent())
                .containsPattern("pays off after [\\d,]+ calls|^fib: never:|no break-even verdict");
        shot("compare");
    }

    @Test
    @Order(6)
    void theComparePageShowsTheAppClassMatrixFirst() throws Exception {
        long runId = browserRun();
        page.navigate(web.url() + "compare?run=" + runId);
        page.locator("#app-matrix").waitFor();
        page.locator("#matrix").waitFor();
        // the app-class matrix comes before the workload-class one, right after the run picker
        assertThat(page.locator("#content > *:not(form)").first().getAttribute("id")).isEqualTo("app-classes");
        Locator rows = page.locator("#app-matrix tbody tr[data-app-class]");
        assertThat(rows.evaluateAll("rs => rs.map(r => r.dataset.appClass)"))
                .isEqualTo(List.of("cli", "service", "pipeline", "embedded"));
        // this run (fib, xss) has no app workload: every row says so instead of naming a pick
        for (int i = 0; i < rows.count(); i++) {
            assertThat(rows.nth(i).locator("[data-pick]").textContent()).startsWith("no verdict: this run has no ");
        }
        // a board cannot serve a service, and the cell says why
        assertThat(page.locator("#app-matrix tr[data-app-class=service] td[data-applicable=false]").first().textContent())
                .contains("not applicable: a board has no sockets");
        shot("compare-app-classes");
    }

    @Test
    @Order(7)
    void historyAndPhoneLayout() throws Exception {
        long runId = browserRun();
        page.navigate(web.url() + "history?benchmark=fib&target=cpython");
        page.locator("#charts canvas").first().waitFor();
        assertThat(page.locator("#history tbody tr").count()).isEqualTo(2);
        shot("history");
        Page phone = context.browser().newContext(new Browser.NewContextOptions().setViewportSize(390, 844)
                .setDeviceScaleFactor(2).setIsMobile(true).setHasTouch(true)).newPage();
        try {
            // each page with the part it draws last (after its other parts' data came)
            for (String[] shown : new String[][] {{"", "#hosts .card"}, {"run?id=" + runId, "#concurrency"},
                    {"compare?run=" + runId, "#break-even canvas"}}) {
                String p = shown[0];
                phone.navigate(web.url() + p);
                phone.locator(shown[1]).first().waitFor();
                Object overflow = phone.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1");
                assertThat(overflow).as("no sideways scrolling of the page on a phone: " + p).isEqualTo(true);
                phone.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("phone-"
                        + (p.isEmpty() ? "bench" : p.replaceAll("\\?.*", "")) + ".png")).setFullPage(true));
            }
            // keyboard: Tab reaches the skip link then the navigation, with a visible focus outline
            phone.navigate(web.url());
            phone.keyboard().press("Tab");
            phone.keyboard().press("Tab");
            Object outline = phone.evaluate("() => getComputedStyle(document.activeElement).outlineStyle");
            assertThat(outline).isEqualTo("solid");
        } finally {
            phone.context().close();
        }
    }

    @Test
    @Order(8)
    void historyMarksADetectedRegressionOnTheChartAndInTheList() throws Exception {
        // ten synthetic nights of fib on one board: a 20% step at the sixth night, one noisy night before it
        java.util.Random noise = new java.util.Random(7);
        long stepRun = -1;
        long last = -1;
        for (int night = 0; night < 10; night++) {
            long run = store.startRun("web-rig", "nightly-synthetic", List.of("nightly-mb"), 5, "h");
            double level = night >= 6 ? 1.2e7 : 1.0e7;
            if (night == 3) {
                level *= 1.08; // a single noisy night raises nothing
            }
            for (int rep = 0; rep < 5; rep++) {
                long t = Math.round(level * (1 + 0.002 * noise.nextGaussian()));
                store.addMeasurement(new Measurement("syn-" + run + "-" + rep, run, "nightly-mb", "fib", "s", rep,
                        Mode.WARM, t, null, HeapUse.none(), "ok", Outcome.ok(), Instant.now()));
            }
            store.finishRun(run, RunState.DONE, null);
            if (night == 6) {
                stepRun = run;
            }
            last = run;
        }
        List<Store.AlertRow> found = new org.benchrig.history.Regressions(store,
                org.benchrig.config.StatsSettings.DEFAULT, java.time.Clock.systemUTC()).afterRun(last);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).stepRunId()).isEqualTo(stepRun);

        JsonNode h = json.readTree(get("/api/benchmarks/fib/history?target=nightly-mb").body());
        assertThat(h.get("alerts")).hasSize(1);
        assertThat(h.get("alerts").get(0).get("run").asLong()).isEqualTo(stepRun);
        assertThat(h.get("alerts").get(0).get("direction").asText()).isEqualTo("slower");
        int marked = 0;
        for (JsonNode p : h.get("points")) {
            if (!p.get("regression").isNull()) {
                marked++;
                assertThat(p.get("run").asLong()).isEqualTo(stepRun);
            }
        }
        assertThat(marked).isEqualTo(1);
        assertThat(json.readTree(get("/api/benchmarks/fib/history?target=cpython").body()).get("alerts")).isEmpty();

        page.navigate(web.url() + "history?benchmark=fib&target=nightly-mb");
        page.locator("#charts canvas").first().waitFor();
        Locator item = page.locator("#alerts li");
        assertThat(item.count()).isEqualTo(1);
        assertThat(item.first().getAttribute("data-run")).isEqualTo(String.valueOf(stepRun));
        assertThat(item.first().textContent()).containsPattern("slower \\+(19|20)\\.\\d%").contains("run " + stepRun, "warm");
        assertThat(page.locator("#charts figure[data-mode=warm]").getAttribute("data-markers")).isEqualTo("1");
        assertThat(page.locator("#history tbody tr.regression").count()).isEqualTo(1);
        assertThat(page.locator("#history tbody tr.regression").textContent()).contains("run " + stepRun, "slower");
        // the marker is drawn: red pixels (the dashed line) in the warm chart's canvas
        String redPixels = "() => { const c = document.querySelector('#charts figure[data-mode=warm] canvas');"
                + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;"
                + " for (let i = 0; i < d.length; i += 4) if (d[i] > 150 && d[i + 1] < 80 && d[i + 2] < 80 && d[i + 3] > 200) n++; return n; }";
        try {
            page.waitForFunction("() => (" + redPixels + ")() > 50");
        } catch (com.microsoft.playwright.TimeoutError drawnTooFew) {
            // the assertion below says how many were drawn
        }
        assertThat(((Number) page.evaluate(redPixels)).intValue()).isGreaterThan(50);
        shot("history-regression");
        page.navigate(web.url() + "history?benchmark=fib&target=cpython");
        page.locator("#charts canvas").first().waitFor();
        assertThat(page.locator("#alerts").textContent()).contains("No regression detected");
    }

    @Test
    @Order(9)
    void aQuarantinedBoardShowsItsReasonAndIsReleasedFromTheBenchPage() throws Exception {
        rig.quarantine("mb2", "health check failed twice: <b>no answer</b>");
        JsonNode mb2 = null;
        for (JsonNode b : json.readTree(get("/api/boards").body())) {
            if (b.get("id").asText().equals("mb2")) {
                mb2 = b;
            }
        }
        assertThat(mb2.get("state").asText()).isEqualTo("QUARANTINED");
        assertThat(mb2.get("reason").asText()).isEqualTo("health check failed twice: <b>no answer</b>");
        assertThat(mb2.get("quarantined_since").isNull()).isFalse();

        page.navigate(web.url());
        page.locator("#card-mb2 button.release").waitFor();
        assertThat(page.locator("#card-mb2 [data-field=state]").textContent()).isEqualTo("QUARANTINED");
        assertThat(page.locator("#card-mb2 [data-field=reason]").textContent()).isEqualTo("health check failed twice: <b>no answer</b>");
        assertThat(page.locator("#card-mb1 button.release").count()).isZero();
        shot("bench-quarantined");

        // without the token: 401 and still quarantined
        assertThat(post("/api/boards/mb2/release", "{}", null).statusCode()).isEqualTo(401);
        assertThat(post("/api/boards/mb2/release", "{}", "wrong").statusCode()).isEqualTo(401);
        assertThat(rig.quarantined("mb2")).isTrue();

        page.fill("#token", TOKEN);
        page.click("#card-mb2 button.release");
        await().atMost(Duration.ofSeconds(10)).until(() -> !rig.quarantined("mb2"));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                !"QUARANTINED".equals(page.locator("#card-mb2 [data-field=state]").textContent()));
        assertThat(page.locator("#card-mb2 button.release").count()).isZero();

        // through the API: released once, then "was not quarantined"
        rig.quarantine("mb2", "by hand");
        HttpResponse<String> r = post("/api/boards/mb2/release", "", TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json.readTree(r.body()).get("released").asBoolean()).isTrue();
        assertThat(rig.quarantined("mb2")).isFalse();
        assertThat(json.readTree(post("/api/boards/mb2/release", "", TOKEN).body()).get("released").asBoolean()).isFalse();
    }

    @Test
    @Order(10)
    void flashingFromTheWebRefusesBadPathsAndBusyBoardsThenFlashesAndVerifies() throws Exception {
        Path notFirmware = Files.writeString(dir.resolve("notes.txt"), "hello");
        Path badHex = Files.writeString(dir.resolve("broken.hex"), ":10000000FFFF\n");
        for (String body : List.of("{}", "[]", "{\"firmware\": 3}", "{\"firmware\": \"\"}",
                "{\"firmware\": \"" + dir.resolve("missing.hex") + "\"}",
                "{\"firmware\": \"" + notFirmware + "\"}",
                "{\"firmware\": \"" + dir + "\"}",
                "{\"firmware\": \"" + badHex + "\"}")) {
            HttpResponse<String> r = post("/api/boards/mb2/flash", body, TOKEN);
            assertThat(r.statusCode()).as(body + " -> " + r.body()).isEqualTo(400);
        }
        String good = "{\"firmware\": \"" + CliHarness.FIRMWARE + "\"}";
        assertThat(post("/api/boards/mb2/flash", good, null).statusCode()).isEqualTo(401);

        // another controller process holds mb2: 409 with the busy message
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + rig.databasePath())) {
            try (var ps = c.prepareStatement("INSERT OR REPLACE INTO board_leases (board, holder, host, pid, purpose, since, expires_at)"
                    + " VALUES ('mb2', 'other-host:1:x', 'other-host', 1, 'run 42', ?, ?)")) {
                ps.setString(1, Instant.now().toString());
                ps.setString(2, Instant.now().plusSeconds(3600).toString());
                ps.executeUpdate();
            }
            HttpResponse<String> busy = post("/api/boards/mb2/flash", good, TOKEN);
            assertThat(busy.statusCode()).as(busy.body()).isEqualTo(409);
            assertThat(json.readTree(busy.body()).get("error").asText()).startsWith("board mb2 is busy: run 42 since ");
            c.createStatement().executeUpdate("DELETE FROM board_leases WHERE board = 'mb2' AND holder = 'other-host:1:x'");
        }

        HttpResponse<String> ok = post("/api/boards/mb2/flash", good, TOKEN);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        JsonNode f = json.readTree(ok.body());
        assertThat(f.get("verified").asBoolean()).as(ok.body()).isTrue();
        assertThat(f.get("image").get("sha256").asText()).hasSize(64);
        assertThat(f.get("release").asText()).isEqualTo("1.9.2");
        assertThat(rig.openedBoard("mb2")).isPresent();
    }
}
