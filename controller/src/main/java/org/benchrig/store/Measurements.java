package org.benchrig.store;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.benchrig.result.HeapUse;
import org.benchrig.result.Measurement;

/** The {@code measurements} table: adding one in its own transaction, and the queries over them. */
final class Measurements {
    private final Database db;
    private final Hooks hooks;

    Measurements(Database db, Hooks hooks) {
        this.db = db;
        this.hooks = hooks;
    }

    /**
     * Commits one measurement in its own transaction. Idempotent on the measurement id: a second
     * insert of the same id changes nothing and returns false. Only the id conflict is ignored; any
     * other constraint (unknown run, bad mode) fails loudly rather than dropping the measurement.
     */
    boolean add(Measurement m) {
        Objects.requireNonNull(m.id(), "id");
        Objects.requireNonNull(m.target(), "target");
        Objects.requireNonNull(m.benchmark(), "benchmark");
        Objects.requireNonNull(m.mode(), "mode");
        Objects.requireNonNull(m.outcome(), "outcome");
        Objects.requireNonNull(m.at(), "at");
        return db.write("add measurement " + m.id(), c -> {
            boolean inserted = Sql.update(c, MeasurementColumns.COLUMNS.insert("ON CONFLICT (id) DO NOTHING"),
                    MeasurementColumns.COLUMNS.values(m)) == 1;
            if (inserted) {
                hooks.measurement().afterInsert(c, m);   // e.g. the outbox row, same transaction
            }
            return inserted;
        });
    }

    /**
     * The measurements of a run, ordered by target, benchmark, mode (cold first), repetition.
     * {@code heap} is never null: a target that reported nothing gives {@link HeapUse#none()}.
     */
    List<Measurement> ofRun(long runId) {
        return db.read("read measurements of run " + runId, c -> Sql.list(c,
                MeasurementColumns.COLUMNS.select("WHERE run_id = ? ORDER BY target, benchmark, mode, repetition, id"),
                MeasurementColumns::read, runId));
    }

    /**
     * The newest {@code limit} measurements of one benchmark on one target, across runs, oldest
     * first (the history chart). Served by the (benchmark, target, at) index: cost grows with
     * {@code limit}, not with the size of the store.
     */
    List<Measurement> history(String benchmark, String target, int limit) {
        return db.read("read history of " + benchmark + " on " + target, c -> {
            List<Measurement> out = Sql.list(c, MeasurementColumns.COLUMNS.select(
                    "INDEXED BY measurements_benchmark_target_at WHERE benchmark = ? AND target = ? "
                            + "ORDER BY at DESC LIMIT ?"),
                    MeasurementColumns::read, benchmark, target, limit);
            Collections.reverse(out);
            return out;
        });
    }

    /** The distinct targets that ran {@code benchmark}, for the history page's choices. */
    List<String> targetsOf(String benchmark) {
        return db.read("read targets of " + benchmark, c -> Sql.list(c,
                "SELECT DISTINCT target FROM measurements INDEXED BY measurements_benchmark_target_at"
                        + " WHERE benchmark = ? ORDER BY target", r -> r.text("target"), benchmark));
    }
}
