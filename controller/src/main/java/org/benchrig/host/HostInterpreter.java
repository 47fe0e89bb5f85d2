package org.benchrig.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.benchrig.config.HostConfig;
import org.benchrig.time.Deadline;

/**
 * What a host's interpreter command resolved to, found by running it once.
 *
 * @param command        the command as configured (on PATH or a path)
 * @param executable     {@code sys.executable}: the real binary (past shims such as pyenv's)
 * @param implementation {@code platform.python_implementation()}: CPython, PyPy
 * @param version        {@code platform.python_version()}
 */
public record HostInterpreter(String targetId, String command, String executable, String implementation,
                              String version) {

    private static final String MARK = "@BRI|";
    private static final String PROBE = "import sys, platform; print('" + MARK + "' + '|'.join("
            + "[sys.executable, platform.python_implementation(), platform.python_version()]) + '|@')";

    /** Runs the interpreter once; throws {@link HostException} naming the host and command on any failure. */
    public static HostInterpreter detect(HostConfig cfg, Deadline deadline) {
        String where = "host '" + cfg.id() + "': interpreter '" + cfg.interpreter() + "'";
        Path err = null;
        Process p = null;
        try {
            err = Files.createTempFile("benchrig-detect", ".err");
            ProcessBuilder pb = new ProcessBuilder(List.of(cfg.interpreter(), "-c", PROBE))
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            try {
                p = pb.start();
            } catch (IOException e) {
                throw new HostException(where + " cannot be started: " + e.getMessage(), e);
            }
            p.getOutputStream().close();
            // The probe prints one short line: reading it after exit cannot fill the pipe.
            if (!p.waitFor(Math.max(1, deadline.remainingMillis()), TimeUnit.MILLISECONDS)) {
                throw new HostException(where + " did not answer within " + deadline.budget().toMillis() + " ms");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String line = out.lines().filter(l -> l.startsWith(MARK) && l.endsWith("|@")).findFirst().orElse(null);
            if (p.exitValue() != 0 || line == null) {
                throw new HostException(where + " is not a working Python (exit code " + p.exitValue() + "): "
                        + ProcessTail.lastLines(err, 5));
            }
            String[] f = line.substring(MARK.length(), line.length() - 2).split("\\|", -1);
            if (f.length != 3) {
                throw new HostException(where + " answered an unexpected probe line: " + line);
            }
            return new HostInterpreter(cfg.id(), cfg.interpreter(), f[0], f[1], f[2]);
        } catch (IOException e) {
            throw new HostException(where + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostException(where + ": interrupted while detecting", e);
        } finally {
            if (p != null) {
                ProcessTail.kill(p);
            }
            ProcessTail.delete(err);
        }
    }
}
