package org.benchrig.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.benchrig.cli.CliHarness;
import org.benchrig.cli.Main;
import org.benchrig.config.HubConfig;
import org.benchrig.config.MqttConfig;
import org.benchrig.result.Measurement;
import org.benchrig.store.HubStore;
import org.benchrig.store.Outbox;
import org.benchrig.store.RunInfo;
import org.benchrig.store.Store;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue's MQTT scenarios, run by a subclass against one broker: Mosquitto started by the test,
 * or the embedded broker (HiveMQ CE). Runs use python3 (and one emulated board where the broker
 * goes away mid-run) with one short suite to keep them quick.
 */
abstract class PublishingScenarios {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static TestBroker broker;
    static final List<AutoCloseable> closeLater = new ArrayList<>();

    @AfterAll
    static void stopEverything() throws Exception {
        for (int i = closeLater.size() - 1; i >= 0; i--) {
            try {
                closeLater.get(i).close();
            } catch (Exception ignored) {
                // best effort; the leftover-process check reports what matters
            }
        }
        closeLater.clear();
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    static <T extends AutoCloseable> T later(T t) {
        closeLater.add(t);
        return t;
    }

    /** A rig config with an mqtt section pointing at {@code url}, and {@code extraMqtt} lines inside it. */
    static Path rig(String name, String[] boards, String[] hosts, String url, String extraMqtt) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        Path cfg = CliHarness.writeConfig(d, name, boards, hosts);
        Files.writeString(cfg, Files.readString(cfg) + "mqtt:\n  url: " + url + "\n" + extraMqtt);
        return cfg;
    }

    static CliHarness.Result run(Path cfg, Map<String, String> env, String... more) {
        List<String> args = new ArrayList<>(List.of("run", "--config", cfg.toString()));
        args.addAll(List.of(more));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> e = new HashMap<>(env);
        e.put("BENCHRIG_HOME", CliHarness.REPO.toString());
        int code = Main.run(args.toArray(String[]::new), e, new PrintWriter(out), new PrintWriter(err));
        return new CliHarness.Result(code, out.toString(), err.toString());
    }

    static long runId(CliHarness.Result r) {
        return Long.parseLong(r.out().replaceAll("(?s).*run (\\d+) stored in.*", "$1"));
    }

    static MqttConfig mqtt(String url) {
        return new MqttConfig(true, url, null, null, MqttConfig.Tls.NONE, MqttConfig.HomeAssistant.DEFAULT);
    }

    static Hub hub(String id) {
        Store s = later(Store.openWithoutOutbox(dir.resolve("hub-" + id + "/benchrig.db")));
        return later(new Hub(new HubConfig(id, dir.resolve("hub-" + id), mqtt(broker.url()), org.benchrig.config.WebConfig.DEFAULT, null), s,
                new PrintWriter(System.err, true), System::getenv).start());
    }

    static List<String> mqttLines(String err) {
        return err.lines().filter(l -> l.contains("mqtt")).toList();
    }

    /** What the store holds for a run, as it goes on the wire (without "historical"). */
    static Map<String, ObjectNode> stored(Path cfg, String rigName, long run) {
        try (Store s = Store.open(cfg.getParent().resolve("data/benchrig.db"))) {
            Map<String, ObjectNode> out = new HashMap<>();
            for (Measurement m : s.measurements(run)) {
                out.put(m.id(), Messages.measurement(rigName, m));
            }
            return out;
        }
    }

    static long outboxSize(Path cfg) {
        try (Store s = Store.open(cfg.getParent().resolve("data/benchrig.db"))) {
            return new Outbox(s).size();
        }
    }

    static List<ObjectNode> received(Collector c, String rigName) throws Exception {
        List<ObjectNode> out = new ArrayList<>();
        for (Collector.Msg m : c.messages) {
            if (m.topic().startsWith("benchrig/" + rigName + "/runs/") && m.topic().endsWith("/measurements")) {
                out.add((ObjectNode) JSON.readTree(m.payload()));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ the scenarios

    @Test
    void aSubscriberConnectingAfterTheControllerWasSigkilledSeesOfflineRetained() throws Exception {
        Path cfg = rig("killed", new String[0], new String[] {"cpython"}, broker.url(), "");
        String status = "benchrig/killed/status";
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "org.benchrig.cli.Main", "run", "--config", cfg.toString(), "--suite", "default", "--repeat", "5")
                .redirectErrorStream(true).redirectOutput(dir.resolve("killed/controller.log").toFile());
        pb.environment().put("BENCHRIG_HOME", CliHarness.REPO.toString());
        Process controller = pb.start();
        try (Collector watcher = new Collector(broker.url(), "watcher-" + System.nanoTime(), status, false)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> watcher.messages.stream().anyMatch(m -> m.payload().equals("online")));
            controller.destroyForcibly(); // SIGKILL: no DISCONNECT, no "offline" from the controller itself
            assertThat(controller.waitFor(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            controller.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (Collector late = new Collector(broker.url(), "late-" + System.nanoTime(), status, false)) {
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    late.messages.stream().anyMatch(m -> m.payload().equals("offline") && m.retained()));
            assertThat(late.messages).noneMatch(m -> m.payload().equals("online"));
        }
    }

    @Test
    void brokerDownForPartOfARunLosesNothingAndTheHubHasNoDuplicates() throws Exception {
        Hub hub = hub("lab");
        Path cfg = rig("flaky", new String[] {"mb1"}, new String[] {"cpython"}, broker.url(), "");
        Collector sub = later(new Collector(broker.url(), "flaky-sub", "benchrig/flaky/#", true));
        CompletableFuture<CliHarness.Result> running = CompletableFuture.supplyAsync(() ->
                run(cfg, Map.of(), "--suite", "smoke", "--repeat", "2"));
        await().atMost(Duration.ofSeconds(120)).until(() -> received(sub, "flaky").size() >= 3 || running.isDone());
        broker.stop();
        // down until the run has measured more while nobody could take it: rows wait in the outbox
        await().atMost(Duration.ofSeconds(120)).until(() -> outboxSize(cfg) > 0 || running.isDone());
        broker.restart();
        CliHarness.Result r = running.get(300, TimeUnit.SECONDS);
        assertThat(r.exit()).as(r.err() + r.out()).isZero();
        assertThat(mqttLines(r.err())).as(r.err()).anyMatch(l -> l.contains("lost the connection") || l.contains("unreachable"));
        long run = runId(r);
        // the broker was back well within the run's drain time: everything went out before the run exited
        assertThat(outboxSize(cfg)).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("wait in the outbox");
        Map<String, ObjectNode> stored = stored(cfg, "flaky", run);
        // per benchmark: the board's 2 repetitions (a failure is one), cpython's 2 cold processes, and its
        // warm values (as many as its protocol's worker processes took)
        java.util.function.BiFunction<String, String, Long> count = (target, mode) -> stored.values().stream()
                .filter(j -> j.get("target").asText().equals(target) && j.get("mode").asText().equals(mode)).count();
        assertThat(count.apply("mb1", "cold") + count.apply("mb1", "warm")).isBetween(6L * 1, 6L * 2);
        assertThat(count.apply("cpython", "cold")).isEqualTo(6L * 2);
        assertThat(count.apply("cpython", "warm")).isEqualTo(6L * CliHarness.TEST_PROCESSES * CliHarness.TEST_VALUES);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                received(sub, "flaky").stream().map(j -> j.get("id").asText()).distinct().count() == stored.size());
        List<ObjectNode> got = received(sub, "flaky");
        Set<String> ids = new HashSet<>();
        for (ObjectNode j : got) {
            ids.add(j.get("id").asText());
            assertThat(j.has("historical")).isTrue();
            ObjectNode bare = j.deepCopy();
            bare.remove("historical");
            assertThat(bare.toString()).as("as stored").isEqualTo(stored.get(j.get("id").asText()).toString());
        }
        assertThat(ids).isEqualTo(stored.keySet());
        assertThat(got.size()).as("QoS 1 may duplicate, never lose").isGreaterThanOrEqualTo(stored.size());

        // the hub: every measurement once, under its own run id for (flaky, run)
        HubStore hs = hub.store();
        await().atMost(Duration.ofSeconds(30)).until(() -> hs.mappedRuns().stream().anyMatch(m -> m.rig().equals("flaky")
                && hs.store().measurements(m.runId()).size() == stored.size()));
        long hubRun = hs.mappedRuns().stream().filter(m -> m.rig().equals("flaky") && m.rigRunId() == run)
                .findFirst().orElseThrow().runId();
        List<Measurement> inHub = hs.store().measurements(hubRun);
        assertThat(inHub).hasSize(stored.size());
        for (Measurement m : inHub) {
            assertThat(Messages.measurement("flaky", m).put("run_id", run).toString()).isEqualTo(stored.get(m.id()).toString());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> hs.store().run(hubRun).orElseThrow().state().dbValue().equals("done"));
    }

    @Test
    void aRunThatEndsWhileItsBrokerIsAwayWaitsForItsReturnAndDeliversEverythingBeforeExiting() throws Exception {
        Path cfg = rig("away", new String[0], new String[] {"cpython"}, broker.url(), "");
        Collector sub = later(new Collector(broker.url(), "away-sub-" + System.nanoTime(), "benchrig/away/#", true));
        CompletableFuture<CliHarness.Result> running = CompletableFuture.supplyAsync(() ->
                run(cfg, Map.of(), "--suite", "sieve", "--repeat", "2"));
        await().atMost(Duration.ofSeconds(60)).until(() -> !sub.messages.isEmpty() || running.isDone());
        broker.stop();
        // the outage lasts until the run has ended with messages left: it now waits for its broker
        await().atMost(Duration.ofSeconds(120)).until(() -> outboxSize(cfg) > 0 && isFinished(cfg) || running.isDone());
        broker.restart();
        CliHarness.Result r = running.get(120, TimeUnit.SECONDS);
        assertThat(r.exit()).as(r.err() + r.out()).isZero();
        assertThat(mqttLines(r.err())).as(r.err()).anyMatch(l -> l.contains("lost the connection") || l.contains("unreachable"));
        assertThat(outboxSize(cfg)).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("wait in the outbox");
        Map<String, ObjectNode> stored = stored(cfg, "away", runId(r));
        await().atMost(Duration.ofSeconds(30)).until(() -> received(sub, "away").stream().map(j -> j.get("id").asText())
                .collect(java.util.stream.Collectors.toSet()).equals(stored.keySet()));
    }

    /** Whether the rig's latest run has ended (done, failed or interrupted). */
    static boolean isFinished(Path cfg) {
        try (Store s = Store.open(cfg.getParent().resolve("data/benchrig.db"))) {
            return s.runs(1, 0).stream().anyMatch(x -> x.endedAt() != null);
        }
    }

    @Test
    void anUnreachableBrokerGivesOneClearLineAndTheOutboxIsDeliveredAfterARestart() throws Exception {
        int nobody = Mosquitto.freePort();
        Path cfg = rig("offline-rig", new String[0], new String[] {"cpython"}, "tcp://127.0.0.1:" + nobody, "");
        long t0 = System.nanoTime();
        CliHarness.Result r = run(cfg, Map.of(), "--suite", "sieve", "--repeat", "2");
        assertThat(r.exit()).as(r.err() + r.out()).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("the run is not stalled by the broker").isLessThan(Duration.ofSeconds(60));
        List<String> lines = mqttLines(r.err());
        assertThat(lines).as(r.err()).hasSize(1);
        assertThat(lines.get(0)).contains("unreachable", "127.0.0.1:" + nobody, "retrying").doesNotContain("Exception");
        long run = runId(r);
        Map<String, ObjectNode> stored = stored(cfg, "offline-rig", run);
        assertThat(outboxSize(cfg)).isGreaterThan(stored.size());
        assertThat(r.err()).contains("benchrig: " + outboxSize(cfg) + " message(s) for broker tcp://127.0.0.1:" + nobody
                + " wait in the outbox (no connection to the broker within 10 s); `benchrig serve` or the next run delivers them");

        // a controller restart (a new publisher on the same store) with the broker now reachable
        Collector sub = later(new Collector(broker.url(), "offline-sub-" + System.nanoTime(), "benchrig/offline-rig/#", false));
        try (Store s = Store.open(cfg.getParent().resolve("data/benchrig.db"));
             Publisher p = new Publisher("offline-rig", mqtt(broker.url()), s, null, new PrintWriter(System.err, true),
                     System::getenv).start()) {
            assertThat(p.drain(Duration.ofSeconds(30))).isTrue();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> received(sub, "offline-rig").size() >= stored.size());
        List<ObjectNode> got = received(sub, "offline-rig");
        assertThat(got).isNotEmpty().allSatisfy(j -> assertThat(j.get("historical").asBoolean()).isTrue());
        assertThat(got.stream().map(j -> j.get("id").asText()).distinct()).containsExactlyInAnyOrderElementsOf(stored.keySet());
        List<String> events = sub.messages.stream().filter(m -> m.topic().endsWith("/events"))
                .map(m -> m.payload().replaceAll(".*\"event\":\"(\\w+)\".*", "$1")).distinct().toList();
        assertThat(events).contains("started", "progress", "finished");
        assertThat(sub.messages).anyMatch(m -> m.topic().equals("benchrig/offline-rig/latest/cpython/sieve"));
        assertThat(outboxSize(cfg)).isZero();
    }

    @Test
    void twoRigsFeedingOneHubAppearSideBySide() throws Exception {
        Hub hub = hub("side");
        Path a = rig("rig-a", new String[0], new String[] {"cpython"}, broker.url(), "");
        Path b = rig("rig-b", new String[0], new String[] {"cpython"}, broker.url(), "");
        CompletableFuture<CliHarness.Result> ra = CompletableFuture.supplyAsync(() -> run(a, Map.of(), "--suite", "sieve", "--repeat", "1"));
        CliHarness.Result rb = run(b, Map.of(), "--suite", "sieve", "--repeat", "1");
        CliHarness.Result rA = ra.get(120, TimeUnit.SECONDS);
        assertThat(rA.exit()).as(rA.err()).isZero();
        assertThat(rb.exit()).as(rb.err()).isZero();
        HubStore hs = hub.store();
        await().atMost(Duration.ofSeconds(30)).until(() -> hs.store().runs(10, 0).stream()
                .filter(x -> x.state().dbValue().equals("done")).map(RunInfo::rig).distinct().count() == 2);
        List<HubStore.MappedRun> runs = hs.mappedRuns();
        assertThat(runs).extracting(HubStore.MappedRun::rig).containsExactlyInAnyOrder("rig-a", "rig-b");
        assertThat(runs).extracting(HubStore.MappedRun::runId).doesNotHaveDuplicates();
        for (HubStore.MappedRun m : runs) {
            Path cfg = m.rig().equals("rig-a") ? a : b;
            assertThat(hs.store().measurements(m.runId())).hasSize(stored(cfg, m.rig(), m.rigRunId()).size())
                    .allSatisfy(x -> assertThat(x.id()).startsWith(m.rig() + "/"));
            assertThat(hs.store().run(m.runId()).orElseThrow().suite()).isEqualTo("sieve");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> "offline".equals(hs.rigs().get("rig-a"))
                && "offline".equals(hs.rigs().get("rig-b")));

        // the hub's web UI lists both rigs' runs, each with its rig
        HubConfig hc = new HubConfig("side", dir.resolve("hub-side"), mqtt(broker.url()),
                new org.benchrig.config.WebConfig("127.0.0.1", 0, "BENCHRIG_TOKEN"), null);
        try (org.benchrig.cli.HubWeb web = org.benchrig.cli.HubWeb.start(hc, hs.store(),
                CliHarness.REPO.resolve("firmware-scripts"), Map.of(), new PrintWriter(System.err, true))) {
            java.net.http.HttpResponse<String> page = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(web.web().url() + "api/runs")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            List<String> rigs = new java.util.ArrayList<>();
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(page.body()).get("runs")
                    .forEach(r -> rigs.add(r.get("rig").asText()));
            assertThat(rigs).contains("rig-a", "rig-b");
        }
    }
}
