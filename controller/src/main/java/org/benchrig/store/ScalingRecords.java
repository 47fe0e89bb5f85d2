package org.benchrig.store;

import java.util.List;
import org.benchrig.result.ScalingPoint;

/** The concurrency trials of each run, in the run's store: one row per {@link ScalingPoint}. */
public final class ScalingRecords {
    private static final RecordRows<ScalingPoint> ROWS = RecordRows.of(ScalingPoint.class, "scaling_points");

    private final Store store;

    public ScalingRecords(Store store) {
        this.store = store;
    }

    /** Commits one trial in its own transaction; a repeated trial replaces the earlier row. */
    public void add(ScalingPoint p) {
        store.write("add concurrency trial " + p.workload() + "/" + p.kind() + " of " + p.target(),
                c -> Sql.update(c, ROWS.columns().insertOrReplace(), ROWS.columns().values(p)));
    }

    /** Every trial of a run, ordered by target, workload, kind, workers, trial. */
    public List<ScalingPoint> of(long runId) {
        return store.read("read concurrency trials of run " + runId, c -> Sql.list(c,
                ROWS.select("WHERE run_id = ? ORDER BY target, workload, kind, workers, trial"), ROWS::read, runId));
    }
}
