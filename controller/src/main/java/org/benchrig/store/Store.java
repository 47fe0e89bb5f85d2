package org.benchrig.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.benchrig.result.HeapUse;
import org.benchrig.result.Measurement;

/**
 * The rig's SQLite store: the source of truth for runs and measurements. It opens the file
 * ({@link Database}: Flyway migrations, WAL, one writer and one reader connection, thread-safe) and
 * hands each call to the part that owns the table: {@link Runs}, {@link RunMetadata},
 * {@link Measurements}, {@link ScheduleState}, {@link Alerts}. Each write is its own transaction.
 */
public final class Store implements AutoCloseable {

    /** Where Flyway finds the V-numbered migrations, inside the jar as in the source tree. */
    public static final String MIGRATIONS = Database.MIGRATIONS;

    private final Database db;
    private final Runs runs;
    private final RunMetadata metadata;
    private final Measurements measurements;
    private final ScheduleState schedules;
    private final Alerts alerts;
    private final Hooks hooks = new Hooks();

    private Store(Database db) {
        this.db = db;
        this.runs = new Runs(db, hooks);
        this.metadata = new RunMetadata(db);
        this.measurements = new Measurements(db, hooks);
        this.schedules = new ScheduleState(db);
        this.alerts = new Alerts(db);
    }

    /**
     * Opens (creating it and its parent folders if needed) and migrates the database file. It writes
     * MQTT outbox rows only once {@link Outbox#install} gave it the messages to queue (mqtt does).
     */
    public static Store open(Path dbFile) {
        return openWithoutOutbox(dbFile);
    }

    /** As {@link #open}: a hub's store, which never gets outbox messages installed. */
    public static Store openWithoutOutbox(Path dbFile) {
        return new Store(Database.open(dbFile));
    }

    /** The database file. */
    public Path path() {
        return db.path();
    }

    // ---------------------------------------------------------------- runs

    /** Records a new run in state running, owned by this controller process; returns its id. */
    public long startRun(String rig, String suite, List<String> targets, int repetitions, String configHash) {
        return runs.start(rig, suite, targets, repetitions, configHash);
    }

    /** Ends a run: done, failed or interrupted, with a reason (may be null for done). */
    public void finishRun(long runId, RunState state, String reason) {
        runs.finish(runId, state, reason);
    }

    /**
     * Ends a run only if it is still running (a signal handler racing the normal end of a run).
     *
     * @return whether this call ended it
     */
    public boolean finishRunIfRunning(long runId, RunState state, String reason) {
        return runs.finishIfRunning(runId, state, reason);
    }

    /**
     * Marks every run left running by a controller of this host that is gone as interrupted with
     * reason "controller died" (see {@link Runs#interruptOrphaned}). Measurements stay.
     *
     * @return how many runs were interrupted
     */
    public int interruptOrphanedRuns() {
        return runs.interruptOrphaned();
    }

    /** Runs, newest first. */
    public List<RunInfo> runs(int limit, int offset) {
        return runs.list(limit, offset);
    }

    public Optional<RunInfo> run(long id) {
        return runs.get(id);
    }

    /** The run with the highest id, whatever its state. */
    public Optional<RunInfo> latestRun() {
        return runs.list(1, 0).stream().findFirst();
    }

    // ---------------------------------------------------------------- run metadata

    /** Records (or replaces) what a target was in this run. */
    public void recordTarget(long runId, TargetInfo t) {
        metadata.recordTarget(runId, t);
    }

    /** Records (or replaces) a benchmark as it was run in this run. */
    public void recordBenchmark(long runId, BenchmarkInfo b) {
        metadata.recordBenchmark(runId, b);
    }

    /** The targets recorded for a run, by target id. */
    public List<TargetInfo> targets(long runId) {
        return metadata.targets(runId);
    }

    /** The benchmarks recorded for a run, by name. */
    public List<BenchmarkInfo> benchmarks(long runId) {
        return metadata.benchmarks(runId);
    }

    // ---------------------------------------------------------------- measurements

    /**
     * Commits one measurement in its own transaction. Idempotent on the measurement id: a second
     * insert of the same id changes nothing and returns false. Only the id conflict is ignored; any
     * other constraint (unknown run, bad mode) fails loudly rather than dropping the measurement.
     *
     * @return true when the measurement was new
     */
    public boolean addMeasurement(Measurement m) {
        return measurements.add(m);
    }

    /**
     * The measurements of a run, ordered by target, benchmark, mode (cold first), repetition.
     * {@code heap} is never null: a target that reported nothing gives {@link HeapUse#none()}.
     */
    public List<Measurement> measurements(long runId) {
        return measurements.ofRun(runId);
    }

    /**
     * The newest {@code limit} measurements of one benchmark on one target, across runs, oldest
     * first (the history chart); cost grows with {@code limit}, not with the size of the store.
     */
    public List<Measurement> history(String benchmark, String target, int limit) {
        return measurements.history(benchmark, target, limit);
    }

    /** The distinct targets that ran {@code benchmark}, for the history page's choices. */
    public List<String> historyTargets(String benchmark) {
        return measurements.targetsOf(benchmark);
    }

    /** Installs the hook that runs inside each new measurement's transaction (the outbox). */
    void setMeasurementHook(MeasurementHook hook) {
        hooks.install(hook);
    }

    /** Installs the hook that runs inside each run start and end transaction (the outbox's run events). */
    void setRunHook(RunHook hook) {
        hooks.install(hook);
    }

    // ---------------------------------------------------------------- schedules and alerts (V4)

    /** The last slot a schedule fired, if it ever did. */
    public Optional<Instant> lastScheduleSlot(String scheduleKey) {
        return schedules.lastSlot(scheduleKey);
    }

    /** Records that a schedule fired (or caught up with) {@code slot}. */
    public void recordScheduleSlot(String scheduleKey, Instant slot, String note) {
        schedules.recordSlot(scheduleKey, slot, note);
    }

    /** A regression alert as stored; {@code id} is 0 before it is stored. */
    public record AlertRow(long id, String rig, String benchmark, String target, String mode, long stepRunId,
                           Instant stepAt, double beforeNs, double afterNs, double change, double pValue,
                           String direction, Instant detectedAt, Long detectedBy) {

        /** The same alert under the id the store gave it. */
        AlertRow withId(long newId) {
            return new AlertRow(newId, rig, benchmark, target, mode, stepRunId, stepAt, beforeNs, afterNs, change,
                    pValue, direction, detectedAt, detectedBy);
        }
    }

    /** Stores an alert unless the same step was stored before; returns the stored row if new. */
    public Optional<AlertRow> addAlert(AlertRow a) {
        return alerts.add(a);
    }

    /** Alerts, newest first (the web UI's history marks these). */
    public List<AlertRow> alerts(int limit) {
        return alerts.newest(limit);
    }

    // ---------------------------------------------------------------- for the store's other tables

    /** Runs {@code work} in one BEGIN IMMEDIATE transaction on the writer connection. */
    <T> T write(String what, Database.SqlWork<T> work) {
        return db.write(what, work);
    }

    /** Runs {@code work} on the reader connection. */
    <T> T read(String what, Database.SqlWork<T> work) {
        return db.read(what, work);
    }

    /** An instant as the store keeps it: UTC text with nine fraction digits, which sorts in time order. */
    static String text(Instant instant) {
        return Sql.text(instant);
    }

    @Override
    public void close() {
        db.close();
    }
}
