package org.benchrig.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.benchrig.cli.CliHarness;
import org.benchrig.profile.CallTable;
import org.benchrig.profile.FoldedStacks;
import org.benchrig.profile.Profile;
import org.benchrig.profile.ProfileArchive;
import org.benchrig.result.Energy;
import org.benchrig.result.FailureClass;
import org.benchrig.result.HeapUse;
import org.benchrig.result.HostValue;
import org.benchrig.result.Latency;
import org.benchrig.result.Measurement;
import org.benchrig.result.Mode;
import org.benchrig.result.Outcome;
import org.benchrig.result.ScalingPoint;
import org.benchrig.result.WarmupValue;
import org.benchrig.store.BenchmarkInfo;
import org.benchrig.store.RunState;
import org.benchrig.store.ScalingRecords;
import org.benchrig.store.Store;
import org.benchrig.store.TargetInfo;
import org.benchrig.store.WarmupRecords;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API says what docs/api.md says: every documented GET endpoint that answers JSON, fetched from
 * a served rig with two stored runs (a board with energy and a failure, two hosts with warm-up
 * values, an app workload with latencies, concurrency figures, a profile, a regression alert),
 * answers only snake_case names, each of them mentioned in docs/api.md. Names that are data (the
 * fixture's target, benchmark and outcome names, profrun's meta fields) are map keys, not fields.
 */
class ApiNamesTest {
    static final Path API_DOC = CliHarness.REPO.resolve("docs/api.md");
    static final Pattern SNAKE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
    static final Pattern GET_HEADING = Pattern.compile("^### (.*GET .*)$", Pattern.MULTILINE);
    static final Pattern GET_PATH = Pattern.compile("`GET (/api/[^`?]+)[^`]*`");
    static final List<String> HOSTS = List.of("cpython", "pypy");
    static final String BOARD = "mb1";
    static final List<String> BENCHMARKS = List.of("fib", "webreq");
    /** The profile's meta fields: profrun.py's frame fields, documented in docs/profiling.md. */
    static final Map<String, String> META = Map.of("impl", "cpython", "rate_hz", "997", "warmup_calls", "3");
    /** Documented GET endpoints whose answer is not a JSON document of ours. */
    static final Map<String, String> NOT_OURS = Map.of(
            "/api/runs/{id}/measurements.csv", "CSV",
            "/api/profiles/{id}/stacks.folded", "folded text",
            "/api/profiles/{id}/speedscope.json", "speedscope's file format, with speedscope's names",
            "/api/events", "Server-Sent Events (WebRoutesTest reads the stream)");

    @TempDir
    static Path dir;
    static ServedRig served;
    static long run1;
    static long run2;
    static long profile;
    static final HttpClient http = HttpClient.newHttpClient();
    static final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        served = ServedRig.open(CliHarness.writeConfig(dir, "names-rig", new String[] {BOARD}, HOSTS.toArray(String[]::new)), null);
        run1 = fixtureRun(1.0);
        run2 = fixtureRun(1.25);
        Store store = served.store();
        store.addAlert(new Store.AlertRow(0, "names-rig", "fib", "cpython", "warm", run2, Instant.parse("2026-11-25T03:10:00Z"),
                1_000_000, 1_250_000, 0.25, 1e-6, "slower", Instant.parse("2026-11-25T04:00:00Z"), run2));
        profile = new ProfileArchive(store).add(run2, new Profile("cpython", "fib", "s", Profile.OK, "", META,
                FoldedStacks.parse("<module>;fib;fib 900\n<module>;[built-in] len 100\n", "fixture"),
                new CallTable(List.of(new CallTable.Row("fib", "fib.py", 3, 1000, 10, 0.09, 0.1)))));
    }

    @AfterAll
    static void stop() {
        served.close();
    }

    /** One finished run: fib on the board (energy; one wrong result) and the hosts, webreq on the hosts. */
    static long fixtureRun(double slower) {
        Store store = served.store();
        long id = store.startRun("names-rig", "default", List.of(BOARD, "cpython", "pypy"), 4, "cfg");
        store.recordTarget(id, new TargetInfo(BOARD, "board", "micropython", "1.9.2", "/dev/pts/9", "abc", "1.9.2",
                "microbit", "heap_total=10048;heap_free=9312;fs_used=2210;instruments=simulated"));
        for (String h : HOSTS) {
            store.recordTarget(id, new TargetInfo(h, "host", h, "3.11.2", "/usr/bin/" + h, null, null, "amd64", ""));
        }
        store.recordBenchmark(id, new BenchmarkInfo("fib", "calls", "s", "n=20", "s1", "6765"));
        store.recordBenchmark(id, new BenchmarkInfo("webreq", "service", "s", "n=24", "s2", "24"));
        for (int r = 0; r < 4; r++) {
            Mode mode = r == 0 ? Mode.COLD : Mode.WARM;
            Outcome o = r == 3 ? Outcome.failed(FailureClass.WRONG_RESULT, "expected 6765, got 6764") : Outcome.ok();
            store.addMeasurement(new Measurement(id + "mb" + r, id, BOARD, "fib", "s", r, mode, o.isOk() ? 9_000_000L : null,
                    null, new HeapUse(9312L, 9000L, 9300L, null), "6765", o, Instant.EPOCH,
                    new Energy(1.49, 23.9, 24.2, 35, 9_000_000, "ina219@1:0x40 (simulated)", true, "short-window"), null, null));
        }
        for (String h : HOSTS) {
            long ns = Math.round((h.equals("pypy") ? 300_000 : 2_000_000) * (h.equals("cpython") ? slower : 1));
            for (int r = 0; r < 8; r++) {
                long v = ns + r * 1_000;
                store.addMeasurement(new Measurement(id + h + "c" + r, id, h, "fib", "s", r, Mode.COLD, v * 3, v * 3 + 40_000_000L,
                        new HeapUse(null, null, null, 20_000L), "6765", Outcome.ok(), Instant.EPOCH, null,
                        HostValue.cold(r % 2, 30_000_000L, 2_000_000L, v * 3), null));
                store.addMeasurement(new Measurement(id + h + "w" + r, id, h, "fib", "s", r, Mode.WARM, v, null,
                        new HeapUse(null, null, null, 20_000L), "6765", Outcome.ok(), Instant.EPOCH, null,
                        HostValue.warm(10, r % 2, 3, true, v * 10), null));
                store.addMeasurement(new Measurement(id + h + "q" + r, id, h, "webreq", "s", r, Mode.WARM, v, null,
                        new HeapUse(null, null, null, 20_000L), "24", Outcome.ok(), Instant.EPOCH, null,
                        HostValue.warm(10, r % 2, 3, true, v * 10), new Latency(24, v / 30, v / 20, v / 10)));
            }
            for (int p = 0; p < 2; p++) {
                List<WarmupValue> ws = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    ws.add(new WarmupValue(h, "fib", p, i, 1L << i, (long) (ns * 3 * (1L << i))));
                }
                new WarmupRecords(store).add(id, ws);
            }
            for (int workers : new int[] {1, 2}) {
                for (int trial = 0; trial < 3; trial++) {
                    new ScalingRecords(store).add(new ScalingPoint(id, h, "cpu", "processes", workers, trial, 1000L * workers,
                            1_000_000_000L + trial, 6_000_000L, 2, Outcome.ok()));
                }
            }
        }
        store.finishRun(id, RunState.DONE, null);
        return id;
    }

    /** Concrete paths for a documented endpoint (its path parameters filled from the fixture). */
    static List<String> paths(String template) {
        String run = "/api/runs/" + run2;
        return switch (template) {
            case "/api/rig", "/api/boards", "/api/benchmarks" -> List.of(template);
            case "/api/runs" -> List.of("/api/runs?limit=1&offset=0");
            case "/api/runs/{id}" -> List.of(run, "/api/runs/" + run1);
            case "/api/compare/{a}/{b}" -> List.of("/api/compare/" + run1 + "/" + run2, "/api/compare/" + run1 + "/latest");
            case "/api/runs/{id}/compare" -> List.of(run + "/compare", run + "/compare?baseline=pypy");
            case "/api/benchmarks/{name}/history" -> List.of("/api/benchmarks/fib/history?target=cpython",
                    "/api/benchmarks/fib/history?target=" + BOARD);
            default -> template.startsWith("/api/runs/{id}/") ? List.of(template.replace("/api/runs/{id}", run)) : List.of();
        };
    }

    @Test
    void everyDocumentedJsonDocumentUsesSnakeCaseNamesThatTheDocMentions() throws Exception {
        String doc = Files.readString(API_DOC);
        Set<String> templates = new LinkedHashSet<>();
        Matcher h = GET_HEADING.matcher(doc);
        while (h.find()) {
            Matcher p = GET_PATH.matcher(h.group(1));
            while (p.find()) {
                templates.add(p.group(1));
            }
        }
        assertThat(templates).as("the GET endpoints docs/api.md documents").contains("/api/rig", "/api/runs/{id}",
                "/api/benchmarks/{name}/history");
        Set<String> dataNames = new TreeSet<>(HOSTS);
        dataNames.add(BOARD);
        dataNames.addAll(BENCHMARKS);
        dataNames.addAll(META.keySet());
        dataNames.addAll(List.of("ok", FailureClass.WRONG_RESULT.name()));
        Map<String, Set<String>> bad = new LinkedHashMap<>();
        int fetched = 0;
        for (String t : templates) {
            if (NOT_OURS.containsKey(t)) {
                continue;
            }
            List<String> paths = paths(t);
            assertThat(paths).as("a fixture path for the documented endpoint " + t).isNotEmpty();
            for (String path : paths) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(served.web().url() + path.substring(1)))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
                Set<String> keys = new TreeSet<>();
                keys(json.readTree(r.body()), dataNames, keys);
                assertThat(keys).as(path + " answers some fields").isNotEmpty();
                for (String k : keys) {
                    if (!SNAKE.matcher(k).matches() || !mentioned(doc, k)) {
                        bad.computeIfAbsent(path, x -> new TreeSet<>()).add(k);
                    }
                }
                fetched++;
            }
        }
        assertThat(fetched).isGreaterThanOrEqualTo(15);
        assertThat(bad).as("names that are not snake_case or that docs/api.md does not mention, per path").isEmpty();
    }

    @Test
    void theFixtureReachesTheNestedDocuments() throws Exception {
        // the check above is only as good as what the answers contain: energy, failures, alerts, profiles, figures
        String run = http.send(HttpRequest.newBuilder(URI.create(served.web().url() + "api/runs/" + run2)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(run).contains("\"average_milliamps\":23.9", "\"failure_detail\":\"expected 6765, got 6764\"",
                "\"target_info\":", "\"started_at\":\"", "\"mode\":\"warm\"");
        assertThat(run).as("a board has no wall time: its median is not a number, and JSON says null")
                .contains("\"wall_median_ns\":null").doesNotContain("NaN");
        String history = http.send(HttpRequest.newBuilder(URI.create(served.web().url()
                + "api/benchmarks/fib/history?target=cpython")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(history).contains("\"regression\":{\"id\":", "\"p_value\":", "\"q1_ns\":");
        String profiles = http.send(HttpRequest.newBuilder(URI.create(served.web().url() + "api/runs/" + run2 + "/profiles"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(profiles).contains("\"self_s\":0.09", "\"total_us\":1000", "\"rate_hz\":\"997\"");
        String concurrency = http.send(HttpRequest.newBuilder(URI.create(served.web().url() + "api/runs/" + run2
                + "/concurrency")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(concurrency).contains("\"ops_per_s\":");
    }

    /** Every object key in {@code node}, recursively; the keys of objects keyed by data are not names. */
    static void keys(JsonNode node, Set<String> dataNames, Set<String> out) {
        if (node.isArray()) {
            node.forEach(n -> keys(n, dataNames, out));
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!dataNames.contains(e.getKey())) {
                    out.add(e.getKey());
                }
                keys(e.getValue(), dataNames, out);
            }
        }
    }

    /** The name appears in the doc as a whole word (in a JSON example, a table or the text). */
    static boolean mentioned(String doc, String name) {
        return Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(name) + "(?![A-Za-z0-9_])").matcher(doc).find();
    }
}
