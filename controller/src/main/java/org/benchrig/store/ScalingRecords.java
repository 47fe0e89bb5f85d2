package org.benchrig.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.benchrig.result.FailureClass;
import org.benchrig.result.Outcome;
import org.benchrig.result.ScalingPoint;

/** The concurrency trials of each run, in the run's store: one row per {@link ScalingPoint}. */
public final class ScalingRecords {
    private static final String COLUMNS =
            "run_id, target, workload, kind, workers, trial, ops, wall_ns, start_ns, cores, outcome, failure_detail";

    private final Store store;

    public ScalingRecords(Store store) {
        this.store = store;
    }

    /** Commits one trial in its own transaction; a repeated trial replaces the earlier row. */
    public void add(ScalingPoint p) {
        store.write("add concurrency trial " + p.workload() + "/" + p.kind() + " of " + p.target(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO scaling_points (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, p.runId());
                ps.setString(2, p.target());
                ps.setString(3, p.workload());
                ps.setString(4, p.kind());
                ps.setInt(5, p.workers());
                ps.setInt(6, p.trial());
                Store.setLong(ps, 7, p.ops());
                Store.setLong(ps, 8, p.wallNs());
                Store.setLong(ps, 9, p.startNs());
                ps.setInt(10, p.cores());
                ps.setString(11, p.outcome().label());
                ps.setString(12, p.outcome().detail());
                return ps.executeUpdate();
            }
        });
    }

    /** Every trial of a run, ordered by target, workload, kind, workers, trial. */
    public List<ScalingPoint> of(long runId) {
        return store.read("read concurrency trials of run " + runId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM scaling_points "
                    + "WHERE run_id = ? ORDER BY target, workload, kind, workers, trial")) {
                ps.setLong(1, runId);
                List<ScalingPoint> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String outcome = rs.getString("outcome");
                        String detail = rs.getString("failure_detail");
                        out.add(new ScalingPoint(rs.getLong("run_id"), rs.getString("target"),
                                rs.getString("workload"), rs.getString("kind"), rs.getInt("workers"),
                                rs.getInt("trial"), Store.getLong(rs, "ops"), Store.getLong(rs, "wall_ns"),
                                Store.getLong(rs, "start_ns"), rs.getInt("cores"),
                                "ok".equals(outcome) ? Outcome.ok() : Outcome.failed(FailureClass.valueOf(outcome), detail)));
                    }
                }
                return out;
            }
        });
    }
}
