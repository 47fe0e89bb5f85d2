package org.benchrig.host;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.benchrig.result.FailureClass;
import org.benchrig.result.HarnessFrame;
import org.benchrig.result.Outcome;
import org.benchrig.result.ScalingPoint;
import org.benchrig.result.ScalingPoint.Workload;

/**
 * Runs the concurrency workloads ({@code firmware-scripts/harness/scaling.py}) on one host
 * interpreter: one process per workload, a frame per trial. Every fault is a classified point,
 * never an exception, and the process and its children are gone when a method returns.
 */
public final class ScalingRunner {
    /** The worker counts a workload is measured at: CPU-bound up to the cores (more only oversubscribes), waiting work beyond. */
    static List<Integer> workers(Workload w, int cores) {
        return switch (w) {
            case CPU -> List.of(1, 2, cores).stream().distinct().sorted().toList();
            case ECHO -> List.of(1, 2, 4);
            case FILEIO -> List.of(1, 2);
        };
    }

    /** Seconds of work per trial, and trials per point: about 12 s per host for all three workloads. */
    public record Settings(double secondsPerTrial, int trials, Duration timeoutPerWorkload) {
        public static final Settings DEFAULT = new Settings(0.3, 3, Duration.ofSeconds(120));
    }

    private static final int STDERR_LINES = 4;

    private final String targetId;
    private final List<String> prefix;
    private final Path script;

    /**
     * @param prefix the command that starts the interpreter (its executable, maybe behind taskset)
     */
    public ScalingRunner(String targetId, List<String> prefix, Path harnessDir) {
        this.targetId = Objects.requireNonNull(targetId);
        this.prefix = List.copyOf(prefix);
        this.script = harnessDir.toAbsolutePath().normalize().resolve("scaling.py");
    }

    /** Runs every workload in turn; each point goes to {@code sink} as it is read. */
    public void runAll(long runId, Settings s, Consumer<ScalingPoint> sink) {
        for (Workload w : Workload.values()) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            run(runId, w, s, sink);
        }
    }

    /** One workload in one fresh process. */
    public void run(long runId, Workload w, Settings s, Consumer<ScalingPoint> sink) {
        int cores = Runtime.getRuntime().availableProcessors();
        String nonce = HarnessFrame.freshNonce();
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(script.toString(), "--workload", w.key(), "--nonce", nonce,
                "--workers", workers(w, cores).stream().map(String::valueOf).collect(Collectors.joining(",")),
                "--seconds", String.valueOf(s.secondsPerTrial()), "--repeat", String.valueOf(s.trials())));
        Path out = null;
        Path err = null;
        Process p = null;
        try {
            out = Files.createTempFile("benchrig-scaling", ".out");
            err = Files.createTempFile("benchrig-scaling", ".err");
            p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            boolean exited = p.waitFor(s.timeoutPerWorkload().toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                ProcessTail.kill(p);
            }
            List<ScalingPoint> points = parse(runId, w, ProcessTail.read(out), nonce);
            points.forEach(sink);
            if (points.isEmpty()) {
                String why = exited
                        ? "scaling.py exited with code " + p.exitValue() + " without a result: "
                                + ProcessTail.lastLines(err, STDERR_LINES)
                        : "no result within " + s.timeoutPerWorkload().toSeconds() + " s; process killed";
                sink.accept(ScalingPoint.notRun(runId, targetId, w.key(),
                        exited ? FailureClass.INFRASTRUCTURE : FailureClass.TIMEOUT, why));
            }
        } catch (IOException e) {
            sink.accept(ScalingPoint.notRun(runId, targetId, w.key(), FailureClass.INFRASTRUCTURE,
                    "cannot start " + String.join(" ", prefix) + ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ProcessTail.ensureGone(p);
            ProcessTail.delete(out);
            ProcessTail.delete(err);
        }
    }

    private List<ScalingPoint> parse(long runId, Workload w, String text, String nonce) {
        List<ScalingPoint> points = new ArrayList<>();
        int cores = 0;
        for (HarnessFrame f : HarnessFrame.framesOf(text, nonce)) {
            if (f.isProcessLine()) {
                Long c = f.number("cores");
                cores = c == null ? 0 : c.intValue();
            }
        }
        for (HarnessFrame f : HarnessFrame.framesOf(text, nonce)) {
            if (f.isProcessLine() || !w.key().equals(f.get("workload"))) {
                continue;
            }
            Outcome o = switch (f.get("outcome")) {
                case "ok" -> Outcome.ok();
                case "wrong" -> Outcome.failed(FailureClass.WRONG_RESULT,
                        "self-check returned " + f.get("check") + ", expected " + f.get("expect"));
                default -> Outcome.failed(FailureClass.BENCHMARK_ERROR, f.get("exc"));
            };
            boolean ok = o.isOk();
            points.add(new ScalingPoint(runId, targetId, w.key(), f.get("kind"), f.number("workers").intValue(),
                    f.number("trial").intValue(), ok ? f.number("ops") : null, ok ? f.number("wall_ns") : null,
                    ok ? f.number("start_ns") : null, cores, o));
        }
        return points;
    }
}
