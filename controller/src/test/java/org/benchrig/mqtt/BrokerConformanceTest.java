package org.benchrig.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.DataInputStream;
import java.io.InputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.benchrig.testing.NeedsBroker;

/**
 * What decides the embedded broker: a client that drops its TCP connection without DISCONNECT
 * must leave its retained will for subscribers that connect later, and a retained message must
 * reach a QoS 1 subscriber with the retain flag set. Checked on Mosquitto (the reference) and
 * HiveMQ CE embedded. Moquette 0.17 failed both here (2026-11-25, same test, then removed from
 * the build): see docs/mqtt.md.
 */
@NeedsBroker
class BrokerConformanceTest {
    @TempDir
    static Path dir;
    static final Map<String, String> results = new LinkedHashMap<>();
    /** A broker notices the reset connection and publishes the will within milliseconds; this bounds a stuck one. */
    private static final Duration WILL_WAIT = Duration.ofSeconds(10);

    @AfterAll
    static void report() {
        results.forEach((k, v) -> System.out.println("conformance " + k + ": " + v));
    }

    @Test
    void mosquittoStoresTheRetainedWillAndKeepsTheRetainFlag() throws Exception {
        try (Mosquitto m = Mosquitto.start(dir.resolve("mosquitto"), null, null)) {
            check("mosquitto", m.port());
        }
    }

    @Test
    void hivemqEmbeddedStoresTheRetainedWillAndKeepsTheRetainFlag() throws Exception {
        int port = Mosquitto.freePort();
        try (EmbeddedBroker b = EmbeddedBroker.start("127.0.0.1", port, dir.resolve("hivemq"))) {
            check("hivemq-ce-embedded-2025.5", port);
        }
    }

    /** Records what the broker did, then fails unless both properties hold. */
    private static void check(String name, int port) throws Exception {
        String url = "tcp://127.0.0.1:" + port;
        String willTopic = "conf/" + name + "/status";
        // a subscriber present during the drop sees the broker publish the will: then it can be retained
        try (Collector watcher = new Collector(url, "watch-" + name, willTopic, false)) {
            dropWithWill(port, willTopic, "offline");
            await().atMost(WILL_WAIT).pollInterval(Duration.ofMillis(20))
                    .until(() -> watcher.messages.stream().anyMatch(x -> x.payload().equals("offline")));
        }
        boolean willRetained;
        try (Collector late = new Collector(url, "late-" + name, willTopic, false)) {
            willRetained = awaitQuietly(() -> late.messages.stream()
                    .anyMatch(x -> x.payload().equals("offline") && x.retained()));
        }
        MqttClient pub = new MqttClient(url, "pub-" + name, new MemoryPersistence());
        pub.connect();
        MqttMessage msg = new MqttMessage("kept".getBytes(StandardCharsets.UTF_8));
        msg.setQos(1);
        msg.setRetained(true);
        pub.publish("conf/" + name + "/retained", msg);
        pub.disconnect();
        pub.close();
        boolean flagKept;
        try (Collector sub = new Collector(url, "sub-" + name, "conf/" + name + "/retained", false)) {
            flagKept = awaitQuietly(() -> sub.messages.stream().anyMatch(x -> x.payload().equals("kept") && x.retained()));
        }
        results.put(name, "retained will after an abrupt drop: " + (willRetained ? "yes" : "NO")
                + "; retain flag to a QoS 1 subscriber: " + (flagKept ? "yes" : "NO"));
        System.out.println("conformance " + name + ": " + results.get(name));
        assertThat(willRetained).as(name + " keeps the retained will").isTrue();
        assertThat(flagKept).as(name + " keeps the retain flag for QoS 1").isTrue();
    }

    private static boolean awaitQuietly(java.util.concurrent.Callable<Boolean> c) {
        try {
            await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50)).until(c);
            return true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return false;
        }
    }

    /** A raw MQTT 3.1.1 CONNECT with a retained QoS 1 will, then a TCP reset: no DISCONNECT is sent. */
    static void dropWithWill(int port, String topic, String payload) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, "MQTT");
        body.write(4);                       // protocol level 3.1.1
        body.write(0x02 | 0x04 | 0x08 | 0x20); // clean session, will, will QoS 1, will retain
        body.write(0);
        body.write(60);                      // keep-alive 60 s
        writeString(body, "dropper-" + port + "-" + System.nanoTime());
        writeString(body, topic);
        writeString(body, payload);
        byte[] b = body.toByteArray();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(5000);
            ByteArrayOutputStream pkt = new ByteArrayOutputStream();
            pkt.write(0x10);
            int len = b.length;
            do {
                int digit = len % 128;
                len /= 128;
                pkt.write(len > 0 ? digit | 0x80 : digit);
            } while (len > 0);
            pkt.write(b);
            s.getOutputStream().write(pkt.toByteArray());
            InputStream in = s.getInputStream();
            byte[] connack = new byte[4];
            new DataInputStream(in).readFully(connack);
            assertThat(connack[3]).as("CONNACK return code").isZero();
            s.setSoLinger(true, 0);          // close() now sends RST
        }
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(b.length >> 8);
        out.write(b.length & 0xff);
        out.write(b, 0, b.length);
    }
}
