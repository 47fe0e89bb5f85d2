package org.benchrig.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.benchrig.config.HubConfig;
import org.benchrig.result.Measurement;
import org.benchrig.result.MeasurementJson;
import org.benchrig.store.HubStore;
import org.benchrig.store.RunState;
import org.benchrig.store.Store;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The lab-wide view: follows every rig on a shared broker and keeps their runs and measurements in
 * its own store. A persistent session (fixed client id, clean session off, QoS 1) makes the broker
 * queue what arrives while the hub is away; a message is acknowledged only after it is committed,
 * and measurements are idempotent on their id, so redeliveries leave no duplicates.
 */
public final class Hub implements AutoCloseable {
    public static final String[] FILTERS = {
        "benchrig/+/status", "benchrig/+/boards/+/state", "benchrig/+/runs/+/events", "benchrig/+/runs/+/measurements"};

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HubConfig cfg;
    private final HubStore store;
    private final PrintWriter log;
    private final Function<String, String> env;
    private final Thread connector;
    private volatile boolean stopping;
    private volatile MqttClient client;
    private String lastProblem;

    public Hub(HubConfig cfg, Store store, PrintWriter log, Function<String, String> env) {
        this.cfg = cfg;
        this.store = new HubStore(store);
        this.log = log;
        this.env = env;
        this.connector = new Thread(this::connectLoop, "mqtt-hub");
        this.connector.setDaemon(true);
    }

    public HubStore store() {
        return store;
    }

    public Hub start() {
        connector.start();
        return this;
    }

    public boolean connected() {
        MqttClient c = client;
        return c != null && c.isConnected();
    }

    /** Connects (and reconnects after a loss) with backoff; one line per distinct problem. */
    private void connectLoop() {
        long backoff = Publisher.BACKOFF_FIRST.toMillis();
        String url = cfg.mqtt().effectiveUrl();
        while (!stopping) {
            MqttClient c = client;
            if (c != null && c.isConnected()) {
                sleep(200);
                continue;
            }
            try {
                if (c != null) {
                    c.close(true);
                }
                MqttConnectOptions o = Connections.options(cfg.mqtt(), env);
                o.setCleanSession(false);
                MqttClient n = new MqttClient(url, "benchrig-hub-" + cfg.hub(), new MemoryPersistence());
                n.setCallback(new MqttCallbackExtended() {
                    @Override
                    public void connectComplete(boolean reconnect, String serverURI) {
                    }

                    @Override
                    public void connectionLost(Throwable cause) {
                        problem("lost the connection to broker " + url + " (" + cause.getMessage() + ")");
                    }

                    @Override
                    public void messageArrived(String topic, MqttMessage message) {
                        handle(topic, new String(message.getPayload(), StandardCharsets.UTF_8));
                    }

                    @Override
                    public void deliveryComplete(IMqttDeliveryToken token) {
                    }
                });
                n.connect(o);
                int[] qos = new int[FILTERS.length];
                java.util.Arrays.fill(qos, 1);
                n.subscribe(FILTERS, qos);
                client = n;
                backoff = Publisher.BACKOFF_FIRST.toMillis();
                if (lastProblem != null) {
                    say("mqtt hub: connected to " + url + " again");
                    lastProblem = null;
                }
            } catch (MqttException | RuntimeException e) {
                problem(Connections.describe(url, e));
                sleep(backoff);
                backoff = Math.min(backoff * 2, Publisher.BACKOFF_MAX.toMillis());
            }
        }
    }

    /**
     * Stores one message. Throws when the store fails: Paho then drops the connection without
     * acknowledging, and the broker delivers the message again.
     */
    void handle(String topic, String payload) {
        String[] t = topic.split("/");
        if (t.length < 3 || !t[0].equals("benchrig")) {
            return;
        }
        String rig = t[1];
        try {
            if (t.length == 3 && t[2].equals("status")) {
                store.rigStatus(rig, payload);
            } else if (t.length == 5 && t[2].equals("boards") && t[4].equals("state")) {
                store.boardState(rig, t[3], payload);
            } else if (t.length == 5 && t[2].equals("runs")) {
                long rigRun = Long.parseLong(t[3]);
                JsonNode j = JSON.readTree(payload);
                if (t[4].equals("measurements")) {
                    long run = store.run(rig, rigRun, null, null, null, null);
                    store.store().addMeasurement(measurement(j, run));
                } else if (t[4].equals("events")) {
                    event(rig, rigRun, j);
                }
            }
        } catch (java.io.IOException | IllegalArgumentException e) {
            // a malformed message can never be stored: say so and drop it (a redelivery would fail the same way)
            say("mqtt hub: ignored a malformed message on " + topic + ": " + e.getMessage());
        }
    }

    private void event(String rig, long rigRun, JsonNode j) {
        String name = j.path("event").asText();
        switch (name) {
            case "started" -> {
                List<String> targets = new ArrayList<>();
                j.path("targets").forEach(x -> targets.add(x.asText()));
                String started = text(j, "started_at");
                store.run(rig, rigRun, text(j, "suite"), targets, j.path("repetitions").asInt(),
                        started == null ? null : Instant.parse(started));
            }
            case "finished", "interrupted" -> {
                String state = text(j, "state");
                String at = text(j, "at");
                store.finish(rig, rigRun, RunState.fromDb(state == null ? "interrupted" : state), text(j, "reason"),
                        at == null ? Instant.now() : Instant.parse(at));
            }
            default -> {
                // progress: nothing to keep, the measurements are the record
            }
        }
    }

    /** A measurement message under the hub's own run id (the rig's is in the topic and the message). */
    static Measurement measurement(JsonNode j, long runId) {
        if (!(j instanceof ObjectNode o)) {
            throw new IllegalArgumentException("a measurement is a JSON object, got " + j.getNodeType());
        }
        return MeasurementJson.read(o.deepCopy().put("run_id", runId));
    }

    private static String text(JsonNode j, String field) {
        JsonNode v = j.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private synchronized void problem(String what) {
        if (!what.equals(lastProblem)) {
            lastProblem = what;
            say("mqtt hub: " + what + "; retrying with backoff up to " + Publisher.BACKOFF_MAX.toSeconds() + " s");
        }
    }

    private void say(String line) {
        log.println("benchrig: " + line);
        log.flush();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stopping = true;
        try {
            connector.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        MqttClient c = client;
        if (c != null) {
            try {
                if (c.isConnected()) {
                    c.disconnect(1000);
                }
                c.close(true);
            } catch (MqttException ignored) {
                // going away
            }
        }
    }

    @Override
    public String toString() {
        return "MQTT hub " + cfg.hub();
    }
}
