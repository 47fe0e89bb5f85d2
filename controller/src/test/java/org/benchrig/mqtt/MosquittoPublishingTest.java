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

/** The MQTT scenarios against Debian's Mosquitto, started by the test on a free loopback port. */
class MosquittoPublishingTest extends PublishingScenarios {
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
}
