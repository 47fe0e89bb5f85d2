package org.benchrig.store;

import java.util.List;
import org.benchrig.result.FailureClass;
import org.benchrig.result.Outcome;
import org.benchrig.result.ScalingPoint;

/** The concurrency trials of each run, in the run's store: one row per {@link ScalingPoint}. */
public final class ScalingRecords {
    private static final Columns<ScalingPoint> COLUMNS = Columns.<ScalingPoint>of("scaling_points")
            .column("run_id", ScalingPoint::runId)
            .column("target", ScalingPoint::target)
            .column("workload", ScalingPoint::workload)
            .column("kind", ScalingPoint::kind)
            .column("workers", ScalingPoint::workers)
            .column("trial", ScalingPoint::trial)
            .column("ops", ScalingPoint::ops)
            .column("wall_ns", ScalingPoint::wallNs)
            .column("start_ns", ScalingPoint::startNs)
            .column("cores", ScalingPoint::cores)
            .column("outcome", p -> p.outcome().label())
            .column("failure_detail", p -> p.outcome().detail())
            .build();

    private final Store store;

    public ScalingRecords(Store store) {
        this.store = store;
    }

    /** Commits one trial in its own transaction; a repeated trial replaces the earlier row. */
    public void add(ScalingPoint p) {
        store.write("add concurrency trial " + p.workload() + "/" + p.kind() + " of " + p.target(),
                c -> Sql.update(c, COLUMNS.insertOrReplace(), COLUMNS.values(p)));
    }

    /** Every trial of a run, ordered by target, workload, kind, workers, trial. */
    public List<ScalingPoint> of(long runId) {
        return store.read("read concurrency trials of run " + runId, c -> Sql.list(c,
                COLUMNS.select("WHERE run_id = ? ORDER BY target, workload, kind, workers, trial"), r -> {
                    String outcome = r.text("outcome");
                    return new ScalingPoint(r.int64("run_id"), r.text("target"), r.text("workload"), r.text("kind"),
                            r.int32("workers"), r.int32("trial"), r.integer("ops"), r.integer("wall_ns"),
                            r.integer("start_ns"), r.int32("cores"), "ok".equals(outcome) ? Outcome.ok()
                                    : Outcome.failed(FailureClass.valueOf(outcome), r.text("failure_detail")));
                }, runId));
    }
}
