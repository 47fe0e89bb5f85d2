package org.benchrig.store;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.benchrig.result.Energy;
import org.benchrig.result.FailureClass;
import org.benchrig.result.HeapUse;
import org.benchrig.result.Latency;
import org.benchrig.result.HostValue;
import org.benchrig.result.Measurement;
import org.benchrig.result.Mode;
import org.benchrig.result.Outcome;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The rig's SQLite store: the source of truth for runs and measurements.
 *
 * <p>The schema comes from Flyway migrations in {@code classpath:db/migration}. The file is in WAL
 * mode, so readers (the web UI, a second Store on the same file) see every committed measurement
 * while this Store keeps writing. Thread-safe: writes go through one connection under a lock, each
 * in its own {@code BEGIN IMMEDIATE} transaction; reads use a second connection.
 */
public final class Store implements AutoCloseable {

    /** Where Flyway finds the V-numbered migrations, inside the jar as in the source tree. */
    public static final String MIGRATIONS = "classpath:db/migration";

    /** How long a writer waits for another connection's write lock before failing. */
    static final int BUSY_TIMEOUT_MS = 10_000;

    /** Two start instants of one pid closer than this are taken as the same process. */
    private static final Duration SAME_PROCESS_START = Duration.ofSeconds(2);

    /** UTC, nine fraction digits always: stored instants sort correctly as text. */
    private static final DateTimeFormatter INSTANT_TEXT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'", Locale.ROOT)
                    .withZone(ZoneOffset.UTC);

    private static final String MEASUREMENT_COLUMNS =
            "id, run_id, target, benchmark, tier, repetition, mode, time_ns, wall_ns, free_before, "
                    + "free_after, free_after_collect, peak_rss_kb, check_value, outcome, "
                    + "failure_detail, at, energy_mj, avg_ma, peak_ma, energy_samples, energy_window_ns, "
                    + "instrument, simulated, energy_flags, loops, process, warmups, steady, value_ns, startup_ns, "
                    + "import_ns, first_call_ns, ops, p50_ns, p95_ns, p99_ns";

    private static final String RUN_COLUMNS =
            "id, rig, suite, state, started_at, ended_at, repetitions, targets, config_hash, "
                    + "controller_pid, reason";

    private final Path path;
    private final Connection writer;
    private final Connection reader;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock readLock = new ReentrantLock();
    private volatile boolean closed;
    private volatile MeasurementHook measurementHook = MeasurementHook.NONE;
    private volatile RunHook runHook = RunHook.NONE;

    private Store(Path path, Connection writer, Connection reader) {
        this.path = path;
        this.writer = writer;
        this.reader = reader;
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
        Path path = dbFile.toAbsolutePath().normalize();
        try {
            Path parent = path.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new StoreException("cannot create the folder of database " + path + ": " + e, e);
        }
        SQLiteDataSource dataSource = new SQLiteDataSource(connectionConfig());
        dataSource.setUrl("jdbc:sqlite:" + path);
        migrate(path, dataSource);
        Connection writer = null;
        try {
            writer = dataSource.getConnection();
            Connection reader = dataSource.getConnection();
            return new Store(path, writer, reader);
        } catch (SQLException e) {
            closeQuietly(writer);
            throw new StoreException("cannot open database " + path + ": " + e.getMessage(), e);
        }
    }

    static SQLiteConfig connectionConfig() {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.enforceForeignKeys(true);
        // FULL: a committed measurement survives a power cut of the Pi, at one fsync per commit.
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        return config;
    }

    static void migrate(Path path, SQLiteDataSource dataSource) {
        try {
            Flyway.configure(Store.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(MIGRATIONS)
                    .failOnMissingLocations(true)
                    .validateMigrationNaming(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StoreException("cannot migrate database " + path + ": " + e.getMessage(), e);
        }
    }

    /** The database file. */
    public Path path() {
        return path;
    }

    // ---------------------------------------------------------------- runs

    /** Records a new run in state running, owned by this controller process; returns its id. */
    public long startRun(String rig, String suite, List<String> targets, int repetitions,
                         String configHash) {
        Objects.requireNonNull(rig, "rig");
        Objects.requireNonNull(suite, "suite");
        for (String target : targets) {
            if (target.contains(",")) {
                throw new IllegalArgumentException("target id contains a comma: " + target);
            }
        }
        ProcessHandle self = ProcessHandle.current();
        String selfStart = self.info().startInstant().map(Store::text).orElse(null);
        return write("start run", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO runs (rig, suite, state, started_at, repetitions, targets, "
                            + "config_hash, controller_pid, controller_host, controller_start) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, rig);
                ps.setString(2, suite);
                ps.setString(3, RunState.RUNNING.dbValue());
                ps.setString(4, text(Instant.now()));
                ps.setInt(5, repetitions);
                ps.setString(6, String.join(",", targets));
                ps.setString(7, configHash);
                ps.setLong(8, self.pid());
                ps.setString(9, Host.NAME);
                ps.setString(10, selfStart);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    if (!keys.next()) {
                        throw new SQLException("no id returned for the new run");
                    }
                    long id = keys.getLong(1);
                    runHook.afterStart(c, id);
                    return id;
                }
            }
        });
    }

    /** Ends a run: done, failed or interrupted, with a reason (may be null for done). */
    public void finishRun(long runId, RunState state, String reason) {
        if (!state.isFinal()) {
            throw new IllegalArgumentException("finishRun needs a final state, not " + state);
        }
        int rows = write("finish run " + runId, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE runs SET state = ?, ended_at = ?, reason = ? WHERE id = ?")) {
                ps.setString(1, state.dbValue());
                ps.setString(2, text(Instant.now()));
                ps.setString(3, reason);
                ps.setLong(4, runId);
                int n = ps.executeUpdate();
                if (n > 0) {
                    runHook.afterFinish(c, runId, state, reason);
                }
                return n;
            }
        });
        if (rows == 0) {
            throw new StoreException("no run " + runId + " in database " + path);
        }
    }

    /**
     * Ends a run only if it is still running (a signal handler racing the normal end of a run).
     *
     * @return whether this call ended it
     */
    public boolean finishRunIfRunning(long runId, RunState state, String reason) {
        if (!state.isFinal()) {
            throw new IllegalArgumentException("finishRunIfRunning needs a final state, not " + state);
        }
        return write("finish run " + runId, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE runs SET state = ?, ended_at = ?, reason = ? WHERE id = ? AND state = 'running'")) {
                ps.setString(1, state.dbValue());
                ps.setString(2, text(Instant.now()));
                ps.setString(3, reason);
                ps.setLong(4, runId);
                int n = ps.executeUpdate();
                if (n > 0) {
                    runHook.afterFinish(c, runId, state, reason);
                }
                return n;
            }
        }) > 0;
    }

    /**
     * Marks every run left in state running by a controller of this host that is gone (its pid is
     * not alive, or the pid now belongs to a process started at another time) as interrupted with
     * reason "controller died". Runs of other hosts are left alone. Measurements stay.
     *
     * @return how many runs were interrupted
     */
    public int interruptOrphanedRuns() {
        return write("interrupt orphaned runs", c -> {
            List<Long> orphans = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, controller_pid, controller_start FROM runs WHERE state = ? "
                            + "AND (controller_host IS NULL OR controller_host = ?)")) {
                ps.setString(1, RunState.RUNNING.dbValue());
                ps.setString(2, Host.NAME);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long pid = rs.getLong(2);
                        boolean noPid = rs.wasNull();
                        String start = rs.getString(3);
                        if (noPid || !controllerAlive(pid, start == null ? null : Instant.parse(start))) {
                            orphans.add(rs.getLong(1));
                        }
                    }
                }
            }
            if (orphans.isEmpty()) {
                return 0;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE runs SET state = ?, ended_at = ?, reason = ? WHERE id = ? AND state = ?")) {
                String now = text(Instant.now());
                for (long id : orphans) {
                    ps.setString(1, RunState.INTERRUPTED.dbValue());
                    ps.setString(2, now);
                    ps.setString(3, "controller died");
                    ps.setLong(4, id);
                    ps.setString(5, RunState.RUNNING.dbValue());
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] > 0) {
                        runHook.afterFinish(c, orphans.get(i), RunState.INTERRUPTED, "controller died");
                    }
                }
                return Arrays.stream(counts).sum();
            }
        });
    }

    /** Whether process {@code pid} is alive and, when both start instants are known, the same one. */
    static boolean controllerAlive(long pid, Instant recordedStart) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return false;
        }
        if (recordedStart == null) {
            return true;
        }
        Optional<Instant> start = handle.get().info().startInstant();
        return start.isEmpty()
                || Duration.between(recordedStart, start.get()).abs().compareTo(SAME_PROCESS_START) < 0;
    }

    // ---------------------------------------------------------------- run metadata

    /** Records (or replaces) what a target was in this run. */
    public void recordTarget(long runId, TargetInfo t) {
        Objects.requireNonNull(t.targetId(), "targetId");
        write("record target " + t.targetId() + " of run " + runId, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO run_targets (run_id, target_id, kind, interpreter, version, "
                            + "executable, firmware_hash, firmware_version, machine, details) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                            + "ON CONFLICT (run_id, target_id) DO UPDATE SET kind = excluded.kind, "
                            + "interpreter = excluded.interpreter, version = excluded.version, "
                            + "executable = excluded.executable, firmware_hash = excluded.firmware_hash, "
                            + "firmware_version = excluded.firmware_version, machine = excluded.machine, "
                            + "details = excluded.details")) {
                ps.setLong(1, runId);
                ps.setString(2, t.targetId());
                ps.setString(3, t.kind());
                ps.setString(4, t.interpreter());
                ps.setString(5, t.version());
                ps.setString(6, t.executable());
                ps.setString(7, t.firmwareHash());
                ps.setString(8, t.firmwareVersion());
                ps.setString(9, t.machine());
                ps.setString(10, t.details());
                return ps.executeUpdate();
            }
        });
    }

    /** Records (or replaces) a benchmark as it was run in this run. */
    public void recordBenchmark(long runId, BenchmarkInfo b) {
        Objects.requireNonNull(b.name(), "name");
        write("record benchmark " + b.name() + " of run " + runId, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO run_benchmarks (run_id, name, class, tier, params, source_hash, expect) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?) "
                            + "ON CONFLICT (run_id, name) DO UPDATE SET class = excluded.class, "
                            + "tier = excluded.tier, params = excluded.params, "
                            + "source_hash = excluded.source_hash, expect = excluded.expect")) {
                ps.setLong(1, runId);
                ps.setString(2, b.name());
                ps.setString(3, b.workloadClass());
                ps.setString(4, b.tier());
                ps.setString(5, b.params());
                ps.setString(6, b.sourceHash());
                ps.setString(7, b.expect());
                return ps.executeUpdate();
            }
        });
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
        Objects.requireNonNull(m.id(), "id");
        Objects.requireNonNull(m.target(), "target");
        Objects.requireNonNull(m.benchmark(), "benchmark");
        Objects.requireNonNull(m.mode(), "mode");
        Objects.requireNonNull(m.outcome(), "outcome");
        Objects.requireNonNull(m.at(), "at");
        return write("add measurement " + m.id(), c -> {
            boolean inserted = insertMeasurement(c, m);
            if (inserted) {
                measurementHook.afterInsert(c, m);   // e.g. the outbox row, same transaction
            }
            return inserted;
        });
    }

    /** Installs the hook that runs inside each new measurement's transaction (the outbox). */
    void setMeasurementHook(MeasurementHook hook) {
        this.measurementHook = Objects.requireNonNull(hook);
    }

    /** Installs the hook that runs inside each run start and end transaction (the outbox's run events). */
    void setRunHook(RunHook hook) {
        this.runHook = Objects.requireNonNull(hook);
    }

    private static boolean insertMeasurement(Connection c, Measurement m) throws SQLException {
        HeapUse heap = m.heap() == null ? HeapUse.none() : m.heap();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO measurements (" + MEASUREMENT_COLUMNS + ") "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                        + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (id) DO NOTHING")) {
            ps.setString(1, m.id());
            ps.setLong(2, m.runId());
            ps.setString(3, m.target());
            ps.setString(4, m.benchmark());
            ps.setString(5, m.tier());
            ps.setInt(6, m.repetition());
            ps.setString(7, m.mode().name().toLowerCase(Locale.ROOT));
            setLong(ps, 8, m.timeNs());
            setLong(ps, 9, m.wallNs());
            setLong(ps, 10, heap.freeBefore());
            setLong(ps, 11, heap.freeAfter());
            setLong(ps, 12, heap.freeAfterCollect());
            setLong(ps, 13, heap.peakRssKb());
            ps.setString(14, m.check());
            ps.setString(15, m.outcome().label());
            ps.setString(16, m.outcome().detail());
            ps.setString(17, text(m.at()));
            Energy e = m.energy();
            if (e == null) {
                for (int i = 18; i <= 25; i++) {
                    ps.setNull(i, i == 23 || i == 25 ? Types.VARCHAR : i >= 21 ? Types.INTEGER : Types.REAL);
                }
            } else {
                ps.setDouble(18, e.millijoules());
                ps.setDouble(19, e.averageMilliamps());
                ps.setDouble(20, e.peakMilliamps());
                ps.setInt(21, e.samples());
                ps.setLong(22, e.windowNs());
                ps.setString(23, e.instrument());
                ps.setInt(24, e.simulated() ? 1 : 0);
                ps.setString(25, e.flags() == null ? "" : e.flags());
            }
            HostValue h = m.host();
            setLong(ps, 26, h == null ? null : (long) h.loops());
            setLong(ps, 27, h == null ? null : (long) h.process());
            setLong(ps, 28, h == null ? null : (long) h.warmups());
            setLong(ps, 29, h == null || h.steady() == null ? null : h.steady() ? 1L : 0L);
            setLong(ps, 30, h == null ? null : h.valueNs());
            setLong(ps, 31, h == null ? null : h.startupNs());
            setLong(ps, 32, h == null ? null : h.importNs());
            setLong(ps, 33, h == null ? null : h.firstCallNs());
            Latency lat = m.latency();
            setLong(ps, 34, lat == null ? null : (long) lat.ops());
            setLong(ps, 35, lat == null ? null : lat.p50Ns());
            setLong(ps, 36, lat == null ? null : lat.p95Ns());
            setLong(ps, 37, lat == null ? null : lat.p99Ns());
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * The measurements of a run, ordered by target, benchmark, mode (cold first), repetition.
     * {@code heap} is never null: a target that reported nothing gives {@link HeapUse#none()}.
     */
    public List<Measurement> measurements(long runId) {
        return read("read measurements of run " + runId, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + MEASUREMENT_COLUMNS + " FROM measurements WHERE run_id = ? "
                            + "ORDER BY target, benchmark, mode, repetition, id")) {
                ps.setLong(1, runId);
                List<Measurement> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(measurement(rs));
                    }
                }
                return out;
            }
        });
    }

    private static Measurement measurement(ResultSet rs) throws SQLException {
        String outcome = rs.getString("outcome");
        String detail = rs.getString("failure_detail");
        return new Measurement(
                rs.getString("id"),
                rs.getLong("run_id"),
                rs.getString("target"),
                rs.getString("benchmark"),
                rs.getString("tier"),
                rs.getInt("repetition"),
                Mode.valueOf(rs.getString("mode").toUpperCase(Locale.ROOT)),
                getLong(rs, "time_ns"),
                getLong(rs, "wall_ns"),
                new HeapUse(getLong(rs, "free_before"), getLong(rs, "free_after"),
                        getLong(rs, "free_after_collect"), getLong(rs, "peak_rss_kb")),
                rs.getString("check_value"),
                "ok".equals(outcome) ? new Outcome(null, detail)
                        : new Outcome(FailureClass.valueOf(outcome), detail),
                Instant.parse(rs.getString("at")),
                energy(rs),
                hostValue(rs),
                latency(rs));
    }

    private static Latency latency(ResultSet rs) throws SQLException {
        Long ops = getLong(rs, "ops");
        return ops == null ? null : new Latency(ops.intValue(), getLong(rs, "p50_ns"), getLong(rs, "p95_ns"), getLong(rs, "p99_ns"));
    }

    private static HostValue hostValue(ResultSet rs) throws SQLException {
        Long loops = getLong(rs, "loops");
        if (loops == null) {
            return null;
        }
        Long process = getLong(rs, "process");
        Long warmups = getLong(rs, "warmups");
        Long steady = getLong(rs, "steady");
        return new HostValue(loops.intValue(), process == null ? 0 : process.intValue(),
                warmups == null ? 0 : warmups.intValue(), steady == null ? null : steady == 1,
                getLong(rs, "value_ns"), getLong(rs, "startup_ns"), getLong(rs, "import_ns"), getLong(rs, "first_call_ns"));
    }

    private static Energy energy(ResultSet rs) throws SQLException {
        double mj = rs.getDouble("energy_mj");
        if (rs.wasNull()) {
            return null;
        }
        return new Energy(mj, rs.getDouble("avg_ma"), rs.getDouble("peak_ma"), rs.getInt("energy_samples"),
                rs.getLong("energy_window_ns"), rs.getString("instrument"), rs.getInt("simulated") == 1,
                rs.getString("energy_flags") == null ? "" : rs.getString("energy_flags"));
    }

    /**
     * The newest {@code limit} measurements of one benchmark on one target, across runs, oldest
     * first (the history chart). Served by the (benchmark, target, at) index: cost grows with
     * {@code limit}, not with the size of the store.
     */
    public List<Measurement> history(String benchmark, String target, int limit) {
        return read("read history of " + benchmark + " on " + target, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + MEASUREMENT_COLUMNS + " FROM measurements INDEXED BY measurements_benchmark_target_at"
                            + " WHERE benchmark = ? AND target = ? ORDER BY at DESC LIMIT ?")) {
                ps.setString(1, benchmark);
                ps.setString(2, target);
                ps.setInt(3, limit);
                List<Measurement> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(measurement(rs));
                    }
                }
                java.util.Collections.reverse(out);
                return out;
            }
        });
    }

    /** The distinct targets that ran {@code benchmark}, for the history page's choices. */
    public List<String> historyTargets(String benchmark) {
        return read("read targets of " + benchmark, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT DISTINCT target FROM measurements INDEXED BY measurements_benchmark_target_at"
                            + " WHERE benchmark = ? ORDER BY target")) {
                ps.setString(1, benchmark);
                List<String> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }

    // ---------------------------------------------------------------- run queries

    /** Runs, newest first. */
    public List<RunInfo> runs(int limit, int offset) {
        return read("list runs", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + RUN_COLUMNS + " FROM runs ORDER BY id DESC LIMIT ? OFFSET ?")) {
                ps.setInt(1, limit);
                ps.setInt(2, offset);
                List<RunInfo> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(runInfo(rs));
                    }
                }
                return out;
            }
        });
    }

    public Optional<RunInfo> run(long id) {
        return read("read run " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + RUN_COLUMNS + " FROM runs WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(runInfo(rs)) : Optional.empty();
                }
            }
        });
    }

    /** The run with the highest id, whatever its state. */
    public Optional<RunInfo> latestRun() {
        List<RunInfo> runs = runs(1, 0);
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
    }

    private static RunInfo runInfo(ResultSet rs) throws SQLException {
        String targets = rs.getString("targets");
        long pid = rs.getLong("controller_pid");
        if (rs.wasNull()) {
            pid = 0;
        }
        return new RunInfo(
                rs.getLong("id"),
                rs.getString("rig"),
                rs.getString("suite"),
                RunState.fromDb(rs.getString("state")),
                instant(rs.getString("started_at")),
                instant(rs.getString("ended_at")),
                rs.getInt("repetitions"),
                targets == null || targets.isEmpty() ? List.of() : List.of(targets.split(",")),
                rs.getString("config_hash"),
                pid,
                rs.getString("reason"));
    }

    /** The targets recorded for a run, by target id. */
    public List<TargetInfo> targets(long runId) {
        return read("read targets of run " + runId, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT target_id, kind, interpreter, version, executable, firmware_hash, "
                            + "firmware_version, machine, details FROM run_targets WHERE run_id = ? "
                            + "ORDER BY target_id")) {
                ps.setLong(1, runId);
                List<TargetInfo> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new TargetInfo(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                                rs.getString(8), rs.getString(9)));
                    }
                }
                return out;
            }
        });
    }

    /** The benchmarks recorded for a run, by name. */
    public List<BenchmarkInfo> benchmarks(long runId) {
        return read("read benchmarks of run " + runId, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT name, class, tier, params, source_hash, expect FROM run_benchmarks "
                            + "WHERE run_id = ? ORDER BY name")) {
                ps.setLong(1, runId);
                List<BenchmarkInfo> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new BenchmarkInfo(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6)));
                    }
                }
                return out;
            }
        });
    }

    // ---------------------------------------------------------------- schedules and alerts (V4)

    /** The last slot a schedule fired, if it ever did. */
    public Optional<Instant> lastScheduleSlot(String scheduleKey) {
        return read("read schedule state", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT last_slot FROM schedule_state WHERE schedule_key = ?")) {
                ps.setString(1, scheduleKey);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(Instant.parse(rs.getString(1))) : Optional.empty();
                }
            }
        });
    }

    /** Records that a schedule fired (or caught up with) {@code slot}. */
    public void recordScheduleSlot(String scheduleKey, Instant slot, String note) {
        write("record schedule state", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO schedule_state (schedule_key, last_slot, run_note) VALUES (?, ?, ?) "
                            + "ON CONFLICT (schedule_key) DO UPDATE SET last_slot = excluded.last_slot, "
                            + "run_note = excluded.run_note")) {
                ps.setString(1, scheduleKey);
                ps.setString(2, text(slot));
                ps.setString(3, note);
                return ps.executeUpdate();
            }
        });
    }

    /** A regression alert as stored; {@code id} is 0 before it is stored. */
    public record AlertRow(long id, String rig, String benchmark, String target, String mode, long stepRunId,
                           Instant stepAt, double beforeNs, double afterNs, double change, double pValue,
                           String direction, Instant detectedAt, Long detectedBy) {
    }

    /** Stores an alert unless the same step was stored before; returns the stored row if new. */
    public Optional<AlertRow> addAlert(AlertRow a) {
        return write("add alert", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO alerts (rig, benchmark, target, mode, step_run_id, step_at, before_ns, after_ns, "
                            + "change, p_value, direction, detected_at, detected_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                            + "ON CONFLICT (benchmark, target, mode, step_run_id) DO NOTHING",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, a.rig());
                ps.setString(2, a.benchmark());
                ps.setString(3, a.target());
                ps.setString(4, a.mode());
                ps.setLong(5, a.stepRunId());
                ps.setString(6, text(a.stepAt()));
                ps.setDouble(7, a.beforeNs());
                ps.setDouble(8, a.afterNs());
                ps.setDouble(9, a.change());
                ps.setDouble(10, a.pValue());
                ps.setString(11, a.direction());
                ps.setString(12, text(a.detectedAt()));
                setLong(ps, 13, a.detectedBy());
                if (ps.executeUpdate() == 0) {
                    return Optional.<AlertRow>empty();
                }
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    long id = keys.next() ? keys.getLong(1) : 0;
                    return Optional.of(new AlertRow(id, a.rig(), a.benchmark(), a.target(), a.mode(), a.stepRunId(),
                            a.stepAt(), a.beforeNs(), a.afterNs(), a.change(), a.pValue(), a.direction(),
                            a.detectedAt(), a.detectedBy()));
                }
            }
        });
    }

    /** Alerts, newest first (the web UI's history marks these). */
    public List<AlertRow> alerts(int limit) {
        return read("read alerts", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, rig, benchmark, target, mode, step_run_id, step_at, before_ns, after_ns, change, "
                            + "p_value, direction, detected_at, detected_by FROM alerts ORDER BY id DESC LIMIT ?")) {
                ps.setInt(1, limit);
                List<AlertRow> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long by = rs.getLong(14);
                        Long detectedBy = rs.wasNull() ? null : by;
                        out.add(new AlertRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getLong(6), Instant.parse(rs.getString(7)), rs.getDouble(8),
                                rs.getDouble(9), rs.getDouble(10), rs.getDouble(11), rs.getString(12),
                                Instant.parse(rs.getString(13)), detectedBy));
                    }
                }
                return out;
            }
        });
    }

    // ---------------------------------------------------------------- plumbing

    @FunctionalInterface
    interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in one BEGIN IMMEDIATE transaction on the writer connection. */
    <T> T write(String what, SqlWork<T> work) {
        writeLock.lock();
        try {
            ensureOpen(what);
            try (Statement st = writer.createStatement()) {
                st.execute("BEGIN IMMEDIATE");
            } catch (SQLException e) {
                throw failure(what, e);
            }
            boolean committed = false;
            try {
                T result = work.apply(writer);
                try (Statement st = writer.createStatement()) {
                    st.execute("COMMIT");
                }
                committed = true;
                return result;
            } catch (SQLException e) {
                throw failure(what, e);
            } finally {
                if (!committed) {
                    try (Statement st = writer.createStatement()) {
                        st.execute("ROLLBACK");
                    } catch (SQLException ignored) {
                        // the transaction may already be gone; the original error is what matters
                    }
                }
            }
        } finally {
            writeLock.unlock();
        }
    }

    <T> T read(String what, SqlWork<T> work) {
        readLock.lock();
        try {
            ensureOpen(what);
            return work.apply(reader);
        } catch (SQLException e) {
            throw failure(what, e);
        } finally {
            readLock.unlock();
        }
    }

    private void ensureOpen(String what) {
        if (closed) {
            throw new StoreException("cannot " + what + ": database " + path + " is closed");
        }
    }

    private StoreException failure(String what, SQLException e) {
        return new StoreException("cannot " + what + " in database " + path + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        writeLock.lock();
        readLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            closeQuietly(reader);
            try {
                writer.close();
            } catch (SQLException e) {
                throw failure("close", e);
            }
        } finally {
            readLock.unlock();
            writeLock.unlock();
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing after a failure: nothing more to do
            }
        }
    }

    static String text(Instant instant) {
        return INSTANT_TEXT.format(instant);
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }

    static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setLong(index, value);
        }
    }

    static Long getLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    /** This machine's name, as recorded with each run; looked up once. */
    private static final class Host {
        static final String NAME = lookup();

        private static String lookup() {
            String env = System.getenv("HOSTNAME");
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException | RuntimeException e) {
                return env != null && !env.isBlank() ? env : "localhost";
            }
        }
    }
}
