package org.benchrig.selfbench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The fault injector ({@code firmware-scripts/tools/faultproxy.py}) as a process we control: a pty proxy between an
 * emulator's pty and a {@code kind: serial} board, that drops, duplicates, flips bits and inserts
 * garbage at set rates in both directions, stalls and unplugs on command, and counts what it did.
 */
public final class FaultProxy implements AutoCloseable {
    /** The proxy answers each command at once; a loaded host still answers within seconds. */
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(10);

    /** Per-byte rates (garbage: bursts of 4-24 random bytes per byte passed). */
    public record Rates(double drop, double dup, double flip, double garbage) {
        public static final Rates NONE = new Rates(0, 0, 0, 0);

        String command() {
            return "rates drop=" + drop + " dup=" + dup + " flip=" + flip + " garbage=" + garbage;
        }
    }

    private final Process process;
    private final Path link;
    private final PrintWriter in;
    private final BufferedReader out;

    private FaultProxy(Process process, Path link) {
        this.process = process;
        this.link = link;
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts the proxy on {@code upstream} (an emulator's pty); the controller opens {@code link}. */
    public static FaultProxy start(Path script, String upstream, Path link, Rates rates, long seed) {
        List<String> cmd = new ArrayList<>(List.of("python3", script.toString(), "--upstream", upstream,
                "--link", link.toString(), "--seed", Long.toString(seed)));
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            FaultProxy proxy = new FaultProxy(p, link);
            String ready = proxy.answer();
            if (!ready.startsWith("ready ")) {
                proxy.close();
                throw new IllegalStateException("the fault proxy did not start: " + ready);
            }
            proxy.rates(rates);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fault proxy " + script, e);
        }
    }

    /** Where the controller reaches the board (a symlink to the proxy's current pty). */
    public Path link() {
        return link;
    }

    public void rates(Rates rates) {
        command(rates.command());
    }

    /** Holds every byte for {@code d}, in both directions, then delivers them. */
    public void stall(Duration d) {
        command("stall " + d.toMillis() / 1000.0);
    }

    /** Removes the controller's pty for {@code d} (bytes from the board are lost), then a new one appears at {@link #link()}. */
    public void unplug(Duration d) {
        command("unplug " + d.toMillis() / 1000.0);
    }

    /** Drops the last byte of {@code text} in the next bytes to the board that hold it: one damaged call, on purpose. */
    public void damageNext(String text) {
        command("damage " + text);
    }

    /** What the proxy did so far: per direction bytes, dropped, duplicated, flipped, garbage bursts and bytes. */
    public JsonNode stats() {
        try {
            return new ObjectMapper().readTree(command("stats"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized String command(String line) {
        in.println(line);
        String a = answer();
        if (a.startsWith("error")) {
            throw new IllegalArgumentException("fault proxy: " + a);
        }
        return a;
    }

    private String answer() {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            String s = line.get(ANSWER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (s == null) {
                throw new IllegalStateException("the fault proxy ended");
            }
            return s;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the fault proxy did not answer " + ANSWER_WAIT.toSeconds() + " s", e);
        }
    }

    @Override
    public void close() {
        in.println("quit");
        in.close();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
