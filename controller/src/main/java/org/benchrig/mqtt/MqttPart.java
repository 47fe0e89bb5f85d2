package org.benchrig.mqtt;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;
import org.benchrig.bench.RunService;
import org.benchrig.config.MqttConfig;
import org.benchrig.store.Outbox;

/** What `serve` and `run` start for MQTT: the embedded broker when no url is given, and the publisher. */
public final class MqttPart {
    private MqttPart() {
    }

    /** For `serve`: embedded broker (if no url), then the publisher; both added to {@code started}. */
    public static void startDaemon(RunService service, PrintWriter out, List<AutoCloseable> started,
                                   Function<String, String> env) {
        MqttConfig cfg = service.config().mqtt();
        if (!cfg.enabled()) {
            long dropped = new Outbox(service.store()).clear();
            if (dropped > 0) {
                out.println("benchrig: mqtt is disabled (mqtt.enabled: false); dropped " + dropped
                        + " unpublished outbox message(s)");
            }
            return;
        }
        if (cfg.embedded()) {
            started.add(EmbeddedBroker.start(MqttConfig.EMBEDDED_HOST, MqttConfig.EMBEDDED_PORT,
                    service.config().dataDir().resolve("broker")));
            out.println("benchrig: embedded MQTT broker on " + MqttConfig.EMBEDDED_URL);
        }
        started.add(startPublisher(service, out, env));
    }

    /**
     * For a CLI `run`: publishes while the run goes on, but only to a configured broker (url given);
     * with the embedded broker the outbox waits for `serve`. Null when nothing is started.
     */
    public static Publisher startForRun(RunService service, PrintWriter err, Function<String, String> env) {
        MqttConfig cfg = service.config().mqtt();
        if (!cfg.enabled() || cfg.embedded()) {
            return null;
        }
        return startPublisher(service, err, env);
    }

    private static Publisher startPublisher(RunService service, PrintWriter log, Function<String, String> env) {
        Publisher p = new Publisher(service.config().rig(), service.config().mqtt(), service.store(), service.rig(),
                log, env);
        service.addListener(p);
        return p.start();
    }
}
