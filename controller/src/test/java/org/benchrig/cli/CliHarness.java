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

    /**
     * Host protocol of the test rigs: 2 worker processes of 2 values of 20 ms each, 2 s of warm-up
     * at most, so a host benchmark costs about a second, not the fast preset's 5 to 15 (the full
     * protocol is proven by HostBaselinesTest and HostRunnerTest with their own configs).
     */
    public static final int TEST_PROCESSES = 2;
    public static final int TEST_VALUES = 2;
    static final String TEST_PROTOCOL = "{processes: " + TEST_PROCESSES + ", max_processes: " + TEST_PROCESSES
            + ", values: " + TEST_VALUES + ", min_value_ms: 20, max_warmup_s: 2}";

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
                    .append(h.startsWith("pypy") ? "pypy3" : "python3").append('\n')
                    .append("    protocol: ").append(TEST_PROTOCOL).append('\n');
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
