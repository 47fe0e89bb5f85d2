package org.benchrig.store;

import java.io.IOException;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code runs} table: a run's life (started by this controller process, then done, failed or
 * interrupted, also when its controller died) and the queries over runs.
 */
final class Runs {

    /** Two start instants of one pid closer than this are taken as the same process. */
    private static final Duration SAME_PROCESS_START = Duration.ofSeconds(2);

    private static final String COLUMNS =
            "id, rig, suite, state, started_at, ended_at, repetitions, targets, config_hash, "
                    + "controller_pid, reason";

    private static final String CONTROLLER_DIED = "controller died";

    private final Database db;
    private final Hooks hooks;

    Runs(Database db, Hooks hooks) {
        this.db = db;
        this.hooks = hooks;
    }

    /** Records a new run in state running, owned by this controller process; returns its id. */
    long start(String rig, String suite, List<String> targets, int repetitions, String configHash) {
        Objects.requireNonNull(rig, "rig");
        Objects.requireNonNull(suite, "suite");
        for (String target : targets) {
            if (target.contains(",")) {
                throw new IllegalArgumentException("target id contains a comma: " + target);
            }
        }
        ProcessHandle self = ProcessHandle.current();
        Instant selfStart = self.info().startInstant().orElse(null);
        return db.write("start run", c -> {
            long id = Sql.insert(c, "INSERT INTO runs (rig, suite, state, started_at, repetitions, targets, "
                            + "config_hash, controller_pid, controller_host, controller_start) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    rig, suite, RunState.RUNNING.dbValue(), Instant.now(), repetitions, String.join(",", targets),
                    configHash, self.pid(), Host.NAME, selfStart).orElseThrow();
            hooks.run().afterStart(c, id);
            return id;
        });
    }

    /** Ends a run: done, failed or interrupted, with a reason (may be null for done). */
    void finish(long runId, RunState state, String reason) {
        requireFinal(state, "finishRun");
        if (db.write("finish run " + runId, c -> finish(c, runId, state, reason, false)) == 0) {
            throw new StoreException("no run " + runId + " in database " + db.path());
        }
    }

    /** Ends a run only if it is still running; returns whether this call ended it. */
    boolean finishIfRunning(long runId, RunState state, String reason) {
        requireFinal(state, "finishRunIfRunning");
        return db.write("finish run " + runId, c -> finish(c, runId, state, reason, true)) > 0;
    }

    private static void requireFinal(RunState state, String what) {
        if (!state.isFinal()) {
            throw new IllegalArgumentException(what + " needs a final state, not " + state);
        }
    }

    /** Sets the run's final state (only while it runs, if asked) and tells the hook; returns the rows changed. */
    private int finish(Connection c, long runId, RunState state, String reason, boolean onlyIfRunning)
            throws SQLException {
        int n = Sql.update(c, "UPDATE runs SET state = ?, ended_at = ?, reason = ? WHERE id = ?"
                + (onlyIfRunning ? " AND state = 'running'" : ""), state.dbValue(), Instant.now(), reason, runId);
        if (n > 0) {
            hooks.run().afterFinish(c, runId, state, reason);
        }
        return n;
    }

    /**
     * Marks every run left in state running by a controller of this host that is gone (its pid is
     * not alive, or the pid now belongs to a process started at another time) as interrupted with
     * reason "controller died". Runs of other hosts are left alone. Measurements stay.
     *
     * @return how many runs were interrupted
     */
    int interruptOrphaned() {
        return db.write("interrupt orphaned runs", c -> {
            List<Long> orphans = new ArrayList<>();
            for (Owner owner : Sql.list(c, "SELECT id, controller_pid, controller_start FROM runs WHERE state = ? "
                            + "AND (controller_host IS NULL OR controller_host = ?)",
                    r -> new Owner(r.int64("id"), r.integer("controller_pid"), r.instant("controller_start")),
                    RunState.RUNNING.dbValue(), Host.NAME)) {
                if (owner.pid() == null || !controllerAlive(owner.pid(), owner.start())) {
                    orphans.add(owner.runId());
                }
            }
            int interrupted = 0;
            for (long id : orphans) {
                interrupted += finish(c, id, RunState.INTERRUPTED, CONTROLLER_DIED, true);
            }
            return interrupted;
        });
    }

    /** The controller process recorded with a running run. */
    private record Owner(long runId, Long pid, Instant start) {
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

    /** Runs, newest first. */
    List<RunInfo> list(int limit, int offset) {
        return db.read("list runs", c -> Sql.list(c,
                "SELECT " + COLUMNS + " FROM runs ORDER BY id DESC LIMIT ? OFFSET ?", Runs::runInfo, limit, offset));
    }

    Optional<RunInfo> get(long id) {
        return db.read("read run " + id, c -> Sql.first(c,
                "SELECT " + COLUMNS + " FROM runs WHERE id = ?", Runs::runInfo, id));
    }

    private static RunInfo runInfo(Sql.Cells r) throws SQLException {
        String targets = r.text("targets");
        return new RunInfo(
                r.int64("id"),
                r.text("rig"),
                r.text("suite"),
                RunState.fromDb(r.text("state")),
                r.instant("started_at"),
                r.instant("ended_at"),
                r.int32("repetitions"),
                targets == null || targets.isEmpty() ? List.of() : List.of(targets.split(",")),
                r.text("config_hash"),
                r.int64("controller_pid"),
                r.text("reason"));
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
