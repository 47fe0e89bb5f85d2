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
import org.benchrig.host.Machine;
import org.benchrig.host.WarmProtocol;
import org.benchrig.result.HeapUse;
import org.benchrig.result.Measurement;
import org.benchrig.store.TargetInfo;

/**
 * Runs benchmarks on a desktop interpreter, always both ways: cold (a fresh process per sample,
 * the whole process timed: start-up, import, first call) and warm (calibrated values from several
 * worker processes after warm-up to steady state). Reporting PyPy cold only is the classic
 * mistake this avoids. Its benchmarks need the CPU to themselves.
 */
public final class HostTarget implements Target {
    private final HostConfig config;
    private final HostRunner runner;
    private final java.nio.file.Path harnessDir;
    private final PerfBench perfBench;

    public HostTarget(HostConfig config, Catalog catalog) {
        this.config = config;
        this.harnessDir = catalog.hostRunner().getParent();
        this.runner = new HostRunner(config, harnessDir, catalog.benchmarkDir());
        this.perfBench = catalog.perfBench();
    }

    /**
     * What a desktop interpreter lacks of what perf_bench files may need: MicroPython's code
     * emitters (CPython and PyPy have complex numbers).
     */
    static final java.util.Set<String> LACKS = java.util.Set.of("native", "viper");

    @Override
    public HostConfig config() {
        return config;
    }

    @Override
    public boolean needsQuietCpu() {
        return true;
    }

    @Override
    public int measurementsPer(int repetitions) {
        WarmProtocol p = WarmProtocol.of(config.protocol(), "fast", config.interpreter().contains("pypy"));
        return repetitions + p.processes() * p.values();
    }

    @Override
    public TargetInfo prepare() {
        HostInterpreter i = runner.interpreter();
        String details = "command=" + i.command() + (config.cpus().isEmpty() ? "" : ";cpus=" + config.cpus())
                + ";" + Machine.now().describe();
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

    /** The protocol this host's warm values follow in a run of {@code suite}. */
    public WarmProtocol protocol(String suite) {
        return WarmProtocol.of(config.protocol(), WarmProtocol.forSuite(suite),
                "pypy".equalsIgnoreCase(runner.interpreter().implementation()));
    }

    @Override
    public void run(Benchmark b, RunSettings s, Consumer<Measurement> sink) {
        String tier = b.tierFor(config.tier());
        if (b.perfBench()) {
            PerfBench.Choice c = perfBench.choose(b, new PerfBench.Size(PerfBench.HOST_N, PerfBench.HOST_M), LACKS,
                    "exists only in MicroPython, not in " + config.interpreter(), s.benchmarkTimeout());
            if (!c.runs()) {
                sink.accept(s.failure(id(), b, c.tier(), org.benchrig.result.Mode.COLD, 0, c.skipped()));
                return;
            }
            b = c.benchmark();
            tier = c.tier();
        }
        measure(b, tier, s, sink);
    }

    private void measure(Benchmark b, String tier, RunSettings s, Consumer<Measurement> sink) {
        HostRunner runner = this.runner.in(b.file().getParent());
        Object expected = b.expect().get(tier);
        Consumer<HostSample> toMeasurement = h -> sink.accept(new Measurement(
                s.measurementId(id(), b.name(), h.mode(), h.repetition()), s.runId(), id(), b.name(), tier,
                h.repetition(), h.mode(), h.timeNs(), h.wallNs(), new HeapUse(null, null, null, h.peakRssKb()),
                h.check(), h.outcome(), Instant.now(), null, h.value(), h.latency()));
        runner.runCold(b.name(), tier, expected, s.repetitions(), s.benchmarkTimeout(), toMeasurement);
        runner.runWarm(b.name(), tier, expected, protocol(s.suite()), s.benchmarkTimeout(), toMeasurement, s.warmups());
    }
}
