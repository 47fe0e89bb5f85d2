package org.benchrig.store;

import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import org.benchrig.result.WarmupValue;

/** The warm-up values of each run's host worker processes, in the run's store: one row per {@link WarmupValue}. */
public final class WarmupRecords {
    private static final RecordRows<WarmupValue> ROWS =
            RecordRows.of(WarmupValue.class, "warmup_values", Map.of("index", "i"), "run_id");

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
            try (PreparedStatement ps = c.prepareStatement(ROWS.columns().insertOrReplace())) {
                for (WarmupValue v : values) {
                    Sql.bind(ps, ROWS.columns().values(v, runId));
                    ps.addBatch();
                }
                return ps.executeBatch().length;
            }
        });
    }

    /** Every warm-up value of a run, ordered by target, benchmark, process, index. */
    public List<WarmupValue> of(long runId) {
        return store.read("read warm-up values of run " + runId, c -> Sql.list(c,
                ROWS.select("WHERE run_id = ? ORDER BY target, benchmark, process, i"), ROWS::read, runId));
    }
}
