package org.benchrig.compat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one helper command (pip, an interpreter probe) with an overall time limit; output goes to
 * files in a work directory so a chatty build cannot fill a pipe and stall.
 */
final class Subprocess {
    /** How long a killed process tree may take to go away. */
    private static final long KILL_WAIT_MS = 5_000;

    /** Exit code -1 means it did not finish in time (and was ended); {@code started} false: not even started. */
    record Completed(int exit, String stdout, String stderr, boolean started) {
        boolean ok() {
            return exit == 0;
        }
    }

    private final Path workDir;
    private final Map<String, String> env;

    Subprocess(Path workDir, Map<String, String> env) {
        this.workDir = workDir;
        this.env = env;
    }

    Completed run(List<String> command, Duration limit) {
        Path out = null;
        Path err = null;
        Process p = null;
        try {
            out = Files.createTempFile(workDir, "out", ".txt");
            err = Files.createTempFile(workDir, "err", ".txt");
            ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().putAll(env);
            try {
                p = pb.start();
            } catch (IOException e) {
                return new Completed(-1, "", command.get(0) + " cannot be started: " + e.getMessage(), false);
            }
            boolean done = p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                end(p);
                return new Completed(-1, Files.readString(out), "did not finish within " + limit.toSeconds() + " s", true);
            }
            return new Completed(p.exitValue(), read(out), read(err), true);
        } catch (IOException e) {
            return new Completed(-1, "", "cannot run " + command.get(0) + ": " + e.getMessage(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Completed(-1, "", "interrupted", true);
        } finally {
            if (p != null && p.isAlive()) {
                end(p);
            }
            delete(out);
            delete(err);
        }
    }

    private static void end(Process p) {
        List<ProcessHandle> kids = p.descendants().toList();
        p.destroyForcibly();
        kids.forEach(ProcessHandle::destroyForcibly);
        try {
            p.waitFor(KILL_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String read(Path f) throws IOException {
        return new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
    }

    private static void delete(Path f) {
        try {
            if (f != null) {
                Files.deleteIfExists(f);
            }
        } catch (IOException ignored) {
            // the work directory is removed as a whole afterwards
        }
    }
}
