package org.benchrig.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.benchrig.result.HeapUse;
import org.benchrig.result.Latency;
import org.benchrig.result.HostValue;
import org.benchrig.result.Measurement;
import org.benchrig.stats.Summary;

/**
 * The MQTT outbox: rows written in the same SQLite transaction as the measurement or run change
 * they announce, read and deleted by the publisher once the broker acknowledged them.
 * See docs/mqtt.md for the topics and payloads.
 */
public final class Outbox {
    public static final String PREFIX = "benchrig/";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One message waiting for the broker. */
    public record Row(long seq, String topic, String kind, String payload, int qos, boolean retained,
                      String createdAtText) {
        /** When the row was written (parsed on demand: a drained backlog never needs it). */
        public Instant createdAt() {
            return Instant.parse(createdAtText);
        }
    }

    private final Store store;

    public Outbox(Store store) {
        this.store = store;
    }

    /** The hooks that write outbox rows; Store.open installs them. */
    static void install(Store store) {
        store.setMeasurementHook(Outbox::afterMeasurement);
        store.setRunHook(new RunHook() {
            @Override
            public void afterStart(Connection c, long runId) throws SQLException {
                Outbox.afterStart(c, runId);
            }

            @Override
            public void afterFinish(Connection c, long runId, RunState state, String reason) throws SQLException {
                Outbox.afterFinish(c, runId, state, reason);
            }
        });
    }

    // ------------------------------------------------------------------ reading and draining

    /** Up to {@code limit} rows with seq greater than {@code afterSeq}, in seq order. */
    public List<Row> next(long afterSeq, int limit) {
        return store.read("read the outbox", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, topic, kind, payload, qos, retained, "
                    + "created_at FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?")) {
                ps.setLong(1, afterSeq);
                ps.setInt(2, limit);
                List<Row> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getInt(5), rs.getInt(6) == 1, rs.getString(7)));
                    }
                }
                return out;
            }
        });
    }

    /** Deletes acknowledged rows, in one transaction. */
    public void delete(Collection<Long> seqs) {
        if (seqs.isEmpty()) {
            return;
        }
        store.write("delete acknowledged outbox rows", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox WHERE seq = ?")) {
                for (long s : seqs) {
                    ps.setLong(1, s);
                    ps.addBatch();
                }
                return Arrays.stream(ps.executeBatch()).sum();
            }
        });
    }

    /** Rows waiting. */
    public long size() {
        return store.read("count the outbox", c -> scalar(c, "SELECT COUNT(*) FROM outbox"));
    }

    /** Whether no row waits; cheap (one index probe), unlike {@link #size()}. */
    public boolean isEmpty() {
        return store.read("read the outbox", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM outbox LIMIT 1"); ResultSet rs = ps.executeQuery()) {
                return !rs.next();
            }
        });
    }

    /** The highest seq written so far (0 for none). */
    public long maxSeq() {
        return store.read("read the outbox", c -> scalar(c, "SELECT COALESCE(MAX(seq), 0) FROM outbox"));
    }

    /** Deletes every row (a rig with MQTT disabled has nobody to deliver to). */
    public long clear() {
        return store.write("clear the outbox", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox")) {
                return (long) ps.executeUpdate();
            }
        });
    }

    /** Adds a row outside any measurement (tests, the selfbench). */
    public void add(String topic, String kind, String payload, boolean retained) {
        store.write("add an outbox row", c -> {
            insert(c, topic, kind, payload, retained);
            return null;
        });
    }

    /** Adds many rows in one transaction (the selfbench fills a backlog this way). */
    public void addAll(String topic, String kind, List<String> payloads) {
        store.write("add outbox rows", c -> {
            for (String p : payloads) {
                insert(c, topic, kind, p, false);
            }
            return null;
        });
    }

    private static long scalar(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // ------------------------------------------------------------------ topics

    /** A topic level: MQTT wildcards and separators never come from our names. */
    public static String level(String s) {
        return s.replace('/', '_').replace('+', '_').replace('#', '_');
    }

    public static String runTopic(String rig, long runId, String leaf) {
        return PREFIX + level(rig) + "/runs/" + runId + "/" + leaf;
    }

    // ------------------------------------------------------------------ the hooks

    private static void insert(Connection c, String topic, String kind, String payload, boolean retained)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO outbox (topic, kind, payload, qos, retained, created_at) VALUES (?, ?, ?, 1, ?, ?)")) {
            ps.setString(1, topic);
            ps.setString(2, kind);
            ps.setString(3, payload);
            ps.setInt(4, retained ? 1 : 0);
            ps.setString(5, Store.text(Instant.now()));
            ps.executeUpdate();
        }
    }

    private static String rigOf(Connection c, long runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT rig FROM runs WHERE id = ?")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no run " + runId);
                }
                return rs.getString(1);
            }
        }
    }

    /** The JSON of one measurement on the wire (without "historical", which the publisher adds). */
    public static ObjectNode measurementJson(String rig, Measurement m) {
        HeapUse heap = m.heap() == null ? HeapUse.none() : m.heap();
        ObjectNode o = JSON.createObjectNode();
        o.put("id", m.id());
        o.put("rig", rig);
        o.put("run", m.runId());
        o.put("target", m.target());
        o.put("benchmark", m.benchmark());
        o.put("tier", m.tier());
        o.put("repetition", m.repetition());
        o.put("mode", m.mode().name().toLowerCase(Locale.ROOT));
        o.put("time_ns", m.timeNs());
        o.put("wall_ns", m.wallNs());
        o.put("heap_free_before", heap.freeBefore());
        o.put("heap_free_after", heap.freeAfter());
        o.put("heap_free_after_collect", heap.freeAfterCollect());
        o.put("peak_rss_kb", heap.peakRssKb());
        o.put("check", m.check());
        o.put("outcome", m.outcome().label());
        o.put("failure_detail", m.outcome().detail());
        o.put("at", Store.text(m.at()));
        if (m.energy() == null) {
            o.putNull("energy");
        } else {
            ObjectNode e = o.putObject("energy");
            e.put("millijoules", m.energy().millijoules());
            e.put("average_milliamps", m.energy().averageMilliamps());
            e.put("peak_milliamps", m.energy().peakMilliamps());
            e.put("samples", m.energy().samples());
            e.put("window_ns", m.energy().windowNs());
            e.put("instrument", m.energy().instrument());
            e.put("simulated", m.energy().simulated());
            e.put("flags", m.energy().flags());
        }
        if (m.host() == null) {
            o.putNull("host");
        } else {
            ObjectNode h = o.putObject("host");
            HostValue.putAll(m.host(), (k, v) -> h.set(k, JSON.valueToTree(v)));
        }
        if (m.latency() == null) {
            o.putNull("latency");
        } else {
            ObjectNode l = o.putObject("latency");
            Latency.putAll(m.latency(), (k, v) -> l.set(k, JSON.valueToTree(v)));
        }
        return o;
    }

    private static void afterMeasurement(Connection c, Measurement m) throws SQLException {
        String rig = rigOf(c, m.runId());
        insert(c, runTopic(rig, m.runId(), "measurements"), "measurement",
                measurementJson(rig, m).toString(), false);
        long count;
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM measurements WHERE run_id = ?")) {
            ps.setLong(1, m.runId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                count = rs.getLong(1);
            }
        }
        ObjectNode e = event("progress", rig, m.runId());
        e.put("measurements", count);
        e.put("target", m.target());
        e.put("benchmark", m.benchmark());
        e.put("last", m.id());
        insert(c, runTopic(rig, m.runId(), "events"), "event", e.toString(), false);
    }

    private static ObjectNode event(String name, String rig, long runId) {
        ObjectNode e = JSON.createObjectNode();
        e.put("event", name);
        e.put("rig", rig);
        e.put("run", runId);
        e.put("at", Store.text(Instant.now()));
        return e;
    }

    private static void afterStart(Connection c, long runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT rig, suite, repetitions, targets, started_at, config_hash FROM runs WHERE id = ?")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no run " + runId);
                }
                String rig = rs.getString(1);
                ObjectNode e = event("started", rig, runId);
                e.put("suite", rs.getString(2));
                e.put("repetitions", rs.getInt(3));
                ArrayNode targets = e.putArray("targets");
                String t = rs.getString(4);
                if (t != null && !t.isEmpty()) {
                    Arrays.stream(t.split(",")).forEach(targets::add);
                }
                e.put("started_at", rs.getString(5));
                e.put("config_hash", rs.getString(6));
                insert(c, runTopic(rig, runId, "events"), "event", e.toString(), false);
            }
        }
    }

    private static void afterFinish(Connection c, long runId, RunState state, String reason) throws SQLException {
        String rig = rigOf(c, runId);
        ObjectNode e = event(state == RunState.INTERRUPTED ? "interrupted" : "finished", rig, runId);
        e.put("state", state.dbValue());
        e.put("reason", reason);
        insert(c, runTopic(rig, runId, "events"), "event", e.toString(), false);
        for (ObjectNode latest : latest(c, rig, runId)) {
            insert(c, PREFIX + level(rig) + "/latest/" + level(latest.get("target").asText()) + "/"
                    + level(latest.get("benchmark").asText()), "latest", latest.toString(), true);
        }
    }

    /** One retained summary per target and benchmark of the run: per mode, n and time statistics. */
    private static List<ObjectNode> latest(Connection c, String rig, long runId) throws SQLException {
        Map<String, Map<String, List<Long>>> times = new TreeMap<>();
        Map<String, Map<String, Map<String, Integer>>> outcomes = new TreeMap<>();
        Map<String, String> tiers = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT target, benchmark, mode, time_ns, outcome, tier FROM measurements WHERE run_id = ? "
                        + "ORDER BY target, benchmark, mode, repetition")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getString(1) + "\u0000" + rs.getString(2);
                    String mode = rs.getString(3);
                    long t = rs.getLong(4);
                    boolean hasTime = !rs.wasNull();
                    String outcome = rs.getString(5);
                    tiers.put(key, rs.getString(6));
                    List<Long> list = times.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(mode, k -> new ArrayList<>());
                    if (hasTime && "ok".equals(outcome)) {
                        list.add(t);
                    }
                    outcomes.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(mode, k -> new TreeMap<>())
                            .merge(outcome, 1, Integer::sum);
                }
            }
        }
        List<ObjectNode> out = new ArrayList<>();
        String at = Store.text(Instant.now());
        for (var entry : times.entrySet()) {
            String[] tb = entry.getKey().split("\u0000", 2);
            ObjectNode o = JSON.createObjectNode();
            o.put("rig", rig);
            o.put("run", runId);
            o.put("target", tb[0]);
            o.put("benchmark", tb[1]);
            o.put("tier", tiers.get(entry.getKey()));
            o.put("at", at);
            ObjectNode modes = o.putObject("modes");
            for (var byMode : entry.getValue().entrySet()) {
                ObjectNode mo = modes.putObject(byMode.getKey());
                ObjectNode oc = mo.putObject("outcomes");
                outcomes.get(entry.getKey()).get(byMode.getKey()).forEach(oc::put);
                List<Long> ts = byMode.getValue();
                mo.put("n_ok", ts.size());
                if (!ts.isEmpty()) {
                    Summary s = Summary.of(ts.stream().mapToDouble(Long::doubleValue).toArray());
                    mo.put("median_ns", Math.round(s.median()));
                    mo.put("min_ns", Math.round(s.min()));
                    mo.put("max_ns", Math.round(s.max()));
                    if (Double.isFinite(s.spreadRatioPercent())) {
                        mo.put("spread_percent", s.spreadRatioPercent());
                    }
                }
            }
            out.add(o);
        }
        return out;
    }
}
