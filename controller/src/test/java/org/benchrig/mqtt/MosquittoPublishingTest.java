package org.benchrig.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.benchrig.cli.CliHarness;
import org.benchrig.store.Store;
import java.io.PrintWriter;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.benchrig.testing.NeedsEmulator;
import org.benchrig.testing.NeedsBroker;

/** The MQTT scenarios against Debian's Mosquitto, started by the test on a free loopback port. */
@NeedsEmulator
@NeedsBroker
class MosquittoPublishingTest extends PublishingScenarios {
    /**
     * Nothing more may be delivered while the window is full: an absence, which no event announces,
     * so it is watched for four turns of the publisher's idle loop, each a chance for a wrong publish.
     */
    static final Duration FULL_WINDOW_WATCH = Duration.ofMillis(Publisher.IDLE_POLL_MS * 4);

    @BeforeAll
    static void startBroker() throws Exception {
        broker = TestBroker.mosquitto(dir.resolve("mosquitto"));
    }

    @Test
    void wrongCredentialsGiveOneClearLineNeverACrashOrAStalledRun() throws Exception {
        Mosquitto secured = later(Mosquitto.start(dir.resolve("mosquitto-auth"), "bench", "right-password"));
        Path cfg = rig("auth-rig", new String[0], new String[] {"cpython"}, secured.url(),
                "  username: bench\n  password_env: BENCHRIG_TEST_MQTT_PASSWORD\n");
        CliHarness.Result r = run(cfg, Map.of("BENCHRIG_TEST_MQTT_PASSWORD", "wrong"), "--suite", "sieve", "--repeat", "2");
        assertThat(r.exit()).as(r.err() + r.out()).isZero();
        List<String> lines = mqttLines(r.err());
        assertThat(lines).as(r.err()).hasSize(1);
        assertThat(lines.get(0)).contains("not authorized", secured.url(), "retrying").doesNotContain("Exception");
        assertThat(outboxSize(cfg)).isPositive();

        // with the right password the same outbox goes out
        try (Store s = Store.open(cfg.getParent().resolve("data/benchrig.db"));
             Publisher p = new Publisher("auth-rig", new org.benchrig.config.MqttConfig(true, secured.url(), "bench",
                     "PW", org.benchrig.config.MqttConfig.Tls.NONE, org.benchrig.config.MqttConfig.HomeAssistant.DEFAULT),
                     s, null, new PrintWriter(System.err, true), n -> n.equals("PW") ? "right-password" : null).start()) {
            assertThat(p.drain(Duration.ofSeconds(30))).isTrue();
        }
    }

    @Test
    void boardStatesWaitForRoomWhenTheBrokerStallsWithAFullWindow() throws Exception {
        Mosquitto stalling = later(Mosquitto.start(dir.resolve("mosquitto-stall"), null, null));
        Path cfg = rig("window-rig", new String[] {"mb1", "mb2"}, new String[0], stalling.url(), "");
        java.io.StringWriter log = new java.io.StringWriter();
        Collector sub = later(new Collector(stalling.url(), "window-sub-" + System.nanoTime(), "benchrig/window-rig/#",
                false));
        // fewer than Mosquitto queues per subscriber (1000), more than the window
        List<String> payloads = java.util.stream.IntStream.range(0, 900).mapToObj(i -> "{\"n\":" + i + "}").toList();
        try (org.benchrig.bench.Rig rig = org.benchrig.bench.Rig.open(org.benchrig.config.ConfigLoader.load(cfg));
             Store s = Store.open(rig.databasePath())) {
            try (Publisher p = new Publisher("window-rig", mqtt(stalling.url()), s, rig, new PrintWriter(log, true),
                    System::getenv).start()) {
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(p::connected);
                stalling.freeze();
                try {
                    // the backlog arrives while the broker answers nothing: the window fills and stays full
                    new org.benchrig.store.Outbox(s).addAll("benchrig/window-rig/runs/1/measurements", "measurement",
                            payloads);
                    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> p.inflight() == Publisher.WINDOW);
                    // a new heap value changes a board's retained state: one more message while the window is full
                    p.measured(heapMeasurement("mb1", 4242));
                    p.measured(heapMeasurement("mb2", 4343));
                    long seen = p.delivered();
                    org.awaitility.Awaitility.await().pollDelay(FULL_WINDOW_WATCH)
                            .atMost(Duration.ofSeconds(5)).until(() -> p.delivered() == seen);
                } finally {
                    stalling.thaw();
                }
                assertThat(p.drain(Duration.ofSeconds(60))).as(log.toString()).isTrue();
            }
        }
        assertThat(log.toString()).doesNotContain("lost the connection", "Too many publishes");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> received(sub, "window-rig").stream()
                .map(j -> j.get("n").asInt()).distinct().count() == payloads.size());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> sub.messages.stream()
                .anyMatch(m -> m.topic().equals("benchrig/window-rig/boards/mb2/state") && m.payload().contains("4343")));
    }

    private static org.benchrig.result.Measurement heapMeasurement(String board, long heapFree) {
        return new org.benchrig.result.Measurement("window-rig/1/" + board + "/x/cold/0", 1, board, "x", "s", 0,
                org.benchrig.result.Mode.COLD, 1L, 1L, new org.benchrig.result.HeapUse(heapFree, null, null, null), "",
                org.benchrig.result.Outcome.ok(), java.time.Instant.now());
    }
}
