package org.benchrig.selfbench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * MicroPython's own host tool, the real one a user gives with {@code --stock-tool PATH}: pyboard.py
 * ({@code pyboard.py --device PORT script.py}) or mpremote ({@code mpremote connect PORT run
 * script.py}), told apart by the file name. Each run is one process that opens the port, enters the
 * raw REPL its own way, sends the script and prints what the board printed. The tools wait on a pty
 * without a deadline, so every run has one here; a run past it is killed by handle.
 */
public final class RealStockTool {
    /** Debian's python3 runs a tool given as a .py file: it has pyserial (python3-serial); a pyenv python3 may not. */
    static final String PYTHON = "/usr/bin/python3";

    /** One run: {@code answered} false when it was killed at the deadline. */
    public record Result(boolean answered, int exit, String stdout, String stderr, Duration elapsed) {
        /** What the tool said went wrong: its error output, and the stdout of a failed run (pyboard.py prints tracebacks there). */
        String errorText() {
            return exit == 0 ? stderr : (stderr + stdout).strip();
        }
    }

    private final Path tool;

    public RealStockTool(Path tool) {
        if (!Files.isRegularFile(tool)) {
            throw new IllegalArgumentException("--stock-tool " + tool + ": no such file; give the path of pyboard.py or mpremote");
        }
        this.tool = tool.toAbsolutePath();
    }

    /** "pyboard.py" or "mpremote": which tool, by its file name. */
    public String name() {
        return tool.getFileName().toString().contains("mpremote") ? "mpremote" : "pyboard.py";
    }

    public Path path() {
        return tool;
    }

    List<String> command(String port, Path script) {
        List<String> cmd = new ArrayList<>();
        if (tool.getFileName().toString().endsWith(".py")) {
            cmd.add(PYTHON);
        }
        cmd.add(tool.toString());
        if (name().equals("mpremote")) {
            cmd.addAll(List.of("connect", port, "run", script.toString()));
        } else {
            cmd.addAll(List.of("--device", port, script.toString()));
        }
        return cmd;
    }

    /** Runs {@code script} on the board at {@code port}; the process is killed after {@code timeout}. */
    public Result run(String port, Path script, Duration timeout) {
        Path out = script.resolveSibling(script.getFileName() + ".out");
        Path err = script.resolveSibling(script.getFileName() + ".err");
        long t0 = System.nanoTime();
        try {
            Process p = new ProcessBuilder(command(port, script)).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.PIPE).start();
            p.getOutputStream().close();
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
            return new Result(done, done ? p.exitValue() : -1, read(out), read(err), elapsed);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot run --stock-tool " + tool + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + name() + " ran", e);
        }
    }

    private static String read(Path f) throws IOException {
        // the tools print the board's "\r\n" as they get it; benchrig's link gives "\n"
        return Files.isRegularFile(f) ? Files.readString(f, StandardCharsets.UTF_8).replace("\r\n", "\n") : "";
    }
}
