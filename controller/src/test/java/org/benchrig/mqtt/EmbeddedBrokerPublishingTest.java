package org.benchrig.mqtt;

import org.junit.jupiter.api.BeforeAll;
import org.benchrig.testing.NeedsBroker;

/** The MQTT scenarios against the embedded broker (HiveMQ CE), in the test's JVM. */
@NeedsBroker
class EmbeddedBrokerPublishingTest extends PublishingScenarios {
    @BeforeAll
    static void startBroker() throws Exception {
        broker = TestBroker.embedded(dir.resolve("hivemq"));
    }
}
