package org.benchrig.config;

import java.util.List;

import java.nio.file.Path;

/**
 * A hub's config ({@code benchrig hub --config hub.yaml}): which broker to follow and where the
 * lab-wide store goes. See docs/mqtt.md.
 *
 * <pre>
 * hub: lab-hub              # id: the hub's MQTT client id is benchrig-hub-&lt;id&gt; (a persistent session)
 * data_dir: /var/lib/benchrig-hub   # the hub's SQLite store: &lt;data_dir&gt;/benchrig.db
 * mqtt: {url: tcp://broker.lab:1883, username: hub, password_env: HUB_MQTT_PASSWORD}
 * web: {bind: 0.0.0.0, port: 8080}   # the lab-wide web UI (read-only: no boards to act on)
 * </pre>
 */
public record HubConfig(String hub, Path dataDir, MqttConfig mqtt, WebConfig web, Path source) {

    public Path databasePath() {
        return dataDir.resolve("benchrig.db");
    }

    static HubConfig read(MappingReader m, Path source) {
        return new HubConfig(m.id("hub"), m.directoryOrCreatable("data_dir"), m.mapping("mqtt", MqttConfig::read),
                m.mapping("web", WebConfig::read), source);
    }

    /**
     * The hub as a rig without boards or hosts, so the rig's web UI can show the lab-wide store.
     * Its token variable is one nobody sets: the hub's UI is read-only.
     */
    public RigConfig asRig() {
        WebConfig readOnly = new WebConfig(web.bind(), web.port(), "BENCHRIG_HUB_HAS_NO_ACTIONS");
        return new RigConfig(hub, Platform.SIMULATED, dataDir, RunDefaults.DEFAULT, List.of(), List.of(), readOnly,
                mqtt, List.of(), StatsSettings.DEFAULT, List.of(), source);
    }
}
