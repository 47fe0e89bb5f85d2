package org.benchrig.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the controller finds its files: {@code BENCHRIG_HOME} (set by the launcher) or the
 * current directory. Passed in rather than read globally, so tests choose their own.
 */
public record Env(Map<String, String> variables) {

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
}
