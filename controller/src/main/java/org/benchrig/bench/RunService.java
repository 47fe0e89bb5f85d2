package org.benchrig.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.benchrig.config.RigConfig;
import org.benchrig.store.RunState;
import org.benchrig.store.Store;
import org.benchrig.time.Deadline;

/**
 * The orchestration API that the CLI, the web UI, MQTT and the scheduler use: runs execute one
 * at a time (boards serve one run at a time), later requests queue behind the current one, and
 * every listener sees every run's events.
 */
public final class RunService implements AutoCloseable {
    /** Suites that run the concurrency workloads unless a request says otherwise (~25 s on the default rig). */
    public static final List<String> CONCURRENCY_SUITES = List.of("default", "nightly");

    private final Rig rig;
    private final Store store;
    private final Catalog catalog;
    private final List<RunListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService queue = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "run-queue");
        t.setDaemon(true);
        return t;
    });
    /**
     * How long a run waits for a board command the daemon serves (an exec is bounded by its
     * --timeout, 30 s by default; an upload by 2 minutes).
     */
    static final Duration WAIT_FOR_COMMAND = Duration.ofMinutes(10);

    private final AtomicLong current = new AtomicLong(-1);

    public RunService(Rig rig, Store store, Catalog catalog) {
        this.rig = rig;
        this.store = store;
        this.catalog = catalog;
    }

    public RigConfig config() {
        return rig.config();
    }

    public Rig rig() {
        return rig;
    }

    public Store store() {
        return store;
    }

    public Catalog catalog() {
        return catalog;
    }

    public void addListener(RunListener l) {
        listeners.add(l);
    }

    /** The id of the run executing now, if any. */
    public Optional<Long> currentRun() {
        long id = current.get();
        return id < 0 ? Optional.empty() : Optional.of(id);
    }

    /** Checks a request against the config and catalog and fills in the defaults. */
    public RunPlan plan(RunRequest req) {
        RigConfig cfg = rig.config();
        String suite = req.suite() != null ? req.suite() : cfg.run().suite();
        int reps = req.repetitions() != null ? req.repetitions() : cfg.run().repetitions();
        if (reps < 1) {
            throw new IllegalArgumentException("repetitions must be at least 1, got " + reps);
        }
        List<String> ids = req.targets().isEmpty() || req.targets().equals(List.of("all")) ? cfg.targetIds() : req.targets();
        List<Target> targets = new ArrayList<>();
        for (String id : ids) {
            if (!cfg.targetIds().contains(id)) {
                throw new IllegalArgumentException("no target '" + id + "' in " + cfg.source() + "; targets: " + cfg.targetIds());
            }
            cfg.board(id).ifPresent(b -> targets.add(new BoardTarget(rig, b, catalog.harnessFile(), catalog.perfBench())));
            cfg.host(id).ifPresent(h -> targets.add(new HostTarget(h, catalog)));
        }
        boolean concurrency = req.concurrency() != null ? req.concurrency() : CONCURRENCY_SUITES.contains(suite);
        return new RunPlan(cfg.rig(), suite, catalog.resolve(suite), targets, reps,
                Duration.ofSeconds(cfg.run().benchmarkTimeoutSeconds()), Hashes.sha256(cfg.source()), concurrency);
    }

    /** Runs now, on the caller's thread (the CLI); the run's row exists before the first measurement. */
    public long runNow(RunPlan plan, RunListener extra) {
        long runId = store.startRun(plan.rig(), plan.suite(), plan.targetIds(), plan.repetitions(), plan.configHash());
        List<BoardClaims.Claim> held = new ArrayList<>();
        current.set(runId);
        rig.setPurpose("run " + runId);
        try {
            for (Target t : plan.targets()) {
                if (t instanceof BoardTarget) {
                    held.add(rig.claims().claim(t.id(), "run " + runId, Deadline.in(WAIT_FOR_COMMAND)));
                }
            }
            new Orchestrator(store, fanOut(extra)).runWithId(runId, plan);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            store.finishRunIfRunning(runId, RunState.INTERRUPTED, "stopped while waiting for a board command to finish");
        } catch (org.benchrig.board.BoardBusy e) {
            store.finishRunIfRunning(runId, RunState.FAILED, e.getMessage());
            throw e;
        } finally {
            held.forEach(BoardClaims.Claim::close);
            current.set(-1);
            rig.setPurpose("benchrig (idle, pid " + ProcessHandle.current().pid() + ")");
        }
        return runId;
    }

    /** Queues a run behind the current one; returns at once. Bad requests fail here, not later. */
    public Future<Long> submit(RunRequest req) {
        RunPlan plan = plan(req);
        return queue.submit(() -> runNow(plan, null));
    }

    private RunListener fanOut(RunListener extra) {
        List<RunListener> all = new ArrayList<>(listeners);
        if (extra != null) {
            all.add(extra);
        }
        return RunListeners.fanOut(all);
    }

    @Override
    public void close() {
        queue.shutdownNow();
    }
}
