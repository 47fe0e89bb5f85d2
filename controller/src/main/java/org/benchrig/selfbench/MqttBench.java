package org.benchrig.selfbench;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.benchrig.config.MqttConfig;
import org.benchrig.mqtt.Messages;
import org.benchrig.mqtt.Publisher;
import org.benchrig.result.HeapUse;
import org.benchrig.result.Measurement;
import org.benchrig.result.Mode;
import org.benchrig.result.Outcome;
import org.benchrig.stats.Summary;
import org.benchrig.store.Outbox;
import org.benchrig.store.Store;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * {@code selfbench mqtt}: how fast the outbox drains after a reconnect (a backlog of N measurement
 * messages already in SQLite, the publisher connects, time until the last row is acknowledged and
 * deleted) against a plain Paho loop publishing the same N payloads, QoS 1, with the same number
 * of messages in flight, to the same broker. Rounds alternate the two; medians are compared.
 */
public final class MqttBench {
    /** The plain loop may keep as many messages in flight as the publisher does. */
    static final int WINDOW = 200;

    public record Report(Summary plainPerSecond, Summary drainPerSecond, int messages, int payloadBytes) {
        public double ratio() {
            return drainPerSecond.median() / plainPerSecond.median();
        }
    }

    private final String url;
    private final Path scratch;
    private final PrintWriter log;

    public MqttBench(String url, Path scratch, PrintWriter log) {
        this.url = url;
        this.scratch = scratch;
        this.log = log;
    }

    public Report run(int messages, int rounds) throws Exception {
        List<String> payloads = payloads(messages);
        double[] plain = new double[rounds];
        double[] drain = new double[rounds];
        plainLoop(payloads.subList(0, Math.min(500, messages)));   // warm-up: JIT, broker, connections
        drainOnce(payloads.subList(0, Math.min(500, messages)), -1);
        for (int r = 0; r < rounds; r++) {
            if (r % 2 == 0) {
                plain[r] = plainLoop(payloads);
                drain[r] = drainOnce(payloads, r);
            } else {
                drain[r] = drainOnce(payloads, r);
                plain[r] = plainLoop(payloads);
            }
            log.printf("selfbench mqtt: round %d: plain Paho %.0f msg/s, outbox drain %.0f msg/s%n", r + 1, plain[r], drain[r]);
            log.flush();
        }
        return new Report(Summary.of(plain), Summary.of(drain), messages, payloads.get(0).length());
    }

    /** Realistic measurement payloads, as the store's hook queues them (the measurement message of each). */
    static List<String> payloads(int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Measurement m = new Measurement("selfbench/1/mb1/fib/cold/" + i, 1, "mb1", "fib", "s", i, Mode.COLD,
                    2_138_465_000L + i, null, new HeapUse(9536L, 8112L, 9488L, null), "375", Outcome.ok(), Instant.now());
            out.add(new Messages().measured("selfbench", m, i + 1).get(0).payload());
        }
        return out;
    }

    /** Messages per second of a plain Paho loop: publish all, QoS 1, at most WINDOW unacknowledged. */
    double plainLoop(List<String> payloads) throws Exception {
        MqttAsyncClient c = new MqttAsyncClient(url, "selfbench-plain-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setMaxInflight(WINDOW);
        try {
            long t0 = System.nanoTime();   // like the drain, the time includes connecting
            c.connect(o).waitForCompletion(10_000);
            Semaphore room = new Semaphore(WINDOW);
            for (String p : payloads) {
                room.acquire();
                MqttMessage m = new MqttMessage(p.getBytes(StandardCharsets.UTF_8));
                m.setQos(1);
                c.publish("benchrig/selfbench/runs/1/measurements", m, null, new IMqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        room.release();
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable e) {
                        room.release();
                    }
                });
            }
            if (!room.tryAcquire(WINDOW, 60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the broker did not acknowledge every message within 60 s");
            }
            return payloads.size() / ((System.nanoTime() - t0) / 1e9);
        } finally {
            c.disconnect().waitForCompletion(5000);
            c.close();
        }
    }

    /** Messages per second from "publisher connects to a backlog of N rows" to "outbox empty". */
    double drainOnce(List<String> payloads, int round) throws Exception {
        Path db = scratch.resolve("drain-" + (round + 1) + "-" + System.nanoTime() + ".db");
        try (Store store = Store.open(db)) {
            Outbox outbox = new Outbox(store);
            outbox.addAll("benchrig/selfbench/runs/1/measurements", "measurement", payloads);
            MqttConfig cfg = new MqttConfig(true, url, null, null, MqttConfig.Tls.NONE, MqttConfig.HomeAssistant.DEFAULT);
            long t0 = System.nanoTime();
            try (Publisher p = new Publisher("selfbench", cfg, store, null, log, System::getenv).start()) {
                if (!p.drain(Duration.ofSeconds(120))) {
                    throw new IllegalStateException("the outbox did not drain within 120 s; " + outbox.size() + " left");
                }
                return payloads.size() / ((System.nanoTime() - t0) / 1e9);
            }
        }
    }
}
