package org.benchrig.mqtt;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.benchrig.bench.Rig;
import org.benchrig.bench.RunListener;
import org.benchrig.config.MqttConfig;
import org.benchrig.result.Measurement;
import org.benchrig.store.Outbox;
import org.benchrig.store.Store;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Drains the store's outbox to the broker, in seq order, QoS 1, a row deleted only after its PUBACK;
 * keeps {@code benchrig/<rig>/status} (retained online, last will offline) and the retained board
 * states. Runs on its own thread: a slow, absent or refusing broker never slows a run. Connect
 * failures are printed once per distinct problem, then retried with backoff.
 * <p>
 * Over 300 lines on purpose: the send window, the connection's generation and the read-ahead buffer
 * are one piece of state that Paho's callback threads and the loop thread change together; split,
 * that locking would be spread over classes. Deletes ({@link AckedRows}) and board states
 * ({@link BoardStates}) are apart because they do not share it.
 */
public final class Publisher implements AutoCloseable, RunListener {
    /**
     * Messages in flight (sent, PUBACK pending), outbox rows and board states alike: every QoS 1
     * publish takes a slot first. Paho's own limit is this plus room for the Home Assistant
     * announcements and the last "offline", which are sent outside the window.
     */
    static final int WINDOW = 200;
    /** Backoff between connect attempts: doubles from the first to the last. */
    static final Duration BACKOFF_FIRST = Duration.ofMillis(250);
    static final Duration BACKOFF_MAX = Duration.ofSeconds(5);
    /** A row older than this when sent is marked historical: it is being replayed, not streamed. */
    static final Duration HISTORICAL_AFTER = Duration.ofSeconds(10);
    /** The window is refilled when at least this many slots are free: fewer, larger outbox reads. */
    static final int REFILL_AT = WINDOW / 10;
    /** Rows read from the outbox per query, ahead of the window. */
    static final int READ_AHEAD = 500;
    /** While {@link #drain} waits, a lost broker is asked again this often, not after the backoff: a restarted one is found fast. */
    static final Duration DRAIN_RETRY = Duration.ofMillis(300);
    /** How often an idle publisher looks for new rows and board state changes. */
    static final long IDLE_POLL_MS = 50;

    private final String rig;
    private final MqttConfig cfg;
    private final Outbox outbox;
    private final PrintWriter log;
    private final Function<String, String> env;
    private final String url;
    private final String clientId;
    private final Thread thread;
    private final AckedRows acked;
    private final Object signal = new Object();
    /** Rows read from the outbox, not yet sent (only the loop thread touches it). */
    private final java.util.ArrayDeque<Outbox.Row> buffer = new java.util.ArrayDeque<>();
    private final AtomicInteger inflight = new AtomicInteger();
    private final BoardStates boardStates;
    private volatile boolean stopping;
    private volatile boolean draining;
    private volatile boolean connected;
    private volatile long delivered;
    private volatile int generation;
    private MqttAsyncClient client;
    private String lastProblem;

    /**
     * @param boards the rig whose open boards' states are published, or null (hub tests, selfbench)
     */
    public Publisher(String rig, MqttConfig cfg, Store store, Rig boards, PrintWriter log,
                     Function<String, String> env) {
        this.rig = rig;
        this.cfg = cfg;
        this.outbox = new Outbox(store);
        this.boardStates = new BoardStates(rig, boards);
        this.log = log;
        this.env = env;
        this.url = cfg.effectiveUrl();
        this.clientId = "benchrig-" + rig + "-" + ProcessHandle.current().pid() + "-"
                + Integer.toHexString(System.identityHashCode(this));
        this.thread = new Thread(this::loop, "mqtt-publisher");
        this.thread.setDaemon(true);
        this.acked = new AckedRows(outbox, this::problem);
    }

    public Publisher start() {
        thread.start();
        acked.start();
        return this;
    }

    public String statusTopic() {
        return Topics.rig(rig, "status");
    }

    public boolean connected() {
        return connected;
    }

    /** Messages acknowledged by the broker since start. */
    public long delivered() {
        return delivered;
    }

    /** Waits until the outbox is empty (and acknowledged) or {@code timeout} passed; true when empty. */
    public boolean drain(Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        draining = true;
        synchronized (signal) {
            signal.notifyAll();   // a loop waiting out its backoff tries to connect now
        }
        try {
            while (System.nanoTime() < until) {
                if (inflight.get() == 0 && outbox.isEmpty()) {
                    return true;
                }
                Thread.sleep(5);
            }
            return outbox.isEmpty();
        } finally {
            draining = false;
        }
    }

    /** Messages sent and not yet acknowledged (for tests of the window). */
    int inflight() {
        return inflight.get();
    }

    /** Messages in the outbox, not yet acknowledged by the broker. */
    public long waiting() {
        return outbox.size();
    }

    /** The broker this publisher sends to. */
    public String url() {
        return url;
    }

    // ------------------------------------------------------------------ RunListener: board heap

    @Override
    public void measured(Measurement m) {
        boardStates.measured(m);
    }

    // ------------------------------------------------------------------ the loop

    private void loop() {
        Duration backoff = BACKOFF_FIRST;
        long lastFetched = 0;
        long backlogMark = 0;
        while (!stopping) {
            try {
                if (!connected) {
                    if (!connect()) {
                        pause(draining ? DRAIN_RETRY : backoff);
                        backoff = backoff.multipliedBy(2).compareTo(BACKOFF_MAX) > 0 ? BACKOFF_MAX : backoff.multipliedBy(2);
                        continue;
                    }
                    backoff = BACKOFF_FIRST;
                    acked.deleteNow();
                    buffer.clear();
                    lastFetched = 0;               // resend everything not acknowledged, in order
                    backlogMark = outbox.maxSeq();  // rows written while we were away are replays
                    boardStates.forget();
                }
                publishBoardStates();
                boolean caughtUp = false;
                if (buffer.isEmpty()) {
                    // read ahead: the next rows wait in memory, so the window is refilled without a query
                    List<Outbox.Row> rows = outbox.next(lastFetched, READ_AHEAD);
                    buffer.addAll(rows);
                    if (!rows.isEmpty()) {
                        lastFetched = rows.get(rows.size() - 1).seq();
                    }
                    caughtUp = rows.isEmpty();
                }
                boolean sent = false;
                for (int room = WINDOW - inflight.get(); room > 0 && !buffer.isEmpty(); room--) {
                    Outbox.Row row = buffer.peekFirst();
                    if (!send(row, row.seq() <= backlogMark)) {
                        break;
                    }
                    buffer.pollFirst();
                    sent = true;
                }
                if (!sent) {
                    awaitRoomOrPoll(caughtUp);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // a store error (locked, closing): say it once, try again; never kill the thread
                problem("publisher: " + e.getMessage());
                sleep(backoff.toMillis());
            }
        }
    }

    private boolean send(Outbox.Row row, boolean replay) {
        String payload = row.payload();
        if (!"latest".equals(row.kind())) {
            boolean historical = replay   // only a live row needs its age
                    || Duration.between(row.createdAt(), Instant.now()).compareTo(HISTORICAL_AFTER) > 0;
            payload = Messages.withHistorical(payload, historical);
        }
        MqttMessage msg = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        msg.setQos(row.qos());
        msg.setRetained(row.retained());
        try {
            publishInSlot(row.topic(), msg, row.seq(), () -> {
                acked.acked(row.seq());
                delivered++;
            });
            return true;
        } catch (MqttException e) {
            lost(e);
            return false;
        }
    }

    /** A publish that is not an outbox row, in a window slot; false (nothing sent) when the window is full. */
    private boolean publishInWindow(String topic, MqttMessage msg) throws MqttException {
        if (inflight.get() >= WINDOW) {
            return false;
        }
        publishInSlot(topic, msg, null, () -> { });
        return true;
    }

    /**
     * Publishes in a window slot of this connection's generation; the slot is given back on the
     * PUBACK (after {@code onAck}), on a failure, or at once when the publish is refused.
     */
    private void publishInSlot(String topic, MqttMessage msg, Object context, Runnable onAck) throws MqttException {
        int gen = generation;
        inflight.incrementAndGet();
        try {
            client.publish(topic, msg, context, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    onAck.run();
                    released(gen);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    released(gen);
                }
            });
        } catch (MqttException e) {
            released(gen);
            throw e;
        }
    }

    private void released(int gen) {
        int now = gen == generation ? inflight.decrementAndGet() : 0;
        // wake the loop only when the window crosses a level it waits for (room worth filling, or empty);
        // the loop checks the level under the same lock before it waits, so no wake-up is lost
        if (now == WINDOW - REFILL_AT || now == 0) {
            synchronized (signal) {
                signal.notifyAll();
            }
        }
        acked.nudge(now == 0);
    }

    /**
     * Nothing was sent: with messages in flight, waits until the window has room worth filling (the
     * condition is checked under the lock the acknowledgements notify on: no lost wake-up); idle,
     * waits one poll interval for new rows.
     */
    private void awaitRoomOrPoll(boolean caughtUp) throws InterruptedException {
        long until = System.nanoTime() + IDLE_POLL_MS * 1_000_000L;
        synchronized (signal) {
            if (!connected || (caughtUp && inflight.get() == 0)) {
                signal.wait(IDLE_POLL_MS);   // idle: poll for new rows
                return;
            }
            // caught up with the outbox: look for new rows once per poll interval or when the window empties
            int target = caughtUp ? 0 : WINDOW - REFILL_AT;
            while (!stopping && connected && inflight.get() > target) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                signal.wait(Math.max(1, left / 1_000_000L));
            }
        }
    }

    private boolean connect() {
        closeClient();
        try {
            MqttConnectOptions o = Connections.options(cfg, env);
            o.setCleanSession(true);   // the outbox, not the broker session, holds what is unsent
            o.setMaxInflight(WINDOW + boardStates.ids().size() + 1);
            o.setWill(statusTopic(), "offline".getBytes(StandardCharsets.UTF_8), 1, true);
            MqttAsyncClient c = new MqttAsyncClient(url, clientId, new MemoryPersistence());
            c.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                    lost(cause);
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            client = c;
            c.connect(o).waitForCompletion(Connections.CONNECT_TIMEOUT_S * 2000L);
            generation++;
            inflight.set(0);
            MqttMessage online = new MqttMessage("online".getBytes(StandardCharsets.UTF_8));
            online.setQos(1);
            online.setRetained(true);
            publishInWindow(statusTopic(), online);
            if (cfg.homeassistant().enabled()) {
                HomeAssistant.announce(c, cfg.homeassistant().prefix(), rig, boardStates.ids(), statusTopic());
            }
            connected = true;
            if (lastProblem != null) {
                say("mqtt: connected to " + url + " again; publishing the " + outbox.size() + " waiting message(s)");
                lastProblem = null;
            }
            return true;
        } catch (MqttException | RuntimeException e) {
            problem(Connections.describe(url, e));
            closeClient();
            return false;
        }
    }

    private void lost(Throwable cause) {
        if (connected) {
            connected = false;
            problem("lost the connection to broker " + url + (cause == null ? "" : " (" + cause.getMessage() + ")"));
        }
    }

    private void problem(String what) {
        if (!what.equals(lastProblem)) {
            lastProblem = what;
            say("mqtt: " + what + "; results stay in the outbox, retrying with backoff up to "
                    + BACKOFF_MAX.toSeconds() + " s");
        }
    }

    private void say(String line) {
        log.println("benchrig: " + line);
        log.flush();
    }

    // ------------------------------------------------------------------ board states

    private void publishBoardStates() {
        try {
            boardStates.publishChanged(this::publishInWindow);
        } catch (MqttException e) {
            lost(e);
        }
    }

    // ------------------------------------------------------------------ stopping

    /** Waits out a backoff; {@link #drain} and {@link #close} cut it short. */
    private void pause(Duration d) throws InterruptedException {
        synchronized (signal) {
            if (!stopping && !draining) {
                signal.wait(Math.max(1, d.toMillis()));
            }
        }
        if (draining && !stopping) {
            Thread.sleep(DRAIN_RETRY.toMillis());
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeClient() {
        MqttAsyncClient c = client;
        client = null;
        if (c == null) {
            return;
        }
        try {
            if (c.isConnected()) {
                c.disconnectForcibly(0, 1000);
            }
        } catch (MqttException ignored) {
            // going away anyway
        }
        try {
            c.close(true);
        } catch (MqttException ignored) {
            // going away anyway
        }
    }

    /** Stops: waits briefly for acknowledgements, says offline (retained), disconnects. */
    @Override
    public void close() {
        stopping = true;
        synchronized (signal) {
            signal.notifyAll();
        }
        try {
            thread.join(5000);
            acked.stop(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (connected && !thread.isAlive()) {
            publishBoardStates();   // the last measurement may have come after the loop's last look
        }
        long until = System.currentTimeMillis() + 2000;
        while (connected && inflight.get() > 0 && System.currentTimeMillis() < until) {
            sleep(10);
        }
        try {
            acked.deleteNow();
        } catch (RuntimeException ignored) {
            // the rows stay and are sent again next time
        }
        MqttAsyncClient c = client;
        if (c != null && c.isConnected()) {
            try {
                MqttMessage offline = new MqttMessage("offline".getBytes(StandardCharsets.UTF_8));
                offline.setQos(1);
                offline.setRetained(true);
                c.publish(statusTopic(), offline).waitForCompletion(2000);
                c.disconnect().waitForCompletion(2000);
            } catch (MqttException ignored) {
                // the broker sends the will instead
            }
        }
        connected = false;
        closeClient();
    }

    @Override
    public String toString() {
        return "MQTT publisher to " + url;
    }
}
