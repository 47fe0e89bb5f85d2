package org.benchrig.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.benchrig.cli.CliHarness;
import org.benchrig.config.MqttConfig;
import org.benchrig.store.Store;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.benchrig.testing.NeedsBroker;

/**
 * TLS to an external broker: Debian's Mosquitto with a TLS listener that requires a client
 * certificate (and a plain loopback listener for the test's subscriber), PEM files made with the
 * openssl CLI as docs/mqtt.md says, the client key converted to PKCS#8.
 */
@NeedsBroker
class MosquittoTlsTest {
    @TempDir
    static Path dir;
    static Path pki;
    static Mosquitto mosquitto;
    static int tlsPort;

    @BeforeAll
    static void startBroker() throws Exception {
        pki = Files.createDirectories(dir.resolve("pki"));
        makePki(pki);
        tlsPort = Mosquitto.freePort();
        mosquitto = Mosquitto.start(dir.resolve("mosquitto"), null, null,
                // a file log is flushed line by line (stdout to a file is not): the test counts connections in it
                "log_dest file " + dir.resolve("mosquitto/connections.log") + "\nlog_type all\n"
                        + "listener " + tlsPort + " 127.0.0.1\n"
                        + "cafile " + pki.resolve("ca.pem") + "\n"
                        + "certfile " + pki.resolve("server.pem") + "\n"
                        + "keyfile " + pki.resolve("server.key") + "\n"
                        + "require_certificate true\n");
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    /** A CA, a server certificate for 127.0.0.1, a client certificate (key in PKCS#8) and an unrelated CA. */
    static void makePki(Path d) throws Exception {
        Files.writeString(d.resolve("server.ext"), "subjectAltName=IP:127.0.0.1\n");
        String ec = "ec_paramgen_curve:prime256v1";
        openssl(d, "req", "-x509", "-newkey", "ec", "-pkeyopt", ec, "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                "-days", "2", "-subj", "/CN=benchrig test CA");
        openssl(d, "req", "-newkey", "ec", "-pkeyopt", ec, "-nodes", "-keyout", "server.key", "-out", "server.csr",
                "-subj", "/CN=127.0.0.1");
        openssl(d, "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "server.pem", "-days", "2", "-extfile", "server.ext");
        // the client key as `ecparam -genkey` writes it (SEC1, "BEGIN EC PRIVATE KEY"), then converted to PKCS#8
        openssl(d, "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "client-sec1.key");
        openssl(d, "req", "-new", "-key", "client-sec1.key", "-out", "client.csr", "-subj", "/CN=bench-1");
        openssl(d, "x509", "-req", "-in", "client.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "client.pem", "-days", "2");
        openssl(d, "pkcs8", "-topk8", "-nocrypt", "-in", "client-sec1.key", "-out", "client.key");
        openssl(d, "req", "-x509", "-newkey", "ec", "-pkeyopt", ec, "-nodes", "-keyout", "other-ca.key",
                "-out", "other-ca.pem", "-days", "2", "-subj", "/CN=some other CA");
        assertThat(Files.readString(d.resolve("client.key"))).contains("BEGIN PRIVATE KEY");
    }

    static void openssl(Path d, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(d.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(cmd + ": " + out).isZero();
    }

    static String sslUrl() {
        return "ssl://127.0.0.1:" + tlsPort;
    }

    /** A python3-only rig publishing to the TLS listener, trusting {@code ca}. */
    static Path rig(String name, String ca) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        Path cfg = CliHarness.writeConfig(d, name, new String[0], new String[] {"cpython"});
        Files.writeString(cfg, Files.readString(cfg) + "mqtt:\n  url: " + sslUrl() + "\n"
                + "  tls: {ca: " + pki.resolve(ca) + ", cert: " + pki.resolve("client.pem")
                + ", key: " + pki.resolve("client.key") + "}\n");
        return cfg;
    }

    static MqttConfig tls(String ca) {
        return new MqttConfig(true, sslUrl(), null, null,
                new MqttConfig.Tls(pki.resolve(ca), pki.resolve("client.pem"), pki.resolve("client.key")),
                MqttConfig.HomeAssistant.DEFAULT);
    }

    @Test
    void aRunsMeasurementsReachASubscriberOverTls() throws Exception {
        Path cfg = rig("tls-rig", "ca.pem");
        try (Collector sub = new Collector(mosquitto.url(), "tls-sub-" + System.nanoTime(), "benchrig/tls-rig/#", false)) {
            CliHarness.Result r = PublishingScenarios.run(cfg, Map.of(), "--suite", "sieve", "--repeat", "1");
            assertThat(r.exit()).as(r.err() + r.out()).isZero();
            assertThat(PublishingScenarios.mqttLines(r.err())).as(r.err()).isEmpty();
            long run = PublishingScenarios.runId(r);
            Map<String, ObjectNode> stored = PublishingScenarios.stored(cfg, "tls-rig", run);
            assertThat(stored).isNotEmpty();
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    PublishingScenarios.received(sub, "tls-rig").size() >= stored.size());
            for (ObjectNode j : PublishingScenarios.received(sub, "tls-rig")) {
                ObjectNode bare = j.deepCopy();
                bare.remove("historical");
                assertThat(bare.toString()).isEqualTo(stored.get(j.get("id").asText()).toString());
            }
            assertThat(sub.on("/events")).anyMatch(m -> m.payload().contains("\"event\":\"finished\""));
            assertThat(PublishingScenarios.outboxSize(cfg)).isZero();
            await().atMost(Duration.ofSeconds(5)).until(() -> sub.on("benchrig/tls-rig/status").stream()
                    .anyMatch(m -> m.payload().equals("offline")));
        }
        // and the broker really spoke TLS with our client certificate on that port
        assertThat(connections(tlsPort)).isPositive();
    }

    @Test
    void anUntrustedServerGivesOneClearLineAndRetriesNeverACrashOrAStalledRun() throws Exception {
        Path cfg = rig("wrong-ca-rig", "other-ca.pem");
        long t0 = System.nanoTime();
        CliHarness.Result r = PublishingScenarios.run(cfg, Map.of(), "--suite", "sieve", "--repeat", "1");
        assertThat(r.exit()).as(r.err() + r.out()).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("the run is not stalled").isLessThan(Duration.ofSeconds(60));
        List<String> lines = PublishingScenarios.mqttLines(r.err());
        assertThat(lines).as(r.err()).hasSize(1);
        assertThat(lines.get(0)).contains("TLS", sslUrl(), "not trusted", "mqtt.tls.ca", "retrying")
                .doesNotContain("Exception");
        assertThat(PublishingScenarios.outboxSize(cfg)).isPositive();

        // it keeps retrying (a new TLS connection each time) and still says it once
        int before = connections(tlsPort);
        StringWriter log = new StringWriter();
        try (Store s = Store.open(cfg.getParent().resolve("data/benchrig.db"));
             Publisher p = new Publisher("wrong-ca-rig", tls("other-ca.pem"), s, null, new PrintWriter(log, true),
                     System::getenv).start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> connections(tlsPort) >= before + 3);
            assertThat(p.connected()).isFalse();
        }
        assertThat(PublishingScenarios.mqttLines(log.toString())).hasSize(1);

        // the same outbox goes out once the CA is right
        try (Store s = Store.open(cfg.getParent().resolve("data/benchrig.db"));
             Publisher p = new Publisher("wrong-ca-rig", tls("ca.pem"), s, null, new PrintWriter(System.err, true),
                     System::getenv).start()) {
            assertThat(p.drain(Duration.ofSeconds(20))).isTrue();
        }
    }

    @Test
    void aKeyNotInPkcs8IsOneLineSayingHowToConvertIt() throws Exception {
        // with a password to look up: each connect attempt asks for it before it reads the TLS files
        MqttConfig sec1 = new MqttConfig(true, sslUrl(), "rig", "SEC1_PASSWORD",
                new MqttConfig.Tls(pki.resolve("ca.pem"), pki.resolve("client.pem"), pki.resolve("client-sec1.key")),
                MqttConfig.HomeAssistant.DEFAULT);
        AtomicInteger attempts = new AtomicInteger();
        StringWriter log = new StringWriter();
        Files.createDirectories(dir.resolve("sec1"));
        try (Store s = Store.open(dir.resolve("sec1/benchrig.db"));
             Publisher p = new Publisher("sec1-rig", sec1, s, null, new PrintWriter(log, true), name -> {
                 attempts.incrementAndGet();
                 return "unused";
             }).start()) {
            await("three connect attempts").atMost(Duration.ofSeconds(10)).until(() -> attempts.get() >= 3);
            assertThat(p.connected()).isFalse();
        }
        List<String> lines = PublishingScenarios.mqttLines(log.toString());
        assertThat(lines).as(log.toString()).hasSize(1);
        assertThat(lines.get(0)).contains("client-sec1.key", "PKCS#8", "openssl pkcs8 -topk8 -nocrypt", "retrying")
                .doesNotContain("Exception");
    }

    /** TLS connections Mosquitto has accepted on {@code port} so far. */
    static int connections(int port) throws Exception {
        return (int) Files.readString(dir.resolve("mosquitto/connections.log")).lines().filter(l -> l.contains("New connection from") && l.contains("on port " + port)).count();
    }
}
