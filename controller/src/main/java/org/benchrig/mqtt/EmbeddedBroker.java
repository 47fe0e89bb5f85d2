package org.benchrig.mqtt;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The in-process broker for a rig without an external one: HiveMQ CE embedded, bound to one
 * loopback address. Chosen over Moquette 0.17 by BrokerConformanceTest (retained last will, retain
 * flag delivered to QoS 1 subscribers); see docs/mqtt.md.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private final EmbeddedHiveMQ hivemq;
    private final String url;

    private EmbeddedBroker(EmbeddedHiveMQ hivemq, String url) {
        this.hivemq = hivemq;
        this.url = url;
    }

    /** Starts a broker on {@code host:port}, its config and data under {@code dir}. */
    public static EmbeddedBroker start(String host, int port, Path dir) {
        try {
            Path conf = Files.createDirectories(dir.resolve("conf"));
            Path data = Files.createDirectories(dir.resolve("data"));
            Path ext = Files.createDirectories(dir.resolve("extensions"));
            Files.writeString(conf.resolve("config.xml"), """
                    <?xml version="1.0"?>
                    <hivemq>
                      <listeners>
                        <tcp-listener><port>%d</port><bind-address>%s</bind-address></tcp-listener>
                      </listeners>
                      <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
                    </hivemq>
                    """.formatted(port, host));
            EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(conf)
                    .withDataFolder(data)
                    .withExtensionsFolder(ext)
                    .withoutLoggingBootstrap()
                    .build();
            try {
                hivemq.start().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                try {
                    hivemq.close();
                } catch (Exception ignored) {
                    // the start failure is what matters
                }
                throw new IllegalStateException("cannot start the embedded MQTT broker on " + host + ":" + port
                        + ": " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage())
                        + " (is another broker or `benchrig serve` using that port?)", e);
            }
            return new EmbeddedBroker(hivemq, "tcp://" + host + ":" + port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare the embedded broker's folder " + dir + ": " + e, e);
        }
    }

    public String url() {
        return url;
    }

    @Override
    public void close() {
        try {
            hivemq.stop().get(30, TimeUnit.SECONDS);
            hivemq.close();
        } catch (Exception e) {
            throw new IllegalStateException("stopping the embedded MQTT broker: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "embedded MQTT broker " + url;
    }
}
