package org.benchrig.store;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What each target and benchmark was in a run ({@code run_targets}, {@code run_benchmarks}), so
 * every number can say how it was obtained. Recording one again replaces it.
 */
final class RunMetadata {

    private static final RecordRows<TargetInfo> TARGETS = RecordRows.of(TargetInfo.class, "run_targets", "run_id");

    private static final RecordRows<BenchmarkInfo> BENCHMARKS =
            RecordRows.of(BenchmarkInfo.class, "run_benchmarks", Map.of("workloadClass", "class"), "run_id");

    private final Database db;

    RunMetadata(Database db) {
        this.db = db;
    }

    void recordTarget(long runId, TargetInfo t) {
        Objects.requireNonNull(t.targetId(), "targetId");
        db.write("record target " + t.targetId() + " of run " + runId, c -> Sql.update(c,
                TARGETS.columns().upsert("run_id", "target_id"), TARGETS.columns().values(t, runId)));
    }

    void recordBenchmark(long runId, BenchmarkInfo b) {
        Objects.requireNonNull(b.name(), "name");
        db.write("record benchmark " + b.name() + " of run " + runId, c -> Sql.update(c,
                BENCHMARKS.columns().upsert("run_id", "name"), BENCHMARKS.columns().values(b, runId)));
    }

    /** The targets recorded for a run, by target id. */
    List<TargetInfo> targets(long runId) {
        return db.read("read targets of run " + runId, c -> Sql.list(c,
                TARGETS.select("WHERE run_id = ? ORDER BY target_id"), TARGETS::read, runId));
    }

    /** The benchmarks recorded for a run, by name. */
    List<BenchmarkInfo> benchmarks(long runId) {
        return db.read("read benchmarks of run " + runId, c -> Sql.list(c,
                BENCHMARKS.select("WHERE run_id = ? ORDER BY name"), BENCHMARKS::read, runId));
    }
}
