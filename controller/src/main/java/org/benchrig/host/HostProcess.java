package org.benchrig.host;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.benchrig.config.HostConfig;
import org.benchrig.result.FailureClass;
import org.benchrig.result.HarnessFrame;
import org.benchrig.result.Outcome;
import org.benchrig.time.Deadline;

/**
 * One process of a host interpreter, start to gone: spawned with its frame nonce on stdin, its
 * frames read within one deadline, killed with its descendants on timeout or interrupt, and how
 * it ended. What to start and what its frames mean is {@link HostRunner}'s.
 */
final class HostProcess {
    private static final int STDERR_LINES = 6;

    enum End { EXITED, TIMED_OUT, START_FAILED, INTERRUPTED }

    interface FrameHandler {
        /** A frame of this process (right nonce), read at {@code readAtNanos}. */
        void frame(HarnessFrame frame, long readAtNanos);
    }

    /** How one process ended; times are {@link System#nanoTime()}. */
    record Result(HostConfig cfg, String bench, End end, long startedAt, long exitedAt, int exitCode,
                  String stderr, String startError) {

        /** What a sample that produced no frame in this process counts as. */
        Outcome failure(Duration timeout) {
            return switch (end) {
                case TIMED_OUT -> Outcome.failed(FailureClass.TIMEOUT,
                        "no result within " + timeout.toMillis() + " ms; process killed");
                case START_FAILED -> Outcome.failed(FailureClass.INFRASTRUCTURE,
                        "host '" + cfg.id() + "': cannot start '" + cfg.interpreter() + "': " + startError);
                case INTERRUPTED -> Outcome.failed(FailureClass.INFRASTRUCTURE, "interrupted");
                case EXITED -> exitedWithoutFrame(lastLines(stderr, STDERR_LINES));
            };
        }

        /** Whether the process exited by itself with status 0. */
        boolean clean() {
            return end == End.EXITED && exitCode == 0;
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

    private record Line(String text, long at) {
    }

    private static final Line EOF = new Line(null, 0);

    private final HostConfig cfg;
    private final Consumer<ProcessHandle> onStart;

    HostProcess(HostConfig cfg, Consumer<ProcessHandle> onStart) {
        this.cfg = cfg;
        this.onStart = onStart;
    }

    /**
     * Starts one process, writes its frame nonce to its stdin, streams its stdout (where only
     * hostrun.py's frames arrive: the benchmark's own stdout goes to stderr) line by line on a
     * reader thread, so the wait here keeps its deadline, hands every frame carrying the nonce to
     * {@code handler} on the calling thread, and makes sure the process and its descendants are
     * gone before returning. stderr goes to a temp file.
     */
    Result run(List<String> cmd, String bench, Duration timeout, FrameHandler handler) {
        Path err = null;
        Process p = null;
        long startedAt = 0;
        String nonce = HarnessFrame.freshNonce();   // per process: another process's frame never counts
        try {
            err = Files.createTempFile("benchrig-host", ".err");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
            // Frames must leave the process as they are printed: a killed process loses its buffer.
            pb.environment().put("PYTHONUNBUFFERED", "1");
            // Every cold process imports the same way (no .pyc written by the first one), and
            // nothing is written into the benchmark directory.
            pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
            Deadline deadline = Deadline.in(timeout);
            startedAt = System.nanoTime();
            try {
                p = pb.start();
            } catch (IOException e) {
                return new Result(cfg, bench, End.START_FAILED, startedAt, 0, -1, "", e.getMessage());
            }
            onStart.accept(p.toHandle());
            try (OutputStream in = p.getOutputStream()) {
                in.write((nonce + "\n").getBytes(StandardCharsets.US_ASCII));
            } catch (IOException ignored) {
                // a process that exited at once (-c pass) closed its stdin: nothing to tell it
            }
            BlockingQueue<Line> lines = new LinkedBlockingQueue<>();
            Thread reader = startReader(p, lines);
            End end = pump(lines, deadline, nonce, handler);
            long exitedAt = 0;
            if (end == End.EXITED) {   // stdout closed: wait for the exit, within the same deadline
                if (!p.waitFor(Math.max(1, deadline.remainingMillis()), TimeUnit.MILLISECONDS)) {
                    end = End.TIMED_OUT;
                }
                exitedAt = System.nanoTime();
            }
            if (end != End.EXITED) {
                ProcessTail.kill(p);
            }
            reader.join(ProcessTail.KILL_WAIT_MS);
            int exitCode = end == End.EXITED ? p.exitValue() : -1;
            return new Result(cfg, bench, end, startedAt, exitedAt, exitCode, ProcessTail.read(err), "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(cfg, bench, End.INTERRUPTED, startedAt, 0, -1, "", "");
        } catch (IOException e) {
            return new Result(cfg, bench, End.START_FAILED, startedAt, 0, -1, "", e.toString());
        } finally {
            ProcessTail.ensureGone(p);
            ProcessTail.delete(err);
        }
    }

    private static End pump(BlockingQueue<Line> lines, Deadline deadline, String nonce, FrameHandler handler)
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
            // Anything that is not an intact frame (checksum) of this process's nonce is ignored.
            HarnessFrame.parseLine(line.text()).filter(f -> f.nonce().equals(nonce))
                    .ifPresent(f -> handler.frame(f, line.at()));
        }
    }

    private static Thread startReader(Process p, BlockingQueue<Line> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String s;
                while ((s = in.readLine()) != null) {
                    lines.add(new Line(s, System.nanoTime()));
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

    private static String lastLines(String text, int n) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        return String.join(" / ", lines.subList(Math.max(0, lines.size() - n), lines.size())).strip();
    }
}
