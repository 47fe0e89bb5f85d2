package org.benchrig.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.benchrig.result.Measurement;

/**
 * The MQTT outbox: rows written in the same SQLite transaction as the measurement or run change
 * they announce, read and deleted by the publisher once the broker acknowledged them. What the rows
 * say comes from the {@link OutboxMessages} installed (mqtt's); see docs/mqtt.md for the topics and payloads.
 */
public final class Outbox {

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

    /**
     * From now on every new measurement and every run start and end of {@code store} queues the
     * {@code messages} built for it, in its own transaction: a committed change always has its rows.
     */
    public static void install(Store store, OutboxMessages messages) {
        store.setMeasurementHook((c, m) -> afterMeasurement(c, m, messages));
        store.setRunHook(new RunHook() {
            @Override
            public void afterStart(Connection c, long runId) throws SQLException {
                Outbox.afterStart(c, runId, messages);
            }

            @Override
            public void afterFinish(Connection c, long runId, RunState state, String reason) throws SQLException {
                Outbox.afterFinish(c, runId, state, reason, messages);
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

    private static void insertAll(Connection c, List<OutboxMessages.Message> messages) throws SQLException {
        for (OutboxMessages.Message m : messages) {
            insert(c, m.topic(), m.kind(), m.payload(), m.retained());
        }
    }

    private static void afterMeasurement(Connection c, Measurement m, OutboxMessages messages) throws SQLException {
        long count;
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM measurements WHERE run_id = ?")) {
            ps.setLong(1, m.runId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                count = rs.getLong(1);
            }
        }
        insertAll(c, messages.measured(rigOf(c, m.runId()), m, count));
    }

    private static void afterStart(Connection c, long runId, OutboxMessages messages) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT rig, suite, repetitions, targets, started_at, config_hash FROM runs WHERE id = ?")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no run " + runId);
                }
                String t = rs.getString(4);
                List<String> targets = t == null || t.isEmpty() ? List.of() : Arrays.asList(t.split(","));
                insertAll(c, messages.started(new OutboxMessages.Started(rs.getString(1), runId, rs.getString(2),
                        rs.getInt(3), targets, rs.getString(5), rs.getString(6))));
            }
        }
    }

    private static void afterFinish(Connection c, long runId, RunState state, String reason, OutboxMessages messages)
            throws SQLException {
        List<OutboxMessages.Result> results = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT target, benchmark, tier, mode, time_ns, outcome FROM measurements WHERE run_id = ? "
                        + "ORDER BY target, benchmark, mode, repetition")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long t = rs.getLong(5);
                    Long time = rs.wasNull() ? null : t;
                    results.add(new OutboxMessages.Result(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), time, rs.getString(6)));
                }
            }
        }
        insertAll(c, messages.ended(rigOf(c, runId), runId, state, reason, results));
    }
}
