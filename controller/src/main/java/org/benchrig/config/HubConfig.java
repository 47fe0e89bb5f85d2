package org.benchrig.config;

import java.nio.file.Path;

/**
 * A hub's config ({@code benchrig hub --config hub.yaml}): which broker to follow and where the
 * lab-wide store goes. See docs/mqtt.md.
 *
 * <pre>
 * hub: lab-hub              # id: the hub's MQTT client id is benchrig-hub-&lt;id&gt; (a persistent session)
 * data_dir: /var/lib/benchrig-hub   # the hub's SQLite store: &lt;data_dir&gt;/benchrig.db
 * mqtt: {url: tcp://broker.lab:1883, username: hub, password_env: HUB_MQTT_PASSWORD}
 * </pre>
 */
public record HubConfig(String hub, Path dataDir, MqttConfig mqtt, Path source) {

    public Path databasePath() {
        return dataDir.resolve("benchrig.db");
    }

    static HubConfig read(MappingReader m, Path source) {
        return new HubConfig(m.id("hub"), m.directoryOrCreatable("data_dir"), m.mapping("mqtt", MqttConfig::read), source);
    }
}
