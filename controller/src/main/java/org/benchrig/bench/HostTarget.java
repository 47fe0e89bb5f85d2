package org.benchrig.bench;

import java.time.Instant;
import java.util.function.Consumer;
import org.benchrig.config.HostConfig;
import org.benchrig.host.HostInterpreter;
import org.benchrig.host.HostRunner;
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

    public HostTarget(HostConfig config, Catalog catalog) {
        this.config = config;
        this.runner = new HostRunner(config, catalog.hostRunner().getParent(), catalog.benchmarkDir());
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
