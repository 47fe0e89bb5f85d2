package org.benchrig.host;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import org.benchrig.config.HostConfig;
import org.benchrig.result.FailureClass;
import org.benchrig.result.HarnessFrame;
import org.benchrig.result.HostValue;
import org.benchrig.result.Mode;
import org.benchrig.result.Outcome;
import org.benchrig.result.WarmupValue;
import org.benchrig.time.Deadline;

/**
 * Runs benchmarks on one host interpreter (CPython, PyPy) by pyperf's protocol: cold, a fresh
 * process of {@code cold.py} per sample, the whole process timed and split into start-up, import
 * and first call; warm, calibrated values from several {@code hostrun.py} worker processes, each
 * warmed up to steady state (see {@link WarmProtocol} and hostrun.py's docstring).
 *
 * <p>Every fault becomes a classified sample (never a hang, never an exception to the caller), and
 * every process started here is gone when a method returns, also on timeout and interrupt. On
 * interrupt the method returns early with the thread's interrupt flag set and delivers no further samples.
 * This class decides what to run and what its frames count as; {@link HostCommands} builds the
 * command lines and {@link HostProcess} runs one process within its deadline.
 */
public final class HostRunner {
    /** Budget for running the interpreter once to resolve its real executable. */
    static final Duration DETECT_BUDGET = Duration.ofSeconds(10);
    /**
     * Every worker calibrates its loops from 1 (not from the first process's loops, as pyperf's
     * workers do), so each process's warm-up curve starts at its first call; hostrun.py scales
     * straight to the needed loops once a value lasts 1 ms, so this costs a few ms per process.
     */
    static final long CURVE_FROM_LOOPS = 1;

    private final HostConfig cfg;
    private final HostCommands commands;
    private volatile HostInterpreter interpreter;
    private volatile Consumer<ProcessHandle> onStart = h -> { };

    public HostRunner(HostConfig cfg, Path harnessDir, Path benchmarkDir) {
        this.cfg = Objects.requireNonNull(cfg);
        this.commands = new HostCommands(cfg.cpus(), harnessDir, benchmarkDir);
    }

    private HostRunner(HostRunner base, Path benchmarkDir) {
        this.cfg = base.cfg;
        this.commands = base.commands.in(benchmarkDir);
        this.interpreter = base.interpreter;
        this.onStart = base.onStart;
    }

    /** This runner for the benchmarks of another directory (a user's): same interpreter, same settings. */
    public HostRunner in(Path benchmarkDir) {
        if (benchmarkDir.toAbsolutePath().normalize().equals(commands.benchmarkDir())) {
            return this;
        }
        return new HostRunner(this, benchmarkDir);
    }

    /** Test hook: sees every benchmark process right after it started. */
    void onProcessStart(Consumer<ProcessHandle> listener) {
        this.onStart = Objects.requireNonNull(listener);
    }

    /**
     * The interpreter this runner starts, resolved once. Processes are started with its real
     * executable, not the configured command, so a shim (pyenv's bash wrapper costs ~50 ms per
     * spawn here) does not inflate cold wall times.
     */
    public HostInterpreter interpreter() {
        HostInterpreter i = interpreter;
        if (i == null) {
            i = HostInterpreter.detect(cfg, Deadline.in(DETECT_BUDGET));
            interpreter = i;
        }
        return i;
    }

    /**
     * {@code processes} cold samples: each a fresh process of {@code cold.py} (import of the
     * benchmark, first call, nothing else of the harness before it), timed from spawn to the end
     * of the first call, each right after a {@code -c pass} process of the same interpreter that
     * gives the interpreter's start-up in the same conditions.
     */
    public void runCold(String bench, String tier, Object expected, int processes, Duration timeoutPerProcess,
                        Consumer<HostSample> sink) {
        String exe = executableOr(processes, Mode.COLD, sink);
        if (exe == null) {
            return;
        }
        for (int rep = 0; rep < processes; rep++) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            Long startup = startupNanos(exe, timeoutPerProcess);
            HarnessFrame[] cold = new HarnessFrame[1];
            long[] arrived = new long[1];
            HostProcess.Result r = process().run(commands.cold(exe, bench, tier), bench, timeoutPerProcess, (f, at) -> {
                if (cold[0] == null && "cold".equals(f.get("kind"))) {
                    cold[0] = f;
                    arrived[0] = at;
                }
            });
            if (r.end() == HostProcess.End.INTERRUPTED) {
                return;
            }
            if (cold[0] == null) {
                sink.accept(new HostSample(Mode.COLD, rep, null, null, null, null, r.failure(timeoutPerProcess),
                        HostValue.cold(rep, startup, null, null)));
                continue;
            }
            HarnessFrame f = cold[0];
            Long end = f.number("end_mono_ns");
            // Same clock (CLOCK_MONOTONIC) on both sides; the frame's arrival is the fallback bound.
            long wall = end != null && end >= r.startedAt() && end <= arrived[0] ? end - r.startedAt() : arrived[0] - r.startedAt();
            sink.accept(new HostSample(Mode.COLD, rep, f.number("first_call_ns"), wall, f.number("maxrss_kb"), check(f),
                    decide(f, expected), HostValue.cold(rep, startup, f.number("import_ns"), f.number("first_call_ns")),
                    f.latency()));
        }
    }

    /**
     * Warm values by {@code protocol}: worker processes of {@code hostrun.py} one after another
     * within {@code timeout} for all of them; each calibrates its loops from 1
     * ({@link #CURVE_FROM_LOOPS}). A failure ends the benchmark: its missing values are delivered as that failure.
     */
    public void runWarm(String bench, String tier, Object expected, WarmProtocol protocol, Duration timeout,
                        Consumer<HostSample> sink) {
        runWarm(bench, tier, expected, protocol, timeout, sink, w -> { });
    }

    /**
     * As {@link #runWarm(String, String, Object, WarmProtocol, Duration, Consumer)}, also handing
     * each worker process's ok warm-up values to {@code curves} when the process ends (one list
     * per process, in its order): with its values they are the process's warm-up curve.
     */
    public void runWarm(String bench, String tier, Object expected, WarmProtocol protocol, Duration timeout,
                        Consumer<HostSample> sink, Consumer<List<WarmupValue>> curves) {
        String exe = executableOr(protocol.values(), Mode.WARM, sink);
        if (exe == null) {
            return;
        }
        Deadline deadline = Deadline.in(timeout);
        List<Double> processMedians = new ArrayList<>();
        long loops = 1;
        int rep = 0;
        for (int proc = 0; proc < protocol.maxProcesses(); proc++) {
            if (proc >= protocol.processes() && relativeStandardError(processMedians) <= WarmProtocol.MORE_PROCESSES_ERROR) {
                return;
            }
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            List<HarnessFrame> values = new ArrayList<>();
            List<WarmupValue> warm = new ArrayList<>();
            int process = proc;
            HarnessFrame[] last = new HarnessFrame[2];   // [0] the process line, [1] the first failed frame
            Duration left = Duration.ofNanos(Math.max(1, deadline.remainingNanos()));
            HostProcess.Result r = process().run(commands.worker(exe, bench, tier, protocol, CURVE_FROM_LOOPS, proc), bench, left, (f, at) -> {
                switch (f.get("kind")) {
                    case "proc" -> last[0] = f;
                    case "value" -> values.add(f);
                    case "warmup" -> warmupOf(f, bench, process, warm.size(), expected).ifPresent(warm::add);
                    default -> { }
                }
                if (last[1] == null && !"proc".equals(f.get("kind")) && !"ok".equals(f.get("outcome"))) {
                    last[1] = f;
                }
            });
            if (r.end() == HostProcess.End.INTERRUPTED) {
                return;
            }
            curves.accept(List.copyOf(warm));
            HarnessFrame pl = last[0];
            int warmups = pl == null || pl.number("warmups") == null ? 0 : pl.number("warmups").intValue();
            boolean steady = pl != null && "1".equals(pl.get("steady"));
            Long rss = pl == null ? null : pl.number("maxrss_kb");
            boolean failed = false;
            List<Double> perCall = new ArrayList<>();
            for (HarnessFrame v : values) {
                Long valueNs = v.number("value_ns");
                Long l = v.number("loops");
                Outcome o = decide(v, expected);
                failed |= !o.isOk() || valueNs == null || l == null || l < 1;
                long n = l == null || l < 1 ? 1 : l;
                sink.accept(new HostSample(Mode.WARM, rep++, valueNs == null ? null : Math.round((double) valueNs / n), null,
                        rss, check(v), o, HostValue.warm((int) n, proc, warmups, steady, valueNs == null ? 0 : valueNs),
                        v.latency()));
                if (valueNs != null) {
                    perCall.add((double) valueNs / n);
                }
                loops = n;
            }
            if (failed || values.size() < protocol.values() || pl == null) {
                Outcome missing = last[1] != null ? decide(last[1], expected) : pl == null ? r.failure(left)
                        : Outcome.failed(FailureClass.CONTROLLER, "worker process gave " + values.size() + " of "
                        + protocol.values() + " values");
                for (int i = values.size(); i < protocol.values(); i++) {
                    sink.accept(new HostSample(Mode.WARM, rep++, null, null, rss, null, missing,
                            HostValue.warm((int) loops, proc, warmups, false, 0)));
                }
                return;
            }
            processMedians.add(median(perCall));
        }
    }

    /** An ok warm-up frame as a {@link WarmupValue} (numbered {@code index}), else empty: a failure ends the curve. */
    private Optional<WarmupValue> warmupOf(HarnessFrame f, String bench, int process, int index, Object expected) {
        Long valueNs = f.number("value_ns");
        Long l = f.number("loops");
        if (valueNs == null || l == null || l < 1 || !decide(f, expected).isOk()) {
            return Optional.empty();
        }
        return Optional.of(new WarmupValue(cfg.id(), bench, process, index, l, valueNs));
    }

    /**
     * The standard error of the mean of the per-process medians, relative to that mean; 0 for
     * fewer than two. It shrinks with more processes, so a noisy host earns processes until its
     * mean is known well enough, and a steady one stops at the preset's count.
     */
    static double relativeStandardError(List<Double> medians) {
        int n = medians.size();
        if (n < 2) {
            return 0;
        }
        double mean = medians.stream().mapToDouble(Double::doubleValue).sum() / n;
        double ss = medians.stream().mapToDouble(m -> (m - mean) * (m - mean)).sum();
        return mean <= 0 ? 0 : Math.sqrt(ss / (n - 1) / n) / mean;
    }

    private static double median(List<Double> xs) {
        double[] v = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length == 0 ? 0 : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /**
     * The controller decides from the frame's check and the catalog's EXPECT. The harness's own
     * verdict is not needed as a cross-check here: host frames travel on a local pipe of their own.
     */
    static Outcome decide(HarnessFrame f, Object expected) {
        return expected == null ? f.outcome() : f.decide(expected).outcome();
    }

    /** Wall time of {@code exe -c pass}, spawn to exit; null when it did not end cleanly in time. */
    private Long startupNanos(String exe, Duration timeout) {
        HostProcess.Result r = process().run(commands.startup(exe), "", timeout, (f, at) -> { });
        return r.clean() ? r.exitedAt() - r.startedAt() : null;
    }

    /** Starts this runner's processes (each sees the test hook). */
    private HostProcess process() {
        return new HostProcess(cfg, onStart);
    }

    private String executableOr(int reps, Mode mode, Consumer<HostSample> sink) {
        try {
            return interpreter().executable();
        } catch (HostException e) {
            Outcome o = Outcome.failed(FailureClass.INFRASTRUCTURE, e.getMessage());
            for (int i = 0; i < reps; i++) {
                sink.accept(new HostSample(mode, i, null, null, null, null, o,
                        mode == Mode.COLD ? HostValue.cold(i, null, null, null) : HostValue.warm(1, 0, 0, false, 0)));
            }
            return null;
        }
    }

    private static String check(HarnessFrame f) {
        String c = f.get("check");
        return c.isEmpty() && !f.fields().containsKey("check") ? null : c;
    }
}
