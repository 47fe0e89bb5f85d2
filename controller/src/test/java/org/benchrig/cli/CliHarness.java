package org.benchrig.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Runs the CLI in-process against a rig config written into a temporary directory. */
public final class CliHarness {
    public static final Path REPO = Path.of(System.getProperty("benchrig.repo", "..")).toAbsolutePath().normalize();
    public static final String FIRMWARE = "/usr/share/firmware-microbit-micropython/firmware.hex";

    /** Exit code and what the command printed. */
    public record Result(int exit, String out, String err) {
    }

    private CliHarness() {
    }

    /** A rig config with the given boards (emulated micro:bits) and hosts, its data under {@code dir}/data. */
    public static Path writeConfig(Path dir, String rig, String[] boards, String[] hosts) throws IOException {
        StringBuilder y = new StringBuilder("rig: " + rig + "\nplatform: simulated\ndata_dir: data\nrun:\n  suite: smoke\n"
                + "  repetitions: 3\n  benchmark_timeout_s: 60\nboards:\n");
        for (String b : boards) {
            y.append("  - id: ").append(b).append("\n    kind: emulated\n    firmware: ").append(FIRMWARE).append('\n');
        }
        y.append(boards.length == 0 ? "  []\n" : "").append("hosts:\n");
        for (String h : hosts) {
            y.append("  - id: ").append(h).append("\n    interpreter: ")
                    .append(h.startsWith("pypy") ? "pypy3" : "python3").append('\n');
        }
        y.append(hosts.length == 0 ? "  []\n" : "");
        Path cfg = dir.resolve("rig.yaml");
        Files.writeString(cfg, y.toString().replace("boards:\n  []", "boards: []").replace("hosts:\n  []", "hosts: []"));
        return cfg;
    }

    public static Result run(String... args) {
        return runWithHome(REPO, args);
    }

    /** As {@link #run}, with BENCHRIG_HOME at {@code home} (e.g. a temp copy with changed firmware-scripts). */
    public static Result runWithHome(Path home, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, Map.of("BENCHRIG_HOME", home.toString()), new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }
}
