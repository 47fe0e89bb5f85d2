package org.benchrig.store;

import java.util.List;
import java.util.Objects;

/**
 * What each target and benchmark was in a run ({@code run_targets}, {@code run_benchmarks}), so
 * every number can say how it was obtained. Recording one again replaces it.
 */
final class RunMetadata {

    private static final Columns<TargetInfo> TARGETS = Columns.<TargetInfo>of("run_targets", "run_id")
            .column("target_id", TargetInfo::targetId)
            .column("kind", TargetInfo::kind)
            .column("interpreter", TargetInfo::interpreter)
            .column("version", TargetInfo::version)
            .column("executable", TargetInfo::executable)
            .column("firmware_hash", TargetInfo::firmwareHash)
            .column("firmware_version", TargetInfo::firmwareVersion)
            .column("machine", TargetInfo::machine)
            .column("details", TargetInfo::details)
            .build();

    private static final Columns<BenchmarkInfo> BENCHMARKS = Columns.<BenchmarkInfo>of("run_benchmarks", "run_id")
            .column("name", BenchmarkInfo::name)
            .column("class", BenchmarkInfo::workloadClass)
            .column("tier", BenchmarkInfo::tier)
            .column("params", BenchmarkInfo::params)
            .column("source_hash", BenchmarkInfo::sourceHash)
            .column("expect", BenchmarkInfo::expect)
            .build();

    private final Database db;

    RunMetadata(Database db) {
        this.db = db;
    }

    void recordTarget(long runId, TargetInfo t) {
        Objects.requireNonNull(t.targetId(), "targetId");
        db.write("record target " + t.targetId() + " of run " + runId,
                c -> Sql.update(c, TARGETS.upsert("run_id", "target_id"), TARGETS.values(t, runId)));
    }

    void recordBenchmark(long runId, BenchmarkInfo b) {
        Objects.requireNonNull(b.name(), "name");
        db.write("record benchmark " + b.name() + " of run " + runId,
                c -> Sql.update(c, BENCHMARKS.upsert("run_id", "name"), BENCHMARKS.values(b, runId)));
    }

    /** The targets recorded for a run, by target id. */
    List<TargetInfo> targets(long runId) {
        return db.read("read targets of run " + runId, c -> Sql.list(c,
                TARGETS.select("WHERE run_id = ? ORDER BY target_id"),
                r -> new TargetInfo(r.text("target_id"), r.text("kind"), r.text("interpreter"), r.text("version"),
                        r.text("executable"), r.text("firmware_hash"), r.text("firmware_version"),
                        r.text("machine"), r.text("details")),
                runId));
    }

    /** The benchmarks recorded for a run, by name. */
    List<BenchmarkInfo> benchmarks(long runId) {
        return db.read("read benchmarks of run " + runId, c -> Sql.list(c,
                BENCHMARKS.select("WHERE run_id = ? ORDER BY name"),
                r -> new BenchmarkInfo(r.text("name"), r.text("class"), r.text("tier"), r.text("params"),
                        r.text("source_hash"), r.text("expect")),
                runId));
    }
}
