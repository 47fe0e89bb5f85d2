package org.benchrig.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.benchrig.result.WarmupValue;

/** The warm-up values of each run's host worker processes, in the run's store: one row per {@link WarmupValue}. */
public final class WarmupRecords {
    private final Store store;

    public WarmupRecords(Store store) {
        this.store = store;
    }

    /** Commits one process's warm-up values in one transaction; a repeated one replaces the earlier row. */
    public void add(long runId, List<WarmupValue> values) {
        if (values.isEmpty()) {
            return;
        }
        WarmupValue first = values.get(0);
        store.write("add warm-up values of " + first.benchmark() + " on " + first.target(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO warmup_values "
                    + "(run_id, target, benchmark, process, i, loops, value_ns) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (WarmupValue v : values) {
                    ps.setLong(1, runId);
                    ps.setString(2, v.target());
                    ps.setString(3, v.benchmark());
                    ps.setInt(4, v.process());
                    ps.setInt(5, v.index());
                    ps.setLong(6, v.loops());
                    ps.setLong(7, v.valueNs());
                    ps.addBatch();
                }
                return ps.executeBatch().length;
            }
        });
    }

    /** Every warm-up value of a run, ordered by target, benchmark, process, index. */
    public List<WarmupValue> of(long runId) {
        return store.read("read warm-up values of run " + runId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT target, benchmark, process, i, loops, value_ns "
                    + "FROM warmup_values WHERE run_id = ? ORDER BY target, benchmark, process, i")) {
                ps.setLong(1, runId);
                List<WarmupValue> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new WarmupValue(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
                                rs.getLong(5), rs.getLong(6)));
                    }
                }
                return out;
            }
        });
    }
}
