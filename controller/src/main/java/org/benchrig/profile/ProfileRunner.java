package org.benchrig.profile;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.benchrig.config.HostConfig;
import org.benchrig.host.HostException;
import org.benchrig.host.HostInterpreter;
import org.benchrig.result.HarnessFrame;
import org.benchrig.time.Deadline;

/**
 * Profiles one benchmark on one host interpreter through {@code firmware-scripts/harness/profrun.py}:
 * one process (warm-up, sampled phase, cProfile phase) whose frame carries the controller's nonce
 * and whose stacks and table come back as files in a temp folder. Never throws for what the
 * process did: a failure is a {@link Profile} with outcome failed and the reason.
 */
public final class ProfileRunner {
    /** Budget for running the interpreter once to resolve its real executable (as the host runner's). */
    static final java.time.Duration DETECT = java.time.Duration.ofSeconds(10);
    /** How long a killed process may take to go. */
    static final long KILL_WAIT_MS = 5_000;
    private final HostConfig host;
    private final Path harnessDir;
    private final Path benchmarkDir;

    public ProfileRunner(HostConfig host, Path harnessDir, Path benchmarkDir) {
        this.host = host;
        this.harnessDir = harnessDir.toAbsolutePath().normalize();
        this.benchmarkDir = benchmarkDir.toAbsolutePath().normalize();
    }

    /**
     * Profiles {@code bench} at {@code tier}.
     *
     * @param expected the catalog's self-check for the tier, or null to take the harness's own verdict
     */
    public Profile run(String bench, String tier, Object expected, ProfileSettings s) {
        HostInterpreter interp;
        try {
            interp = HostInterpreter.detect(host, Deadline.in(DETECT));
        } catch (HostException e) {
            return Profile.failed(host.id(), bench, tier, e.getMessage());
        }
        Path out = null;
        Path err = null;
        Process p = null;
        try {
            out = Files.createTempDirectory("benchrig-profile");
            err = out.resolve("stderr.txt");
            String nonce = HarnessFrame.freshNonce();
            List<String> cmd = new ArrayList<>();
            if (!host.cpus().isEmpty()) {
                cmd.addAll(List.of("taskset", "-c", String.join(",", host.cpus().stream().map(String::valueOf).toList())));
            }
            cmd.addAll(List.of(interp.executable(), harnessDir.resolve("profrun.py").toString(),
                    "--bench-dir", benchmarkDir.toString(), "--bench", bench, "--tier", tier, "--nonce", nonce,
                    "--out", out.toString(), "--rate", String.valueOf(s.rateHz()),
                    "--warmup-seconds", String.valueOf(s.warmupSeconds()), "--seconds", String.valueOf(s.seconds()),
                    "--cprofile-seconds", String.valueOf(s.cprofileSeconds())));
            if (!s.sample()) {
                cmd.add("--no-sample");
            }
            Path stdout = out.resolve("stdout.txt");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
            p = pb.start();
            if (!p.waitFor(s.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                return Profile.failed(host.id(), bench, tier, "no profile within " + s.timeout().toSeconds() + " s; process killed");
            }
            HarnessFrame.FrameScan scan = HarnessFrame.scan(Files.readString(stdout), nonce);
            if (scan.frame().isEmpty()) {
                return Profile.failed(host.id(), bench, tier, "host '" + host.id() + "' (" + host.interpreter()
                        + ") exited with code " + p.exitValue() + " without a profile: " + lastLines(err, 4));
            }
            HarnessFrame f = scan.frame().get();
            String outcome = f.get("outcome");
            String detail = f.get("exc");
            if (expected != null && (outcome.equals("ok") || outcome.equals("wrong"))) {
                HarnessFrame.Decision d = f.decide(expected);
                outcome = d.outcome().isOk() ? "ok" : "wrong";
                detail = d.outcome().isOk() ? "" : d.outcome().detail();
            }
            Path folded = out.resolve("stacks.folded");
            Path table = out.resolve("cprofile.tsv");
            FoldedStacks stacks = Files.isRegularFile(folded)
                    ? FoldedStacks.parse(Files.readString(folded), "stacks.folded") : new FoldedStacks(List.of());
            CallTable calls = Files.isRegularFile(table)
                    ? CallTable.parse(Files.readString(table), "cprofile.tsv") : new CallTable(List.of());
            java.util.Map<String, String> meta = new java.util.LinkedHashMap<>(f.fields());
            meta.keySet().removeAll(List.of("n", "prof", "outcome", "exc", "bench", "tier"));
            meta.put("target", host.id());
            return new Profile(host.id(), bench, tier, outcome, detail, meta, stacks, calls);
        } catch (IOException | IllegalArgumentException e) {
            return Profile.failed(host.id(), bench, tier, "profile of " + bench + " on " + host.id() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Profile.failed(host.id(), bench, tier, "interrupted");
        } finally {
            if (p != null) {
                kill(p);
            }
            deleteTree(out);
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            files.forEach(ProfileRunner::deleteQuietly);
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
        deleteQuietly(dir);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }

    private static String lastLines(Path file, int n) {
        try {
            List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
            return String.join(" / ", lines.subList(Math.max(0, lines.size() - n), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    /** Ends the process and whatever it started (taskset execs, so usually nothing), within a bound. */
    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(KILL_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
