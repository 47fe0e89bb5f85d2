package org.benchrig.selfbench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.benchrig.stats.Summary;

/**
 * {@code selfbench cli}: the wall time of CLI board commands as a user runs them, through the
 * launcher ({@code ./benchrig exec mb1 'print(1)'}, {@code ./benchrig boards}): first while
 * {@code benchrig serve} owns the board (through the daemon), then with no daemon (each command
 * opens the board: boots the emulator, takes the lease). Each command is one whole process: the
 * JVM's start is part of what a user waits for. A scratch rig with one emulated board, its own
 * data dir and free ports; the serve it starts is stopped by its handle.
 */
public final class CliBench {
    /** A command that boots an emulator on a loaded host; more is a hang. */
    private static final Duration COMMAND_WAIT = Duration.ofSeconds(120);
    private static final Duration SERVE_WAIT = Duration.ofSeconds(120);

    /** One command's times, with the load average before and after its runs. */
    public record Row(String command, String path, Summary seconds, double first, String loadBefore, String loadAfter) {
    }

    private final Path launcher;
    private final Path home;
    private final PrintWriter log;

    public CliBench(Path home, PrintWriter log) {
        this.home = home;
        this.launcher = home.resolve("benchrig");
        this.log = log;
    }

    /** A scratch rig: one emulated board on {@code firmware}, web on a free loopback port, no MQTT. */
    public static Path writeRig(Path dir, Path firmware) throws IOException {
        Path cfg = dir.resolve("rig.yaml");
        Files.writeString(cfg, "rig: selfbench-cli\nplatform: simulated\ndata_dir: data\n"
                + "web: {bind: 127.0.0.1, port: 0}\nmqtt: {enabled: false}\n"
                + "boards:\n  - id: mb1\n    kind: emulated\n    firmware: " + firmware + "\nhosts: []\n");
        return cfg;
    }

    /** {@code runs} timed runs of each command (after one untimed, which boots the board), daemon first. */
    public List<Row> measure(Path cfg, int runs) throws IOException, InterruptedException {
        List<Row> rows = new ArrayList<>();
        Map<String, List<String>> commands = new LinkedHashMap<>();
        commands.put("exec mb1 'print(1)'", List.of(launcher.toString(), "exec", "mb1", "print(1)", "--config", cfg.toString()));
        commands.put("boards", List.of(launcher.toString(), "boards", "--config", cfg.toString()));
        Map<String, List<String>> withFloor = new LinkedHashMap<>(commands);
        // the floor under every command: the JVM's own start with the launcher's options, no class of ours
        withFloor.put("java -version", List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss1m", "-version"));
        Process serve = startServe(cfg);
        List<ProcessHandle> started = new ArrayList<>();
        try {
            rows.addAll(phase(withFloor, "via daemon", runs));
        } finally {
            started.addAll(serve.descendants().toList());
            serve.destroy(); // SIGTERM: serve stops its parts and its emulator
            if (!serve.waitFor(30, TimeUnit.SECONDS)) {
                serve.destroyForcibly();
            }
            started.forEach(ProcessHandle::destroyForcibly);
        }
        rows.addAll(phase(commands, "board opened directly", runs));
        return rows;
    }

    /** What a command's output must contain: the path it was to take, or {@code java -version}'s banner. */
    private String expected(List<String> cmd, String path) {
        return cmd.get(0).equals(launcher.toString()) ? path : "version";
    }

    private List<Row> phase(Map<String, List<String>> commands, String path, int runs)
            throws IOException, InterruptedException {
        List<Row> rows = new ArrayList<>();
        Map<String, Double> first = new LinkedHashMap<>();
        Map<String, double[]> times = new LinkedHashMap<>();
        for (var c : commands.entrySet()) {
            first.put(c.getKey(), run(c.getValue(), expected(c.getValue(), path)));
            times.put(c.getKey(), new double[runs]);
        }
        String before = loadAverage();
        for (int i = 0; i < runs; i++) { // interleaved: both commands see the same load
            for (var c : commands.entrySet()) {
                times.get(c.getKey())[i] = run(c.getValue(), expected(c.getValue(), path));
            }
        }
        String after = loadAverage();
        for (var c : commands.keySet()) {
            rows.add(new Row(c, commands.get(c).get(0).equals(launcher.toString()) ? path : "(no command: JVM start only)",
                    Summary.of(times.get(c)), first.get(c), before, after));
        }
        return rows;
    }

    /** One command through the launcher; its wall time in seconds. Checks it took {@code path}. */
    private double run(List<String> cmd, String path) throws IOException, InterruptedException {
        List<String> args = cmd.subList(1, cmd.size());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("BENCHRIG_HOME", home.toString());
        long t0 = System.nanoTime();
        Process p = pb.start();
        byte[] output;
        try {
            if (!p.waitFor(COMMAND_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IOException("`benchrig " + String.join(" ", args) + "` did not end within "
                        + COMMAND_WAIT.toSeconds() + " s");
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            output = p.getInputStream().readAllBytes();
            String text = new String(output, StandardCharsets.UTF_8);
            if (p.exitValue() != 0 || !text.contains(path)) {
                throw new IOException("`benchrig " + String.join(" ", args) + "` exited " + p.exitValue()
                        + " (expected 0, and the line '" + path + "'):\n" + text);
            }
            return secs;
        } finally {
            p.destroyForcibly();
        }
    }

    private Process startServe(Path cfg) throws IOException {
        // this JVM's own java and jar, not the launcher: serve's pid is then the one SIGTERM must reach
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "org.benchrig.cli.Main", "serve", "--config", cfg.toString()).redirectErrorStream(true);
        pb.environment().put("BENCHRIG_HOME", home.toString());
        pb.environment().remove("BENCHRIG_TOKEN"); // the CLI reaches it on loopback
        Process p = pb.start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long until = System.nanoTime() + SERVE_WAIT.toNanos();
        String line;
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < until && (line = r.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.startsWith("benchrig serving rig")) {
                Thread drain = new Thread(() -> drain(r), "selfbench-serve-output");
                drain.setDaemon(true);
                drain.start();
                log.println("selfbench cli: serve is up (pid " + p.pid() + ")");
                log.flush();
                return p;
            }
        }
        p.destroyForcibly();
        throw new IOException("benchrig serve did not start within " + SERVE_WAIT.toSeconds() + " s:\n" + seen);
    }

    private static void drain(BufferedReader r) {
        try {
            while (r.readLine() != null) {
                // serve's log is not measured; read so its pipe never fills
            }
        } catch (IOException ignored) {
            // serve stopped
        }
    }

    private static String loadAverage() throws IOException {
        return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
    }

    /** The markdown table of {@code rows}. */
    public static String markdown(List<Row> rows) {
        StringBuilder md = new StringBuilder("| command | path | median | min | max | N | first (boots the board) "
                + "| load average before / after |\n|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            md.append(String.format(Locale.ROOT, "| `%s` | %s | %.2f s | %.2f s | %.2f s | %d | %.2f s | %s / %s |%n",
                    r.command(), r.path(), r.seconds().median(), r.seconds().min(), r.seconds().max(), r.seconds().n(),
                    r.first(), r.loadBefore(), r.loadAfter()));
        }
        return md.toString();
    }
}
