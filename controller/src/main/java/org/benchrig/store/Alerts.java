package org.benchrig.store;

import java.util.List;
import java.util.Optional;
import org.benchrig.store.Store.AlertRow;

/** The {@code alerts} table: regression steps found over the history, each stored once. */
final class Alerts {

    private static final RecordRows<AlertRow> ROWS = RecordRows.withGeneratedKey(AlertRow.class, "alerts", "id");

    private final Database db;

    Alerts(Database db) {
        this.db = db;
    }

    /** Stores an alert unless the same step was stored before; returns the stored row if new. */
    Optional<AlertRow> add(AlertRow a) {
        return db.write("add alert", c -> Sql.insert(c,
                ROWS.columns().insert("ON CONFLICT (benchmark, target, mode, step_run_id) DO NOTHING"),
                ROWS.columns().values(a)).map(a::withId));
    }

    /** Alerts, newest first. */
    List<AlertRow> newest(int limit) {
        return db.read("read alerts", c -> Sql.list(c, ROWS.select("ORDER BY id DESC LIMIT ?"), ROWS::read, limit));
    }
}
