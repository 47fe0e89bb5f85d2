package org.benchrig.mqtt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.benchrig.bench.Rig;
import org.benchrig.board.Board;
import org.benchrig.board.BoardState;
import org.benchrig.config.BoardConfig;
import org.benchrig.result.Measurement;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;

/**
 * The retained {@code benchrig/<rig>/boards/<board>/state} messages (docs/mqtt.md): each board's
 * state, free heap and last measurement, published when one of them changes. Not in the outbox:
 * the latest value wins.
 */
final class BoardStates {
    /** Sends one message; false when it cannot now (the window is full), so the rest waits for a later round. */
    interface Sink {
        boolean publish(String topic, MqttMessage message) throws MqttException;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String rig;
    private final Rig boards;
    private final Map<String, Long> lastHeapFree = new ConcurrentHashMap<>();
    /** Each target's last measurement, for the board state (and Home Assistant's sensor attributes). */
    private final Map<String, Measurement> lastResult = new ConcurrentHashMap<>();
    /** What was published per board (only the publisher's loop thread touches these two). */
    private final Map<String, String> published = new HashMap<>();
    private final Map<String, Instant> since = new HashMap<>();

    /** @param boards the rig whose open boards' states are published, or null (none) */
    BoardStates(String rig, Rig boards) {
        this.rig = rig;
        this.boards = boards;
    }

    List<String> ids() {
        return boards == null ? List.of() : boards.config().boards().stream().map(BoardConfig::id).toList();
    }

    void measured(Measurement m) {
        lastResult.put(m.target(), m);
        if (m.heap() != null && m.heap().freeBefore() != null) {
            lastHeapFree.put(m.target(), m.heap().freeBefore());
        }
    }

    /** A new connection: every state is published again. */
    void forget() {
        published.clear();
    }

    /** Publishes the states that changed since they were last published, until {@code sink} has no room. */
    void publishChanged(Sink sink) throws MqttException {
        if (boards == null) {
            return;
        }
        for (BoardConfig bc : boards.config().boards()) {
            Board b = boards.openedBoard(bc.id()).orElse(null);
            BoardState state = b == null ? BoardState.OFFLINE : b.state();
            String reason = b == null ? "" : b.reason();
            Long heap = lastHeapFree.get(bc.id());
            Measurement last = lastResult.get(bc.id());
            String key = state + "|" + reason + "|" + heap + "|" + (last == null ? "" : last.id());
            if (key.equals(published.get(bc.id()))) {
                continue;
            }
            String prevState = published.get(bc.id());
            if (prevState == null || !prevState.startsWith(state + "|")) {
                since.putIfAbsent(bc.id(), Instant.now());
                if (prevState != null) {
                    since.put(bc.id(), Instant.now());
                }
            }
            MqttMessage msg = new MqttMessage(payload(bc, state, reason, heap, last).getBytes(StandardCharsets.UTF_8));
            msg.setQos(1);
            msg.setRetained(true);
            if (!sink.publish(Topics.board(rig, bc.id()), msg)) {
                return;   // the window is full: published on a later round, when it has room
            }
            published.put(bc.id(), key);
        }
    }

    private String payload(BoardConfig bc, BoardState state, String reason, Long heap, Measurement last) {
        ObjectNode o = JSON.createObjectNode();
        o.put("board", bc.id());
        o.put("state", state.name().toLowerCase(Locale.ROOT));
        ObjectNode fw = o.putObject("firmware");
        fw.put("model", bc.model());
        fw.put("image", bc.firmware() == null ? null : bc.firmware().getFileName().toString());
        ObjectNode h = o.putObject("heap");
        h.put("free_before_last", heap);
        o.put("reason", reason);
        o.put("since", since.get(bc.id()).toString());
        if (last == null) {
            o.putNull("last");
        } else {
            ObjectNode l = o.putObject("last");
            l.put("id", last.id());
            l.put("run", last.runId());
            l.put("benchmark", last.benchmark());
            l.put("mode", last.mode().name().toLowerCase(Locale.ROOT));
            l.put("outcome", last.outcome().label());
            l.put("time_ns", last.timeNs());
            l.put("at", last.at().toString());
        }
        return o.toString();
    }
}
