package org.benchrig.bench;

import java.time.Instant;
import java.util.function.Consumer;
import org.benchrig.config.HostConfig;
import org.benchrig.host.HostInterpreter;
import org.benchrig.host.HostException;
import org.benchrig.host.HostRunner;
import org.benchrig.host.ScalingRunner;
import org.benchrig.result.FailureClass;
import org.benchrig.result.ScalingPoint;
import java.util.List;
import org.benchrig.host.HostSample;
import org.benchrig.result.HeapUse;
import org.benchrig.result.Measurement;
import org.benchrig.store.TargetInfo;

/**
 * Runs benchmarks on a desktop interpreter, always both ways: cold (a fresh process per sample,
 * start-up and JIT warm-up included) and warm (steady state in one process). Reporting PyPy cold
 * only is the classic mistake this avoids.
 */
public final class HostTarget implements Target {
    private final HostConfig config;
    private final HostRunner runner;
    private final java.nio.file.Path harnessDir;

    public HostTarget(HostConfig config, Catalog catalog) {
        this.config = config;
        this.harnessDir = catalog.hostRunner().getParent();
        this.runner = new HostRunner(config, harnessDir, catalog.benchmarkDir());
    }

    @Override
    public String id() {
        return config.id();
    }

    @Override
    public String tier() {
        return config.tier();
    }

    @Override
    public int measurementsPer(int repetitions) {
        return 2 * repetitions;
    }

    @Override
    public TargetInfo prepare() {
        HostInterpreter i = runner.interpreter();
        String details = "command=" + i.command() + (config.cpus().isEmpty() ? "" : ";cpus=" + config.cpus());
        return new TargetInfo(config.id(), "host", i.implementation(), i.version(), i.executable(), null, null,
                System.getProperty("os.arch"), details);
    }

    /** The concurrency workloads, unpinned: {@code cpus:} would keep processes from the other cores. */
    @Override
    public void concurrency(long runId, Consumer<ScalingPoint> sink) {
        String exe;
        try {
            exe = runner.interpreter().executable();
        } catch (HostException e) {
            for (ScalingPoint.Workload w : ScalingPoint.Workload.values()) {
                sink.accept(ScalingPoint.notRun(runId, id(), w.key(), FailureClass.INFRASTRUCTURE, e.getMessage()));
            }
            return;
        }
        new ScalingRunner(id(), List.of(exe), harnessDir).runAll(runId, ScalingRunner.Settings.DEFAULT, sink);
    }

    @Override
    public void run(Benchmark b, RunSettings s, Consumer<Measurement> sink) {
        String tier = b.hasTier(config.tier()) ? config.tier() : "s";
        Consumer<HostSample> toMeasurement = h -> sink.accept(new Measurement(
                s.measurementId(id(), b.name(), h.mode(), h.repetition()), s.runId(), id(), b.name(), tier,
                h.repetition(), h.mode(), h.timeNs(), h.wallNs(), new HeapUse(null, null, null, h.peakRssKb()),
                h.check(), h.outcome(), Instant.now()));
        runner.runCold(b.name(), tier, s.repetitions(), s.benchmarkTimeout(), toMeasurement);
        runner.runWarm(b.name(), tier, s.repetitions(), s.benchmarkTimeout(), toMeasurement);
    }
}
