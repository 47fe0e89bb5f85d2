package org.benchrig.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import org.benchrig.cli.CliHarness;
import org.junit.jupiter.api.Test;
import org.benchrig.testing.NeedsBroker;

/** `selfbench mqtt` runs end to end on a small backlog (the embedded broker) and reports a ratio. */
@NeedsBroker
class MqttSelfbenchTest {
    @Test
    void selfbenchMqttReportsBothRatesAndTheRatio() {
        CliHarness.Result r = CliHarness.run("selfbench", "mqtt", "--messages", "300", "--rounds", "1");
        assertThat(r.exit()).as(r.err() + r.out()).isZero();
        assertThat(r.out()).contains("plain Paho loop", "outbox drain after reconnect")
                .containsPattern("ratio outbox drain / plain Paho: \\d+\\.\\d\\d");
    }
}
