package org.benchrig.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.benchrig.result.FailureClass;
import org.benchrig.result.Outcome;

/**
 * MicroPython's perf_bench format as run-perfbench.py runs it: the tier of a target is the largest
 * {@code bm_params} key (N', M') with 10 N' &lt;= 12 N and M' &lt;= M, N being the target's speed
 * (about its MHz) and M its heap in KB; the expected value is CPython's. A chosen file is turned
 * into a benchrig module (the user's source unchanged plus a generated tail, harness/perfbench.py),
 * once per file and key for all targets of this controller.
 */
public final class PerfBench {
    /** run-perfbench.py's values for a PC ("N, M = 1000, 1000 # PC"): what hosts are given. */
    public static final int HOST_N = 1000;
    public static final int HOST_M = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path adapter;
    private final String truthPython;
    private final Map<String, Benchmark> prepared = new ConcurrentHashMap<>();
    private volatile Path workDir;

    PerfBench(Path adapter, String truthPython) {
        this.adapter = adapter;
        this.truthPython = truthPython;
    }

    /** A target's speed (N, about its MHz) and heap (M, KB), as run-perfbench.py's arguments. */
    public record Size(int n, int m) {
        @Override
        public String toString() {
            return "N=" + n + " M=" + m;
        }
    }

    /** What a target runs of a perf_bench file: the prepared benchmark and its tier, or why nothing. */
    public record Choice(Benchmark benchmark, String tier, Outcome skipped) {
        public boolean runs() {
            return skipped == null;
        }
    }

    /** run-perfbench.py's choice of a key, as "NxM", or null when none fits. */
    static String pick(Iterable<String> keys, Size size) {
        int[] cur = {0, 0};
        String best = null;
        for (String k : keys) {
            int[] nm = parse(k);
            boolean larger = nm[0] > cur[0] || nm[0] == cur[0] && nm[1] > cur[1];
            if (10 * nm[0] <= 12 * size.n() && nm[1] <= size.m() && larger) {
                cur = nm;
                best = k;
            }
        }
        return best;
    }

    private static int[] parse(String key) {
        String[] p = key.split("x");
        return new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])};
    }

    /**
     * The tier {@code size} gets, prepared with CPython's expected value; or, recorded as
     * measurements with the reason, what the target lacks: a feature in {@code lacks} (complex,
     * native, viper, with the target's words in {@code why}), or a key small enough.
     */
    public Choice choose(Benchmark b, Size size, Set<String> lacks, String why, Duration timeout) {
        for (String need : b.needs()) {
            if (lacks.contains(need)) {
                return new Choice(b, "-", Outcome.failed(FailureClass.NOT_SUPPORTED, "needs " + describe(need)
                        + ", which " + why));
            }
        }
        String key = pick(b.tiers().keySet(), size);
        if (key == null) {
            List<int[]> keys = b.tiers().keySet().stream().map(PerfBench::parse).toList();
            boolean speedFits = keys.stream().anyMatch(k -> 10 * k[0] <= 12 * size.n());
            int minHeap = keys.stream().filter(k -> 10 * k[0] <= 12 * size.n()).mapToInt(k -> k[1]).min().orElse(0);
            int minSpeed = keys.stream().mapToInt(k -> k[0]).min().orElse(0);
            Outcome o = speedFits
                    ? Outcome.failed(FailureClass.DOES_NOT_FIT, "no bm_params key fits " + size + ": needs a heap of "
                            + minHeap + " KB or more (bm_params keys " + b.tiers().keySet() + ")")
                    : Outcome.failed(FailureClass.NOT_SUPPORTED, "no bm_params key fits " + size + ": the smallest is for N="
                            + minSpeed + " (bm_params keys " + b.tiers().keySet() + ")");
            return new Choice(b, "-", o);
        }
        try {
            return new Choice(prepare(b, key, timeout), key, null);
        } catch (IllegalStateException e) {
            return new Choice(b, key, Outcome.failed(FailureClass.INFRASTRUCTURE, e.getMessage()));
        }
    }

    private static String describe(String need) {
        return switch (need) {
            case "complex" -> "complex numbers";
            case "native" -> "MicroPython's native code emitter (@micropython.native)";
            case "viper" -> "MicroPython's viper code emitter (@micropython.viper)";
            default -> need;
        };
    }

    /** The benchrig module for {@code key}: generated once, its EXPECT CPython's value. */
    Benchmark prepare(Benchmark b, String key, Duration timeout) {
        String id = b.sha256() + "-" + key;
        Benchmark done = prepared.get(id);
        if (done != null) {
            return done;
        }
        synchronized (this) {
            done = prepared.get(id);
            if (done == null) {
                done = generate(b, key, timeout);
                prepared.put(id, done);
            }
            return done;
        }
    }

    private Benchmark generate(Benchmark b, String key, Duration timeout) {
        Process p = null;
        try {
            Path dir = Files.createDirectories(workDir().resolve(b.sha256().substring(0, 12) + "-" + key));
            p = new ProcessBuilder(truthPython, adapter.toString(), b.file().toString(), key, dir.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("CPython (" + truthPython + ") gave no expected value for " + b.name()
                        + " " + key + " within " + timeout.toSeconds() + " s");
            }
            JsonNode r = JSON.readTree(new String(out, StandardCharsets.UTF_8));
            Path file = Path.of(r.path("file").asText());
            dir.toFile().deleteOnExit();   // files registered later are deleted first
            file.toFile().deleteOnExit();
            List<Object> params = new ArrayList<>();
            r.path("params").forEach(v -> params.add(JSON.convertValue(v, Object.class)));
            String truth = r.path("truth_error").isNull() ? "CPython's value"
                    : "'None' (CPython cannot run it: " + r.path("truth_error").asText() + ")";
            return new Benchmark(b.name(), file, b.workloadClass(), Map.of(key, params),
                    Map.of(key, r.path("expect").asText()), b.suites(), b.description() + "; expected: " + truth,
                    b.sha256(), b.format(), b.appClass(), b.needs());
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare perf_bench file " + b.file() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing " + b.file(), e);
        } finally {
            if (p != null) {
                p.destroyForcibly();
            }
        }
    }

    private synchronized Path workDir() throws IOException {
        if (workDir == null) {
            workDir = Files.createTempDirectory("benchrig-perfbench");
            workDir.toFile().deleteOnExit();
        }
        return workDir;
    }
}
