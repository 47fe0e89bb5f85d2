package org.benchrig.mqtt;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.benchrig.config.MqttConfig;
import org.benchrig.result.Measurement;
import org.benchrig.result.MeasurementJson;
import org.benchrig.stats.Summary;
import org.benchrig.store.Outbox;
import org.benchrig.store.OutboxMessages;
import org.benchrig.store.RunState;
import org.benchrig.store.Store;

/**
 * The payloads of the outbox's messages (docs/mqtt.md): a measurement as {@link MeasurementJson}
 * writes it with its rig, the run events, and at a run's end one retained summary per target and
 * benchmark. The store queues them in the transaction of the change they announce.
 */
public final class Messages implements OutboxMessages {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The last field of every queued payload but the retained summaries, written false: whether a
     * message is a replay is known only when it is sent. Last, so the publisher can set it without
     * parsing the payload (the drain sends tens of thousands a second, docs/performance.md).
     */
    private static final String HISTORICAL_FALSE = ",\"historical\":false}";
    private static final String HISTORICAL_TRUE = ",\"historical\":true}";

    /** Queues MQTT messages for every later change of {@code store} when MQTT is enabled; returns the store. */
    public static Store queueing(Store store, MqttConfig cfg) {
        if (cfg.enabled()) {
            Outbox.install(store, new Messages());
        }
        return store;
    }

    /** One measurement as it goes on the wire, before the publisher sets "historical". */
    public static ObjectNode measurement(String rig, Measurement m) {
        ObjectNode o = JSON.createObjectNode().put("rig", rig);
        o.setAll(MeasurementJson.tree(m));
        return o;
    }

    /** A payload as queued: the object with its "historical" field, false, last. */
    private static String queued(ObjectNode o) {
        return o.put("historical", false).toString();
    }

    /**
     * A queued payload (a JSON object) with its "historical" field set, as sent. Rows queued by
     * {@link #queued} carry the field last, and only a replay changes it; a row without it (queued by
     * an older version) gets it by a streaming copy.
     */
    static String withHistorical(String payload, boolean historical) {
        if (payload.endsWith(HISTORICAL_FALSE)) {
            return historical ? payload.substring(0, payload.length() - HISTORICAL_FALSE.length()) + HISTORICAL_TRUE
                    : payload;
        }
        StringWriter out = new StringWriter(payload.length() + 20);
        try (JsonParser p = JSON.createParser(payload); JsonGenerator g = JSON.createGenerator(out)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("outbox row is not a JSON object: " + payload);
            }
            g.writeStartObject();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                if (p.currentName().equals("historical")) {
                    p.nextToken();
                    p.skipChildren();
                } else {
                    g.copyCurrentStructure(p);
                }
            }
            g.writeBooleanField("historical", historical);
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("outbox row is not a JSON object: " + e.getMessage(), e);
        }
        return out.toString();
    }

    @Override
    public List<Message> measured(String rig, Measurement m, long inRun) {
        ObjectNode e = event("progress", rig, m.runId())
                .put("measurements", inRun)
                .put("target", m.target())
                .put("benchmark", m.benchmark())
                .put("last", m.id());
        return List.of(new Message(Topics.run(rig, m.runId(), "measurements"), "measurement",
                        queued(measurement(rig, m)), false),
                new Message(Topics.run(rig, m.runId(), "events"), "event", queued(e), false));
    }

    @Override
    public List<Message> started(Started run) {
        ObjectNode e = event("started", run.rig(), run.run())
                .put("suite", run.suite())
                .put("repetitions", run.repetitions());
        run.targets().forEach(e.putArray("targets")::add);
        e.put("started_at", run.startedAt()).put("config_hash", run.configHash());
        return List.of(new Message(Topics.run(run.rig(), run.run(), "events"), "event", queued(e), false));
    }

    @Override
    public List<Message> ended(String rig, long run, RunState state, String reason, List<Result> results) {
        ObjectNode e = event(state == RunState.INTERRUPTED ? "interrupted" : "finished", rig, run)
                .put("state", state.dbValue())
                .put("reason", reason);
        List<Message> out = new ArrayList<>();
        out.add(new Message(Topics.run(rig, run, "events"), "event", queued(e), false));
        for (ObjectNode latest : latest(rig, run, results)) {
            out.add(new Message(Topics.rig(rig, "latest/" + Topics.level(latest.get("target").asText()) + "/"
                    + Topics.level(latest.get("benchmark").asText())), "latest", latest.toString(), true));
        }
        return out;
    }

    private static ObjectNode event(String name, String rig, long runId) {
        return JSON.createObjectNode().put("event", name).put("rig", rig).put("run", runId)
                .put("at", Instant.now().toString());
    }

    /** One retained summary per target and benchmark of the run: per mode, outcomes, n and time statistics. */
    private static List<ObjectNode> latest(String rig, long runId, List<Result> results) {
        // results come in (target, benchmark, mode) order: insertion order is the order to publish
        Map<List<String>, TreeMap<String, List<Result>>> byBenchmark = new java.util.LinkedHashMap<>();
        for (Result r : results) {
            byBenchmark.computeIfAbsent(List.of(r.target(), r.benchmark()), k -> new TreeMap<>())
                    .computeIfAbsent(r.mode(), k -> new ArrayList<>()).add(r);
        }
        List<ObjectNode> out = new ArrayList<>();
        String at = Instant.now().toString();
        byBenchmark.forEach((key, byMode) -> {
            List<Result> last = byMode.lastEntry().getValue();
            ObjectNode o = JSON.createObjectNode().put("rig", rig).put("run", runId).put("target", key.get(0))
                    .put("benchmark", key.get(1)).put("tier", last.get(last.size() - 1).tier()).put("at", at);
            ObjectNode modes = o.putObject("modes");
            byMode.forEach((mode, rs) -> {
                ObjectNode mo = modes.putObject(mode);
                ObjectNode oc = mo.putObject("outcomes");
                Map<String, Integer> counts = new TreeMap<>();
                rs.forEach(r -> counts.merge(r.outcome(), 1, Integer::sum));
                counts.forEach(oc::put);
                double[] ts = rs.stream().filter(r -> r.timeNs() != null && "ok".equals(r.outcome()))
                        .mapToDouble(r -> r.timeNs().doubleValue()).toArray();
                mo.put("n_ok", ts.length);
                if (ts.length > 0) {
                    Summary s = Summary.of(ts);
                    mo.put("median_ns", Math.round(s.median())).put("min_ns", Math.round(s.min()))
                            .put("max_ns", Math.round(s.max()));
                    if (Double.isFinite(s.spreadRatioPercent())) {
                        mo.put("spread_percent", s.spreadRatioPercent());
                    }
                }
            });
            out.add(o);
        });
        return out;
    }
}
