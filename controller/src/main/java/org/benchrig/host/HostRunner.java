package org.benchrig.host;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.benchrig.config.HostConfig;
import org.benchrig.result.FailureClass;
import org.benchrig.stats.SteadyState;
import org.benchrig.result.HarnessFrame;
import org.benchrig.result.Mode;
import org.benchrig.result.Outcome;
import org.benchrig.time.Deadline;

/**
 * Runs benchmarks on one host interpreter (CPython, PyPy) through {@code hostrun.py}, cold (a fresh
 * process per repetition, timed from spawn to result) and warm (one process, steady state).
 *
 * <p>Every fault becomes a classified sample (never a hang, never an exception to the caller), and
 * every process started here is gone when a method returns, also on timeout and interrupt. On
 * interrupt the method returns early with the thread's interrupt flag set and delivers no further samples.
 */
public final class HostRunner {
    /** Budget for running the interpreter once to resolve its real executable. */
    static final Duration DETECT_BUDGET = Duration.ofSeconds(10);
    private static final int STDERR_LINES = 6;

    private final HostConfig cfg;
    private final Path harnessDir;
    private final Path benchmarkDir;
    private volatile HostInterpreter interpreter;
    private volatile Consumer<ProcessHandle> onStart = h -> { };

    public HostRunner(HostConfig cfg, Path harnessDir, Path benchmarkDir) {
        this.cfg = Objects.requireNonNull(cfg);
        this.harnessDir = harnessDir.toAbsolutePath().normalize();
        this.benchmarkDir = benchmarkDir.toAbsolutePath().normalize();
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

    /** {@code reps} fresh processes, one repetition each; samples have mode COLD. */
    public void runCold(String bench, String tier, int reps, Duration timeoutPerProcess, Consumer<HostSample> sink) {
        String exe = executableOr(reps, Mode.COLD, sink);
        if (exe == null) {
            return;
        }
        for (int rep = 0; rep < reps; rep++) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            HarnessFrame[] frame = new HarnessFrame[1];
            long[] frameAt = new long[1];
            HarnessFrame[] proc = new HarnessFrame[1];
            String nonce = HarnessFrame.freshNonce();
            RunResult r = runProcess(command(exe, bench, tier, "cold", 1, nonce, timeoutPerProcess), bench, nonce,
                    timeoutPerProcess,
                    (f, at, hwm) -> {
                        if (f.isProcessLine()) {
                            proc[0] = f;
                        } else if (frame[0] == null && "cold".equals(f.get("mode"))) {
                            frame[0] = f;
                            frameAt[0] = at;
                        }
                    });
            if (r.end == End.INTERRUPTED) {
                return;
            }
            Long rss = proc[0] == null ? null : proc[0].number("maxrss_kb");
            if (frame[0] != null) {
                HarnessFrame f = frame[0];
                sink.accept(new HostSample(Mode.COLD, rep, f.number("t_ns"), frameAt[0] - r.startedAt, rss,
                        check(f), f.outcome(), 0, false));
            } else {
                sink.accept(new HostSample(Mode.COLD, rep, null, null, rss, null, r.failure(timeoutPerProcess), 0, false));
            }
        }
    }

    /**
     * One process: warm-up until steady state (hostrun.py's rule), then {@code reps} measured
     * repetitions, each delivered as its line arrives; samples have mode WARM.
     */
    public void runWarm(String bench, String tier, int reps, Duration timeout, Consumer<HostSample> sink) {
        String exe = executableOr(reps, Mode.WARM, sink);
        if (exe == null) {
            return;
        }
        List<Long> warmupTimes = new ArrayList<>();
        boolean[] warmupFailed = {false};
        int[] produced = {0};
        HarnessFrame[] proc = new HarnessFrame[1];
        // the last sample waits for the process line: the process may exit before its high-water
        // mark can be read, and the process line carries the peak RSS then
        HostSample[] held = new HostSample[1];
        String nonce = HarnessFrame.freshNonce();
        RunResult r = runProcess(command(exe, bench, tier, "warm", reps, nonce, timeout), bench, nonce, timeout,
                (f, at, hwm) -> {
                if (f.isProcessLine()) {
                    proc[0] = f;
                } else if ("warmup".equals(f.get("mode"))) {
                    Long t = f.number("t_ns");
                    warmupTimes.add(t == null ? 0L : t);
                    warmupFailed[0] |= !"ok".equals(f.get("outcome"));
                } else if ("warm".equals(f.get("mode")) && produced[0] < reps) {
                    boolean steady = !warmupFailed[0] && SteadyState.reached(warmupTimes);
                    HostSample sample = new HostSample(Mode.WARM, produced[0]++, f.number("t_ns"), null,
                            hwm, check(f), f.outcome(), warmupTimes.size(), steady);
                    if (produced[0] == reps) {
                        held[0] = sample;
                    } else {
                        sink.accept(sample);
                    }
                }
            });
        if (r.end == End.INTERRUPTED) {
            return;
        }
        if (held[0] != null) {
            HostSample h = held[0];
            Long rss = h.peakRssKb() != null || proc[0] == null ? h.peakRssKb() : proc[0].number("maxrss_kb");
            sink.accept(new HostSample(h.mode(), h.repetition(), h.timeNs(), h.wallNs(), rss, h.check(), h.outcome(),
                    h.warmups(), h.steady()));
        }
        int warmups = warmupTimes.size();
        boolean steady = !warmupFailed[0] && SteadyState.reached(warmupTimes);
        if (proc[0] != null) {   // the process line is authoritative; it matches what was derived above
            Long w = proc[0].number("warmups");
            warmups = w == null ? warmups : w.intValue();
            steady = "1".equals(proc[0].get("steady"));
        }
        Outcome missing = r.failure(timeout);
        for (int i = produced[0]; i < reps; i++) {
            sink.accept(new HostSample(Mode.WARM, i, null, null, null, null, missing, warmups, steady));
        }
    }

    private String executableOr(int reps, Mode mode, Consumer<HostSample> sink) {
        try {
            return interpreter().executable();
        } catch (HostException e) {
            Outcome o = Outcome.failed(FailureClass.INFRASTRUCTURE, e.getMessage());
            for (int i = 0; i < reps; i++) {
                sink.accept(new HostSample(mode, i, null, null, null, null, o, 0, false));
            }
            return null;
        }
    }

    private List<String> command(String exe, String bench, String tier, String mode, int reps, String nonce,
                                 Duration timeout) {
        List<String> cmd = new ArrayList<>();
        if (!cfg.cpus().isEmpty()) {
            cmd.add("taskset");
            cmd.add("-c");
            cmd.add(cfg.cpus().stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
        cmd.addAll(List.of(exe, harnessDir.resolve("hostrun.py").toString(),
                "--bench-dir", benchmarkDir.toString(), "--bench", bench, "--tier", tier,
                "--mode", mode, "--reps", String.valueOf(reps), "--nonce", nonce));
        if (mode.equals("warm")) {
            // half the timeout stays for the measured repetitions
            double cap = Math.min(SteadyState.MAX_WARMUP_SECONDS, timeout.toMillis() / 2000.0);
            cmd.add("--warmup-seconds");
            cmd.add(String.valueOf(cap));
        }
        return cmd;
    }

    private static String check(HarnessFrame f) {
        String c = f.get("check");
        return c.isEmpty() && !f.fields().containsKey("check") ? null : c;
    }

    // ---- one process ------------------------------------------------------------------------

    private enum End { EXITED, TIMED_OUT, START_FAILED, INTERRUPTED }

    private interface FrameHandler {
        /** @param peakRssKb the process's peak RSS when the line was read, or null */
        void frame(HarnessFrame frame, long readAtNanos, Long peakRssKb);
    }

    private record Line(String text, long at, Long peakRssKb) {
    }

    private static final Line EOF = new Line(null, 0, null);

    private final class RunResult {
        End end;
        long startedAt;
        int exitCode = -1;
        String stderr = "";
        String startError = "";
        String bench;

        /** What a repetition that produced no frame in this process counts as. */
        Outcome failure(Duration timeout) {
            String tail = lastLines(stderr, STDERR_LINES);
            return switch (end) {
                case TIMED_OUT -> Outcome.failed(FailureClass.TIMEOUT,
                        "no result within " + timeout.toMillis() + " ms; process killed");
                case START_FAILED -> Outcome.failed(FailureClass.INFRASTRUCTURE,
                        "host '" + cfg.id() + "': cannot start '" + cfg.interpreter() + "': " + startError);
                case INTERRUPTED -> Outcome.failed(FailureClass.INFRASTRUCTURE, "interrupted");
                case EXITED -> exitedWithoutFrame(tail);
            };
        }

        private Outcome exitedWithoutFrame(String tail) {
            String how = exitCode > 128 ? "killed by signal " + (exitCode - 128) : "exited with code " + exitCode;
            if (stderr.contains("Traceback (most recent call last)")
                    && stderr.contains(File.separator + bench + ".py\"")) {
                return Outcome.failed(FailureClass.BENCHMARK_ERROR, tail);
            }
            if (exitCode == 2 && stderr.contains("hostrun.py: error:")) {   // we passed bad arguments
                return Outcome.failed(FailureClass.CONTROLLER, tail);
            }
            return Outcome.failed(FailureClass.INFRASTRUCTURE, "host '" + cfg.id() + "' (" + cfg.interpreter() + ") "
                    + how + " without a result" + (tail.isEmpty() ? "" : ": " + tail));
        }
    }

    private static String lastLines(String text, int n) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        return String.join(" / ", lines.subList(Math.max(0, lines.size() - n), lines.size())).strip();
    }

    /**
     * Starts one process, streams its stdout line by line (on a reader thread, so the wait here
     * keeps its deadline), hands every frame to {@code handler} on the calling thread, and makes
     * sure the process and its descendants are gone before returning. stderr goes to a temp file.
     */
    private RunResult runProcess(List<String> cmd, String bench, String nonce, Duration timeout, FrameHandler handler) {
        RunResult r = new RunResult();
        r.bench = bench;
        Path err = null;
        Process p = null;
        try {
            err = Files.createTempFile("benchrig-host", ".err");
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            // Frames must leave the process as they are printed: a killed process loses its buffer.
            pb.environment().put("PYTHONUNBUFFERED", "1");
            // Every cold process imports the same way (no .pyc written by the first one), and
            // nothing is written into the benchmark directory.
            pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
            Deadline deadline = Deadline.in(timeout);
            r.startedAt = System.nanoTime();
            try {
                p = pb.start();
            } catch (IOException e) {
                r.end = End.START_FAILED;
                r.startError = e.getMessage();
                return r;
            }
            onStart.accept(p.toHandle());
            BlockingQueue<Line> lines = new LinkedBlockingQueue<>();
            Thread reader = startReader(p, lines);
            r.end = pump(lines, nonce, deadline, handler);
            if (r.end == End.EXITED) {   // stdout closed: wait for the exit, within the same deadline
                if (!p.waitFor(Math.max(1, deadline.remainingMillis()), TimeUnit.MILLISECONDS)) {
                    r.end = End.TIMED_OUT;
                }
            }
            if (r.end != End.EXITED) {
                ProcessTail.kill(p);
            }
            reader.join(ProcessTail.KILL_WAIT_MS);
            if (r.end == End.EXITED) {
                r.exitCode = p.exitValue();
            }
            r.stderr = ProcessTail.read(err);
            return r;
        } catch (InterruptedException e) {
            r.end = End.INTERRUPTED;
            Thread.currentThread().interrupt();
            return r;
        } catch (IOException e) {
            r.end = End.START_FAILED;
            r.startError = e.toString();
            return r;
        } finally {
            if (p != null && (p.isAlive() || p.descendants().findAny().isPresent())) {
                boolean interrupted = Thread.interrupted();   // so the bounded wait in kill() works
                ProcessTail.kill(p);
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            ProcessTail.delete(err);
        }
    }

    private static End pump(BlockingQueue<Line> lines, String nonce, Deadline deadline, FrameHandler handler)
            throws InterruptedException {
        while (true) {
            long left = deadline.remainingNanos();
            if (left <= 0) {
                return End.TIMED_OUT;
            }
            Line line = lines.poll(left, TimeUnit.NANOSECONDS);
            if (line == null) {
                return End.TIMED_OUT;
            }
            if (line == EOF) {
                return End.EXITED;
            }
            // Anything that is not an intact frame of this process's nonce is benchmark output: ignored.
            HarnessFrame.parseLine(line.text()).filter(f -> f.nonce().equals(nonce))
                    .ifPresent(f -> handler.frame(f, line.at(), line.peakRssKb()));
        }
    }

    private static Thread startReader(Process p, BlockingQueue<Line> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String s;
                while ((s = in.readLine()) != null) {
                    long at = System.nanoTime();
                    // read right away, while the process is surely still alive after printing a frame
                    Long hwm = s.startsWith("@BR2|") ? PeakRss.highWaterKb(p.pid()) : null;
                    lines.add(new Line(s, at, hwm));
                }
            } catch (IOException ignored) {
                // the process was killed or its pipe closed: same as end of output
            } finally {
                lines.add(EOF);
            }
        }, "host-stdout-" + p.pid());
        t.setDaemon(true);
        t.start();
        return t;
    }
}
