package org.benchrig.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A hub's writes into its own store: every rig's runs, each mapped from (rig, the rig's run id) to
 * a run id of this store, and what it last heard of each rig and board. Measurements go through
 * {@link Store#addMeasurement}, which is idempotent on the measurement id.
 */
public final class HubStore {
    private final Store store;

    public HubStore(Store store) {
        this.store = store;
    }

    public Store store() {
        return store;
    }

    /**
     * The hub run id for a rig's run, creating the run (state running) when it is new. The details
     * (suite, targets, repetitions, started_at) fill in what an earlier placeholder left empty.
     */
    public long run(String rig, long rigRunId, String suite, List<String> targets, Integer repetitions,
                    Instant startedAt) {
        return store.write("map run " + rig + "/" + rigRunId, c -> {
            Long id = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT run_id FROM hub_runs WHERE rig = ? AND rig_run_id = ?")) {
                ps.setString(1, rig);
                ps.setLong(2, rigRunId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        id = rs.getLong(1);
                    }
                }
            }
            String targetText = targets == null ? null : String.join(",", targets);
            String started = startedAt == null ? null : Store.text(startedAt);
            if (id == null) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO runs (rig, suite, state, started_at, repetitions, targets, reason) "
                                + "VALUES (?, ?, 'running', ?, ?, ?, ?)", java.sql.Statement.RETURN_GENERATED_KEYS)) {
                    ps.setString(1, rig);
                    ps.setString(2, suite == null ? "?" : suite);
                    ps.setString(3, started);
                    ps.setInt(4, repetitions == null ? 0 : repetitions);
                    ps.setString(5, targetText == null ? "" : targetText);
                    ps.setString(6, "rig " + rig + " run " + rigRunId);
                    ps.executeUpdate();
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        keys.next();
                        id = keys.getLong(1);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO hub_runs (rig, rig_run_id, run_id) VALUES (?, ?, ?)")) {
                    ps.setString(1, rig);
                    ps.setLong(2, rigRunId);
                    ps.setLong(3, id);
                    ps.executeUpdate();
                }
            } else if (suite != null) {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE runs SET suite = ?, repetitions = ?, targets = ?, "
                                + "started_at = COALESCE(started_at, ?) WHERE id = ?")) {
                    ps.setString(1, suite);
                    ps.setInt(2, repetitions == null ? 0 : repetitions);
                    ps.setString(3, targetText == null ? "" : targetText);
                    ps.setString(4, started);
                    ps.setLong(5, id);
                    ps.executeUpdate();
                }
            }
            return id;
        });
    }

    /** A rig's run ended: its state, reason and end instant. */
    public void finish(String rig, long rigRunId, RunState state, String reason, Instant at) {
        long id = run(rig, rigRunId, null, null, null, null);
        store.write("finish hub run " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE runs SET state = ?, ended_at = ?, reason = ? WHERE id = ?")) {
                ps.setString(1, state.dbValue());
                ps.setString(2, Store.text(at));
                ps.setString(3, reason);
                ps.setLong(4, id);
                return ps.executeUpdate();
            }
        });
    }

    public void rigStatus(String rig, String status) {
        store.write("record status of rig " + rig, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO hub_rigs (rig, status, updated_at) VALUES (?, ?, ?) "
                            + "ON CONFLICT (rig) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at")) {
                ps.setString(1, rig);
                ps.setString(2, status);
                ps.setString(3, Store.text(Instant.now()));
                return ps.executeUpdate();
            }
        });
    }

    public void boardState(String rig, String board, String json) {
        store.write("record board state " + rig + "/" + board, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO hub_boards (rig, board, state, updated_at) VALUES (?, ?, ?, ?) "
                            + "ON CONFLICT (rig, board) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at")) {
                ps.setString(1, rig);
                ps.setString(2, board);
                ps.setString(3, json);
                ps.setString(4, Store.text(Instant.now()));
                return ps.executeUpdate();
            }
        });
    }

    /** Every rig heard of, with its last status. */
    public Map<String, String> rigs() {
        return store.read("list rigs", c -> {
            Map<String, String> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT rig, status FROM hub_rigs ORDER BY rig");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
            return out;
        });
    }

    /** (rig, rig run id, hub run id) for every mapped run. */
    public record MappedRun(String rig, long rigRunId, long runId) {
    }

    public List<MappedRun> mappedRuns() {
        return store.read("list hub runs", c -> {
            List<MappedRun> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT rig, rig_run_id, run_id FROM hub_runs ORDER BY run_id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new MappedRun(rs.getString(1), rs.getLong(2), rs.getLong(3)));
                }
            }
            return out;
        });
    }

}
