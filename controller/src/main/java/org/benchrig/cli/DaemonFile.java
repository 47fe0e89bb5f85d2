package org.benchrig.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * How CLI commands find the daemon that owns the rig's boards: {@code benchrig serve} writes
 * {@code DATA_DIR/run/daemon.properties} (its URL, pid, the name of its token variable) once its web
 * server answers, and removes it when it stops. A file whose pid is gone is stale: the daemon was
 * killed; commands then open the boards themselves and say so. Read with {@link Properties} only,
 * so the launcher's quick path pays for no library.
 */
public final class DaemonFile {
    /** What the file says. */
    public record Entry(String url, long pid, String tokenEnv, String rig, Path file) {
        public boolean alive() {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }

    private DaemonFile() {
    }

    public static Path path(Path dataDir) {
        return dataDir.resolve("run").resolve("daemon.properties");
    }

    /** The file's entry, if there is a readable file (alive or not: see {@link Entry#alive()}). */
    public static Optional<Entry> read(Path dataDir) {
        Path file = path(dataDir);
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // unreadable: treated as no daemon, the direct path says what it finds
        }
        String url = p.getProperty("url");
        String pid = p.getProperty("pid", "");
        if (url == null || !pid.matches("\\d{1,19}")) {
            return Optional.empty();
        }
        return Optional.of(new Entry(url, Long.parseLong(pid), p.getProperty("token_env", "BENCHRIG_TOKEN"),
                p.getProperty("rig", ""), file));
    }

    /**
     * Writes this process's entry; closing the result removes it (only while it still names this
     * process). Refuses when another live daemon has the file: one daemon per rig.
     */
    public static AutoCloseable publish(Path dataDir, String url, String tokenEnv, String rig) {
        long me = ProcessHandle.current().pid();
        read(dataDir).filter(e -> e.pid() != me && e.alive()).ifPresent(e -> {
            throw new IllegalArgumentException("another daemon (pid " + e.pid() + ") serves rig " + e.rig() + " at "
                    + e.url() + " (" + e.file() + "); stop it first");
        });
        Path file = path(dataDir);
        Properties p = new Properties();
        p.setProperty("url", url);
        p.setProperty("pid", Long.toString(me));
        p.setProperty("token_env", tokenEnv);
        p.setProperty("rig", rig);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("daemon.properties.tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "written by benchrig serve; removed when it stops (docs/api.md, Board commands)");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return new AutoCloseable() {
            @Override
            public void close() throws IOException {
                if (read(dataDir).map(e -> e.pid() == me).orElse(false)) {
                    Files.deleteIfExists(file);
                }
            }

            @Override
            public String toString() {
                return "daemon file " + file;
            }
        };
    }

    /** Removes a stale file (its daemon is gone), so the next command does not look again. */
    static void removeStale(Entry e) {
        try {
            if (!e.alive() && read(e.file().getParent().getParent()).map(x -> x.pid() == e.pid()).orElse(false)) {
                Files.deleteIfExists(e.file());
            }
        } catch (IOException ignored) {
            // the next command finds it stale again
        }
    }
}
