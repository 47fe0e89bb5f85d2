package org.benchrig.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The controller in its own JVM, as a second user at the bench would start it; stopped by handle. */
final class ChildController implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;
    final List<String> lines = new ArrayList<>();
    private final List<ProcessHandle> started = new ArrayList<>();

    ChildController(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.benchrig.cli.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("BENCHRIG_HOME", CliHarness.REPO.toString());
        process = pb.start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Reads output lines until one matches, or fails after {@code seconds}. */
    String awaitLine(Predicate<String> match, int seconds) throws IOException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String line;
        while (System.nanoTime() < until && (line = out.readLine()) != null) {
            lines.add(line);
            if (match.test(line)) {
                return line;
            }
        }
        throw new AssertionError("no matching line within " + seconds + " s; output:\n" + String.join("\n", lines));
    }

    long pid() {
        return process.pid();
    }

    /**
     * SIGKILL: the controller gets no chance to clean up. What it started (its emulators) is noted
     * first, while still its children: orphaned, they are reparented to init and only these handles
     * find them for {@link #close}.
     */
    void kill() throws InterruptedException {
        started.addAll(process.descendants().toList());
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Ends the controller and what it started, by handle (also what a later controller did not take over). */
    @Override
    public void close() throws InterruptedException {
        kill();
        for (ProcessHandle p : started) {
            p.destroyForcibly();
            p.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(x -> null).join();
        }
    }
}
