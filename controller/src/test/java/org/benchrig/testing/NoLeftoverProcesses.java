package org.benchrig.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every test class (junit-platform.properties): after a class, no process the tests
 * started may still run, whether QEMU, an interpreter, a broker or a browser, also when it was
 * reparented to init (a child controller that died). The processes are found by a mark, never by
 * name: surefire gives the test JVM {@value #SESSION_VARIABLE} (this worktree and the build's start
 * time), every process started from it inherits it, and {@code /proc/PID/environ} shows it. Processes
 * with the mark that were alive before the first class (an earlier session's) do not count; other
 * users' and other worktrees' processes carry another mark or none. Without the variable (an IDE),
 * only this JVM's descendants are checked.
 */
public final class NoLeftoverProcesses implements BeforeAllCallback, AfterAllCallback {
    /** The environment variable that marks processes started by this test session. */
    public static final String SESSION_VARIABLE = "BENCHRIG_TEST_SESSION";
    /** A process that was just told to stop may take a moment to exit. */
    private static final long EXIT_WAIT_MS = 5_000;
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(NoLeftoverProcesses.class);

    /** The mark for an environment given to a process explicitly (a browser launched with its own env). */
    public static Map<String, String> mark() {
        String token = System.getenv(SESSION_VARIABLE);
        return token == null ? Map.of() : Map.of(SESSION_VARIABLE, token);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // the first class of the session notes the marked processes that were there before any test ran
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("before-session", k -> marked(Set.of()), Set.class);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void afterAll(ExtensionContext context) {
        Set<Long> before = context.getRoot().getStore(NAMESPACE).getOrDefault("before-session", Set.class, Set.of());
        long until = System.currentTimeMillis() + EXIT_WAIT_MS;
        List<ProcessHandle> alive;
        do {
            alive = leftovers(before);
            if (alive.isEmpty()) {
                return;
            }
            alive.forEach(p -> p.onExit().orTimeout(100, TimeUnit.MILLISECONDS).exceptionally(x -> null).join());
        } while (System.currentTimeMillis() < until);
        List<String> described = alive.stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("?")
                + (p.parent().map(ProcessHandle::pid).orElse(0L) == 1 ? " (reparented to init)" : "")).toList();
        alive.forEach(ProcessHandle::destroyForcibly); // do not let one leak spoil the next class
        assertThat(described).as("processes left running by " + context.getDisplayName()).isEmpty();
    }

    /** This JVM's live descendants and the live marked processes not in {@code before}. */
    static List<ProcessHandle> leftovers(Set<Long> before) {
        Set<Long> pids = new HashSet<>(marked(before));
        ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> !p.info().command().orElse("").endsWith("/jspawnhelper"))
                .forEach(p -> pids.add(p.pid()));
        List<ProcessHandle> out = new ArrayList<>();
        for (long pid : pids) {
            ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(out::add);
        }
        return out;
    }

    /** Pids of live processes, other than this JVM, whose environment carries this session's mark. */
    static Set<Long> marked(Set<Long> except) {
        String token = System.getenv(SESSION_VARIABLE);
        Set<Long> found = new HashSet<>();
        if (token == null) {
            return found;
        }
        byte[] mark = (SESSION_VARIABLE + "=" + token + "\0").getBytes(StandardCharsets.UTF_8);
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : procs) {
                long pid = Long.parseLong(p.getFileName().toString());
                if (pid != self && !except.contains(pid) && carries(p.resolve("environ"), mark)) {
                    found.add(pid);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc: " + e.getMessage(), e);
        }
        return found;
    }

    private static boolean carries(Path environ, byte[] mark) {
        byte[] env;
        try {
            env = Files.readAllBytes(environ);
        } catch (IOException e) {
            return false; // gone, or another user's process: not ours
        }
        byte[] all = new byte[env.length + 2]; // NUL-framed, so the first and the last variable match alike
        System.arraycopy(env, 0, all, 1, env.length);
        for (int i = 0; i + mark.length <= all.length - 1; i++) {
            if (all[i] == 0 && java.util.Arrays.equals(all, i + 1, i + 1 + mark.length, mark, 0, mark.length)) {
                return true;
            }
        }
        return false;
    }
}
