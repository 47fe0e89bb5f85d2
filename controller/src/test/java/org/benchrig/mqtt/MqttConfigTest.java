package org.benchrig.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.benchrig.config.ConfigException;
import org.benchrig.config.ConfigLoader;
import org.benchrig.config.HubConfig;
import org.benchrig.config.MqttConfig;
import org.benchrig.config.RigConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mqtt: section of a rig config and the hub's config. */
class MqttConfigTest {
    @TempDir
    Path dir;

    private static final String BASE = "rig: t\ndata_dir: data\nboards: []\nhosts: []\n";

    @Test
    void absentSectionMeansEnabledWithTheEmbeddedBroker() throws Exception {
        RigConfig c = ConfigLoader.load(BASE, dir.resolve("rig.yaml"));
        assertThat(c.mqtt()).isEqualTo(MqttConfig.DEFAULT);
        assertThat(c.mqtt().embedded()).isTrue();
        assertThat(c.mqtt().effectiveUrl()).isEqualTo("tcp://127.0.0.1:1883");
    }

    @Test
    void fullSectionIsRead() throws Exception {
        Files.writeString(dir.resolve("ca.pem"), "x");
        RigConfig c = ConfigLoader.load(BASE + "mqtt:\n  url: ssl://broker.lab:8883\n  username: u\n"
                + "  password_env: PW\n  tls: {ca: ca.pem}\n  homeassistant: {enabled: true, prefix: ha}\n", dir.resolve("rig.yaml"));
        assertThat(c.mqtt().url()).isEqualTo("ssl://broker.lab:8883");
        assertThat(c.mqtt().tls().ca()).isEqualTo(dir.resolve("ca.pem"));
        assertThat(c.mqtt().homeassistant()).isEqualTo(new MqttConfig.HomeAssistant(true, "ha"));
    }

    @Test
    void badSchemeMissingTlsFileAndBadBooleanAreLocated() {
        assertThatThrownBy(() -> ConfigLoader.load(BASE + "mqtt:\n  url: http://x:1883\n  enabled: yes please\n"
                + "  tls: {ca: missing.pem}\n", dir.resolve("rig.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("rig.yaml:6:8: mqtt.url: invalid broker url 'http://x:1883'; expected tcp://HOST:PORT or ssl://HOST:PORT")
                .hasMessageContaining("mqtt.enabled: expected true or false")
                .hasMessageContaining("mqtt.tls.ca: file not found");
    }

    @Test
    void hubConfigIsRead() throws Exception {
        Path f = dir.resolve("hub.yaml");
        Files.writeString(f, "hub: lab\ndata_dir: hubdata\nmqtt: {url: tcp://broker:1883}\n");
        HubConfig h = ConfigLoader.loadHub(f);
        assertThat(h.hub()).isEqualTo("lab");
        assertThat(h.databasePath()).isEqualTo(dir.resolve("hubdata/benchrig.db"));
        assertThat(h.mqtt().url()).isEqualTo("tcp://broker:1883");
    }
}
