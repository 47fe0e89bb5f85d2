package org.benchrig.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.benchrig.config.HubConfig;
import org.benchrig.config.MqttConfig;
import org.benchrig.config.WebConfig;
import org.benchrig.result.Measurement;
import org.benchrig.result.MeasurementJsonTest;
import org.benchrig.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a hub makes of a measurement message, without a broker: the message as a publisher sends it. */
class HubMessagesTest {
    @TempDir
    Path dir;

    private final StringWriter log = new StringWriter();

    private Hub hub(Store store) {
        MqttConfig mqtt = new MqttConfig(true, "tcp://127.0.0.1:1", null, null, MqttConfig.Tls.NONE,
                MqttConfig.HomeAssistant.DEFAULT);
        return new Hub(new HubConfig("h", dir, mqtt, WebConfig.DEFAULT, null), store, new PrintWriter(log, true),
                System::getenv);   // never started: handle() is called directly
    }

    @Test
    void aSentMeasurementIsStoredUnchangedUnderTheHubsRun() {
        Measurement m = MeasurementJsonTest.full();
        String sent = Messages.withHistorical(Messages.measurement("lab-rig", m).toString(), true);
        try (Store store = Store.openWithoutOutbox(dir.resolve("hub.db"))) {
            Hub hub = hub(store);
            hub.handle("benchrig/lab-rig/runs/7/measurements", sent);
            hub.handle("benchrig/lab-rig/runs/7/measurements", sent);   // a QoS 1 redelivery
            long run = hub.store().mappedRuns().get(0).runId();
            assertThat(store.measurements(run)).containsExactly(new Measurement(m.id(), run, m.target(), m.benchmark(),
                    m.tier(), m.repetition(), m.mode(), m.timeNs(), m.wallNs(), m.heap(), m.check(), m.outcome(), m.at(),
                    m.energy(), m.host(), m.latency()));
        }
        assertThat(log.toString()).isEmpty();
    }

    @Test
    void theHistoricalFlagIsAFieldOfTheSentObject() throws Exception {
        String sent = Messages.withHistorical(Messages.measurement("r", MeasurementJsonTest.full()).toString(), false);
        var j = new ObjectMapper().readTree(sent);
        assertThat(j.get("historical").isBoolean()).isTrue();
        assertThat(j.get("historical").asBoolean()).isFalse();
        assertThat(j.get("rig").asText()).isEqualTo("r");
        assertThat(j.get("energy").get("average_milliamps").asDouble()).isEqualTo(22.25);
    }

    @Test
    void aQueuedMessageCarriesHistoricalFalseAndAReplaySetsItTrueLeavingTheRestAlone() throws Exception {
        Measurement m = MeasurementJsonTest.full();
        var queued = new Messages().measured("r", m, 3);
        assertThat(queued).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        for (var q : queued) {
            var live = json.readTree(Messages.withHistorical(q.payload(), false));
            var replayed = json.readTree(Messages.withHistorical(q.payload(), true));
            assertThat(live.get("historical").asBoolean()).as(q.payload()).isFalse();
            assertThat(replayed.get("historical").asBoolean()).isTrue();
            ((com.fasterxml.jackson.databind.node.ObjectNode) live).remove("historical");
            ((com.fasterxml.jackson.databind.node.ObjectNode) replayed).remove("historical");
            assertThat(replayed).isEqualTo(live);
        }
        // the measurement itself goes out unchanged: the hub reads back what was measured
        var sent = json.readTree(Messages.withHistorical(queued.get(0).payload(), true));
        ((com.fasterxml.jackson.databind.node.ObjectNode) sent).remove("historical");
        assertThat(sent).isEqualTo(json.readTree(Messages.measurement("r", m).toString()));
    }

    @Test
    void aMeasurementWithoutItsModeIsDroppedWithOneLineNotStoredNorRetried() {
        var j = Messages.measurement("lab-rig", MeasurementJsonTest.full());
        j.remove("mode");
        try (Store store = Store.openWithoutOutbox(dir.resolve("hub.db"))) {
            Hub hub = hub(store);
            hub.handle("benchrig/lab-rig/runs/7/measurements", j.toString());
            hub.handle("benchrig/lab-rig/runs/7/measurements", "[1, 2]");
            hub.handle("benchrig/lab-rig/runs/7/measurements", "{\"id\":\"x\",\"mode\":\"warm\",\"outcome\":\"GREMLINS\"}");
            assertThat(hub.store().mappedRuns()).allSatisfy(r -> assertThat(store.measurements(r.runId())).isEmpty());
        }
        assertThat(log.toString().lines()).hasSize(3).allSatisfy(l -> assertThat(l)
                .startsWith("benchrig: mqtt hub: ignored a malformed message on benchrig/lab-rig/runs/7/measurements")
                .doesNotContain("Exception", "org.benchrig"));
        assertThat(log.toString()).contains("no mode").contains("a JSON object");
    }
}
