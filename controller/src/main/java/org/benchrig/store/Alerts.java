package org.benchrig.store;

import java.util.List;
import java.util.Optional;
import org.benchrig.store.Store.AlertRow;

/** The {@code alerts} table: regression steps found over the history, each stored once. */
final class Alerts {

    private static final Columns<AlertRow> COLUMNS = Columns.<AlertRow>of("alerts")
            .column("rig", AlertRow::rig)
            .column("benchmark", AlertRow::benchmark)
            .column("target", AlertRow::target)
            .column("mode", AlertRow::mode)
            .column("step_run_id", AlertRow::stepRunId)
            .column("step_at", AlertRow::stepAt)
            .column("before_ns", AlertRow::beforeNs)
            .column("after_ns", AlertRow::afterNs)
            .column("change", AlertRow::change)
            .column("p_value", AlertRow::pValue)
            .column("direction", AlertRow::direction)
            .column("detected_at", AlertRow::detectedAt)
            .column("detected_by", AlertRow::detectedBy)
            .build();

    private final Database db;

    Alerts(Database db) {
        this.db = db;
    }

    /** Stores an alert unless the same step was stored before; returns the stored row if new. */
    Optional<AlertRow> add(AlertRow a) {
        return db.write("add alert", c -> Sql.insert(c,
                COLUMNS.insert("ON CONFLICT (benchmark, target, mode, step_run_id) DO NOTHING"), COLUMNS.values(a))
                .map(a::withId));
    }

    /** Alerts, newest first. */
    List<AlertRow> newest(int limit) {
        return db.read("read alerts", c -> Sql.list(c,
                "SELECT id, " + COLUMNS.names() + " FROM alerts ORDER BY id DESC LIMIT ?",
                r -> new AlertRow(r.int64("id"), r.text("rig"), r.text("benchmark"), r.text("target"), r.text("mode"),
                        r.int64("step_run_id"), r.instant("step_at"), r.real("before_ns"), r.real("after_ns"),
                        r.real("change"), r.real("p_value"), r.text("direction"), r.instant("detected_at"),
                        r.integer("detected_by")),
                limit));
    }
}
