package org.benchrig.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.benchrig.cli.CliHarness;
import org.benchrig.result.Measurement;
import org.benchrig.store.Store;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.benchrig.testing.NeedsEmulator;
import org.benchrig.testing.NeedsBroker;

/**
 * Home Assistant MQTT discovery (mqtt.homeassistant): one retained sensor config per board, its
 * availability the rig's status topic, its state the board's retained state (with the last result);
 * off by default. Against Debian's Mosquitto, a `benchrig run` with one emulated micro:bit.
 */
@NeedsEmulator
@NeedsBroker
class HomeAssistantDiscoveryTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Mosquitto mosquitto;

    @BeforeAll
    static void startBroker() throws Exception {
        mosquitto = Mosquitto.start(dir.resolve("mosquitto"), null, null);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    static Path rig(String name, String extraMqtt) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        Path cfg = CliHarness.writeConfig(d, name, new String[] {"mb1"}, new String[] {"cpython"});
        Files.writeString(cfg, Files.readString(cfg) + "mqtt:\n  url: " + mosquitto.url() + "\n" + extraMqtt);
        return cfg;
    }

    @Test
    void enabledItPublishesARetainedSensorConfigPerBoard() throws Exception {
        Path cfg = rig("ha-rig", "  homeassistant: {enabled: true, prefix: homeassistant}\n");
        CliHarness.Result r = PublishingScenarios.run(cfg, Map.of(), "--suite", "sieve", "--repeat", "1");
        assertThat(r.exit()).as(r.err() + r.out()).isZero();
        assertThat(PublishingScenarios.mqttLines(r.err())).as(r.err()).isEmpty();
        long run = PublishingScenarios.runId(r);

        // a Home Assistant that connects later still finds the config: it is retained
        try (Collector ha = new Collector(mosquitto.url(), "ha-" + System.nanoTime(), "homeassistant/#", false)) {
            String topic = "homeassistant/sensor/benchrig_ha-rig_mb1/config";
            await().atMost(Duration.ofSeconds(5)).until(() -> !ha.on(topic).isEmpty());
            ha.awaitQueued(mosquitto.url(), "homeassistant/marker");
            assertThat(ha.messages).as("one sensor per board, none for hosts")
                    .extracting(Collector.Msg::topic).containsExactly(topic);
            Collector.Msg m = ha.on(topic).get(0);
            assertThat(m.retained()).isTrue();
            JsonNode c = JSON.readTree(m.payload());
            assertThat(c.get("name").asText()).contains("ha-rig", "mb1");
            assertThat(c.get("unique_id").asText()).isEqualTo("benchrig_ha-rig_mb1");
            assertThat(c.get("availability_topic").asText()).isEqualTo("benchrig/ha-rig/status");
            assertThat(c.get("payload_available").asText()).isEqualTo("online");
            assertThat(c.get("payload_not_available").asText()).isEqualTo("offline");
            String stateTopic = c.get("state_topic").asText();
            assertThat(stateTopic).isEqualTo("benchrig/ha-rig/boards/mb1/state");
            assertThat(c.get("json_attributes_topic").asText()).isEqualTo(stateTopic);
            assertThat(c.get("value_template").asText()).isEqualTo("{{ value_json.state }}");
            assertThat(c.get("device").get("identifiers").get(0).asText()).isEqualTo("benchrig_ha-rig_mb1");

            // what the sensor points at: the status (offline now, as the payload_not_available says)
            // and the board's state carrying its last result, as stored
            try (Collector s = new Collector(mosquitto.url(), "ha-state-" + System.nanoTime(), "benchrig/ha-rig/+", false);
                 Collector b = new Collector(mosquitto.url(), "ha-board-" + System.nanoTime(), stateTopic, false)) {
                await().atMost(Duration.ofSeconds(5)).until(() -> !s.on("/status").isEmpty() && !b.messages.isEmpty());
                assertThat(s.on("/status").get(0).payload()).isEqualTo(c.get("payload_not_available").asText());
                JsonNode state = JSON.readTree(b.messages.get(b.messages.size() - 1).payload());
                assertThat(state.get("board").asText()).isEqualTo("mb1");
                assertThat(state.get("state").asText()).isNotEmpty();
                JsonNode last = state.get("last");
                assertThat(last.isObject()).as(state.toString()).isTrue();
                List<Measurement> onBoard;
                try (Store st = Store.open(cfg.getParent().resolve("data/benchrig.db"))) {
                    onBoard = st.measurements(run).stream().filter(x -> x.target().equals("mb1")).toList();
                }
                assertThat(onBoard).isNotEmpty();
                Measurement lastStored = onBoard.get(onBoard.size() - 1);
                assertThat(last.get("id").asText()).isEqualTo(lastStored.id());
                assertThat(last.get("run").asLong()).isEqualTo(run);
                assertThat(last.get("benchmark").asText()).isEqualTo("sieve");
                assertThat(last.get("outcome").asText()).isEqualTo(lastStored.outcome().label());
                // a failed measurement has no time, and then the state says none either
                assertThat(last.get("time_ns").isNull() ? null : last.get("time_ns").asLong()).isEqualTo(lastStored.timeNs());
            }
        }
    }

    @Test
    void disabledByDefaultNothingIsPublishedUnderThePrefix() throws Exception {
        Path cfg = rig("ha-off", "");
        try (Collector ha = new Collector(mosquitto.url(), "ha-off-" + System.nanoTime(), "homeassistant/#", false);
             Collector rigTopics = new Collector(mosquitto.url(), "ha-off-rig-" + System.nanoTime(), "benchrig/ha-off/#", false)) {
            CliHarness.Result r = PublishingScenarios.run(cfg, Map.of(), "--suite", "sieve", "--repeat", "1");
            assertThat(r.exit()).as(r.err() + r.out()).isZero();
            // the publisher did connect and publish (so silence under the prefix means something)
            await().atMost(Duration.ofSeconds(5)).until(() -> !rigTopics.on("/boards/mb1/state").isEmpty());
            ha.awaitQueued(mosquitto.url(), "homeassistant/marker");
            assertThat(ha.messages).extracting(Collector.Msg::topic).noneMatch(t -> t.contains("ha-off"));
        }
    }
}
