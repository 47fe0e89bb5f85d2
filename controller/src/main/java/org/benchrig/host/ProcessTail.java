package org.benchrig.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Small process helpers: the end of a stderr file, killing a process tree, cleanup. */
final class ProcessTail {
    /** How long to wait for a killed process (and its children) to be gone. */
    static final long KILL_WAIT_MS = 5_000;

    private ProcessTail() {
    }

    /** The last {@code n} non-blank lines of a text file, joined with " / "; "" when unreadable. */
    static String lastLines(Path file, int n) {
        if (file == null) {
            return "";
        }
        try {
            List<String> lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank()).toList();
            return String.join(" / ", lines.subList(Math.max(0, lines.size() - n), lines.size())).strip();
        } catch (IOException e) {
            return "";
        }
    }

    static String read(Path file) {
        try {
            return file == null ? "" : new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * For a finally block: ends {@code p} (null: nothing) and its descendants when any is still
     * there, keeping the caller's interrupt flag (cleared meanwhile, so the bounded wait works).
     */
    static void ensureGone(Process p) {
        if (p != null && (p.isAlive() || p.descendants().findAny().isPresent())) {
            boolean interrupted = Thread.interrupted();
            kill(p);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Kills the process and everything it started, then waits (bounded) until they are gone. */
    static void kill(Process p) {
        List<ProcessHandle> kids = p.descendants().toList();
        p.destroyForcibly();
        kids.forEach(ProcessHandle::destroyForcibly);
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(KILL_WAIT_MS);
        boolean interrupted = false;
        while (true) {
            try {
                p.waitFor(Math.max(1, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime())), TimeUnit.MILLISECONDS);
                break;
            } catch (InterruptedException e) {
                interrupted = true;   // keep waiting: the process must be reaped; re-raise afterwards
                if (System.nanoTime() >= until) {
                    break;
                }
            }
        }
        for (ProcessHandle k : kids) {
            while (!gone(k) && System.nanoTime() < until) {
                Thread.onSpinWait();
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * True when the process has ended. A killed grandchild is reparented to init and stays a zombie
     * (which {@link ProcessHandle#isAlive()} still reports as alive) until init reaps it; a zombie
     * runs nothing and holds nothing but its pid, so it counts as gone.
     */
    static boolean gone(ProcessHandle h) {
        if (!h.isAlive()) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(h.pid()), "stat"));
            int close = stat.lastIndexOf(')');
            char state = close > 0 && close + 2 < stat.length() ? stat.charAt(close + 2) : '?';
            return state == 'Z' || state == 'X';
        } catch (IOException | RuntimeException e) {
            return !h.isAlive();
        }
    }

    static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
        }
    }
}
