package org.benchrig.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
            Optional<Long> mapped = Sql.first(c, "SELECT run_id FROM hub_runs WHERE rig = ? AND rig_run_id = ?",
                    r -> r.int64("run_id"), rig, rigRunId);
            String targetText = targets == null ? "" : String.join(",", targets);
            int reps = repetitions == null ? 0 : repetitions;
            if (mapped.isEmpty()) {
                long id = Sql.insert(c, "INSERT INTO runs (rig, suite, state, started_at, repetitions, targets, reason) "
                                + "VALUES (?, ?, 'running', ?, ?, ?, ?)",
                        rig, suite == null ? "?" : suite, startedAt, reps, targetText, "rig " + rig + " run " + rigRunId)
                        .orElseThrow();
                Sql.update(c, "INSERT INTO hub_runs (rig, rig_run_id, run_id) VALUES (?, ?, ?)", rig, rigRunId, id);
                return id;
            }
            if (suite != null) {
                Sql.update(c, "UPDATE runs SET suite = ?, repetitions = ?, targets = ?, "
                        + "started_at = COALESCE(started_at, ?) WHERE id = ?", suite, reps, targetText, startedAt,
                        mapped.get());
            }
            return mapped.get();
        });
    }

    /** A rig's run ended: its state, reason and end instant. */
    public void finish(String rig, long rigRunId, RunState state, String reason, Instant at) {
        long id = run(rig, rigRunId, null, null, null, null);
        store.write("finish hub run " + id, c -> Sql.update(c,
                "UPDATE runs SET state = ?, ended_at = ?, reason = ? WHERE id = ?", state.dbValue(), at, reason, id));
    }

    public void rigStatus(String rig, String status) {
        store.write("record status of rig " + rig, c -> Sql.update(c,
                "INSERT INTO hub_rigs (rig, status, updated_at) VALUES (?, ?, ?) "
                        + "ON CONFLICT (rig) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at",
                rig, status, Instant.now()));
    }

    public void boardState(String rig, String board, String json) {
        store.write("record board state " + rig + "/" + board, c -> Sql.update(c,
                "INSERT INTO hub_boards (rig, board, state, updated_at) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (rig, board) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
                rig, board, json, Instant.now()));
    }

    /** Every rig heard of, with its last status. */
    public Map<String, String> rigs() {
        return store.read("list rigs", c -> {
            Map<String, String> out = new LinkedHashMap<>();
            for (String[] rig : Sql.list(c, "SELECT rig, status FROM hub_rigs ORDER BY rig",
                    r -> new String[] {r.text("rig"), r.text("status")})) {
                out.put(rig[0], rig[1]);
            }
            return out;
        });
    }

    /** (rig, rig run id, hub run id) for every mapped run. */
    public record MappedRun(String rig, long rigRunId, long runId) {
    }

    public List<MappedRun> mappedRuns() {
        return store.read("list hub runs", c -> Sql.list(c, "SELECT rig, rig_run_id, run_id FROM hub_runs ORDER BY run_id",
                r -> new MappedRun(r.text("rig"), r.int64("rig_run_id"), r.int64("run_id"))));
    }
}
