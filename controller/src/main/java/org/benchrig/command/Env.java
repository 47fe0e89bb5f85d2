package org.benchrig.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.benchrig.bench.Catalog;

/**
 * Where the controller finds its files: {@code BENCHRIG_HOME} (set by the launcher) or the
 * current directory. Passed in rather than read globally, so tests choose their own.
 */
public record Env(Map<String, String> variables) {
    /** The interpreter that reads the benchmark catalog; every rig has it (Debian's python3). */
    public static final String CATALOG_PYTHON = "python3";

    public Path home() {
        String h = variables.get("BENCHRIG_HOME");
        return (h == null || h.isBlank() ? Path.of("") : Path.of(h)).toAbsolutePath();
    }

    public Path defaultConfig() {
        return home().resolve("rig-configs").resolve("sim.yaml");
    }

    public Path scriptsDir() {
        Path p = home().resolve("firmware-scripts");
        if (!Files.isDirectory(p)) {
            throw new IllegalArgumentException("no firmware-scripts/ under " + home()
                    + "; run benchrig from its checkout or set BENCHRIG_HOME");
        }
        return p;
    }

    /** Whether progress may redraw lines (a terminal) or must print plain lines (logs, CI). */
    public boolean interactive() {
        return System.console() != null && !"dumb".equals(variables.get("TERM"));
    }

    /** The benchmark catalog of firmware-scripts/, with the users' directories {@code more} beside it. */
    public Catalog catalog(List<Path> more) {
        return Catalog.load(scriptsDir(), CATALOG_PYTHON, more);
    }

    public Catalog catalog() {
        return Catalog.load(scriptsDir(), CATALOG_PYTHON);
    }
}
