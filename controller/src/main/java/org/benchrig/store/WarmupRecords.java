package org.benchrig.store;

import java.sql.PreparedStatement;
import java.util.List;
import org.benchrig.result.WarmupValue;

/** The warm-up values of each run's host worker processes, in the run's store: one row per {@link WarmupValue}. */
public final class WarmupRecords {
    private static final Columns<WarmupValue> COLUMNS = Columns.<WarmupValue>of("warmup_values", "run_id")
            .column("target", WarmupValue::target)
            .column("benchmark", WarmupValue::benchmark)
            .column("process", WarmupValue::process)
            .column("i", WarmupValue::index)
            .column("loops", WarmupValue::loops)
            .column("value_ns", WarmupValue::valueNs)
            .build();

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
            try (PreparedStatement ps = c.prepareStatement(COLUMNS.insertOrReplace())) {
                for (WarmupValue v : values) {
                    Sql.bind(ps, COLUMNS.values(v, runId));
                    ps.addBatch();
                }
                return ps.executeBatch().length;
            }
        });
    }

    /** Every warm-up value of a run, ordered by target, benchmark, process, index. */
    public List<WarmupValue> of(long runId) {
        return store.read("read warm-up values of run " + runId, c -> Sql.list(c,
                COLUMNS.select("WHERE run_id = ? ORDER BY target, benchmark, process, i"),
                r -> new WarmupValue(r.text("target"), r.text("benchmark"), r.int32("process"), r.int32("i"),
                        r.int64("loops"), r.int64("value_ns")),
                runId));
    }
}
