package org.benchrig.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.benchrig.result.FailureClass;
import org.benchrig.result.Measurement;
import org.benchrig.result.Mode;
import org.benchrig.result.Outcome;
import org.benchrig.result.ScalingPoint;
import org.benchrig.store.ScalingRecords;
import org.benchrig.store.BenchmarkInfo;
import org.benchrig.store.RunState;
import org.benchrig.store.Store;
import org.benchrig.store.TargetInfo;
import org.benchrig.store.WarmupRecords;

/**
 * Executes a {@link RunPlan}: one worker per target, in parallel, except that a host's benchmark
 * runs alone ({@link QuietGate}); every measurement is committed to the store as it arrives, then
 * handed to the listener. A target that fails to come up is
 * recorded as failed measurements and the run goes on with the others.
 */
public final class Orchestrator {
    private final Store store;
    private final RunListener listener;

    public Orchestrator(Store store, RunListener listener) {
        this.store = store;
        this.listener = listener;
    }

    /** Runs the plan to its end and returns the run id. */
    public long run(RunPlan plan) {
        long runId = store.startRun(plan.rig(), plan.suite(), plan.targetIds(), plan.repetitions(), plan.configHash());
        return runWithId(runId, plan);
    }

    /** Runs a plan whose run row exists already (the caller wanted the id early, e.g. for a shutdown hook). */
    public long runWithId(long runId, RunPlan plan) {
        for (Benchmark b : plan.benchmarks()) {
            String tiers = plan.targets().stream().map(Target::tier).distinct().sorted().collect(Collectors.joining(","));
            String params = plan.targets().stream().map(Target::tier).distinct().sorted()
                    .map(t -> t + ":" + b.params(t)).collect(Collectors.joining(";"));
            String expect = plan.targets().stream().map(Target::tier).distinct().sorted()
                    .map(t -> t + ":" + b.expect().get(t)).collect(Collectors.joining(";"));
            if (b.perfBench()) {   // each target picks its bm_params key; the expected value is CPython's
                tiers = String.join(",", new java.util.TreeSet<>(b.tiers().keySet()));
                params = new java.util.TreeSet<>(b.tiers().keySet()).stream().map(t -> t + ":" + b.params(t))
                        .collect(Collectors.joining(";"));
                expect = "CPython's value for the key each target runs";
            }
            // a file that says which app it stands for (APP) is counted in that row of the matrix by app class
            String cls = b.appClass() != null && !b.appClass().isEmpty() ? b.appClass() : b.workloadClass();
            store.recordBenchmark(runId, new BenchmarkInfo(b.name(), cls, tiers, params, b.sha256(), expect));
        }
        WarmupRecords warmups = new WarmupRecords(store);
        RunSettings settings = new RunSettings(plan.rig(), runId, plan.suite(), plan.repetitions(), plan.benchmarkTimeout(),
                new QuietGate(), w -> warmups.add(runId, w));
        listener.started(runId, plan);
        Map<String, String> problems = new ConcurrentHashMap<>();
        ExecutorService workers = Executors.newFixedThreadPool(Math.max(1, plan.targets().size()), r -> {
            Thread t = new Thread(r, "target-worker");
            t.setDaemon(true);
            return t;
        });
        AtomicBoolean anyPrepared = new AtomicBoolean(false);
        List<Future<?>> futures = new ArrayList<>();
        for (Target target : plan.targets()) {
            futures.add(workers.submit(() -> {
                Thread.currentThread().setName("target-" + target.id());
                String problem = runTarget(target, plan, settings, anyPrepared);
                if (problem != null) {
                    problems.put(target.id(), problem);
                }
                listener.targetFinished(target.id(), problem);
            }));
        }
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
            store.finishRun(runId, RunState.INTERRUPTED, "controller interrupted");
            listener.finished(runId, "interrupted");
            return runId;
        } catch (ExecutionException e) {
            // what crashed it, for the user's error line (the stack trace goes with the cause)
            throw new IllegalStateException("a target worker crashed: " + e.getCause(), e.getCause());
        } finally {
            workers.shutdown();
        }
        if (plan.concurrency() && anyPrepared.get()) {
            runConcurrency(runId, plan, problems);
        }
        RunState state = anyPrepared.get() ? RunState.DONE : RunState.FAILED;
        String reason = problems.isEmpty() ? null : problems.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; "));
        store.finishRun(runId, state, reason);
        listener.finished(runId, state.name().toLowerCase());
        return runId;
    }

    /** Returns null when the target ran, or why it could not. */
    private String runTarget(Target target, RunPlan plan, RunSettings settings, AtomicBoolean anyPrepared) {
        target.warnings(message -> listener.warning(target.id(), message));
        try {
            TargetInfo info = target.prepare();
            store.recordTarget(settings.runId(), info);
            anyPrepared.set(true);
        } catch (RuntimeException e) {
            String why = "not available: " + e.getMessage();
            for (Benchmark b : plan.benchmarks()) {
                record(settings.failure(target.id(), b, target.tier(), Mode.COLD, 0,
                        Outcome.failed(FailureClass.INFRASTRUCTURE, why)));
            }
            return why;
        }
        for (Benchmark b : plan.benchmarks()) {
            if (Thread.currentThread().isInterrupted()) {
                return "interrupted";
            }
            listener.benchmarkStarted(target.id(), b);
            try {
                settings.gate().run(target.needsQuietCpu(), () -> target.run(b, settings, this::record));
            } catch (RuntimeException e) { // a bug of ours: record it, keep the other benchmarks going
                record(settings.failure(target.id(), b, target.tier(), Mode.COLD, 0,
                        Outcome.failed(FailureClass.CONTROLLER, e.getClass().getSimpleName() + ": " + e.getMessage())));
            }
        }
        try {
            target.finish();
        } catch (RuntimeException e) {
            return "final check failed: " + e.getMessage();
        }
        return null;
    }

    /**
     * The concurrency workloads, one target at a time after all benchmarks: they measure what
     * several cores do, so nothing else may run meanwhile. Targets that could not be prepared are skipped.
     */
    private void runConcurrency(long runId, RunPlan plan, Map<String, String> problems) {
        ScalingRecords records = new ScalingRecords(store);
        for (Target target : plan.targets()) {
            if (Thread.currentThread().isInterrupted() || problems.containsKey(target.id())) {
                continue;
            }
            listener.concurrencyStarted(target.id());
            try {
                target.concurrency(runId, p -> {
                    records.add(p);
                    listener.scaled(p);
                });
            } catch (RuntimeException e) { // a bug of ours: recorded, the run goes on
                ScalingPoint p = ScalingPoint.notRun(runId, target.id(), ScalingPoint.Workload.CPU.key(),
                        FailureClass.CONTROLLER, e.getClass().getSimpleName() + ": " + e.getMessage());
                records.add(p);
                listener.scaled(p);
            }
        }
    }

    private void record(Measurement m) {
        store.addMeasurement(m);
        listener.measured(m);
    }
}
