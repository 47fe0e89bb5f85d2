package org.benchrig.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The benchmarks and suites in firmware-scripts/. Read by the scripts' own catalog.py (Python's
 * ast reads the files; no Python is parsed here), which also checks each file's contract.
 */
public final class Catalog {
    /** catalog.py reads ~20 small files; seconds only on a badly loaded host. */
    private static final Duration CATALOG_WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path scriptsDir;
    private final Map<String, Benchmark> benchmarks;
    private final Map<String, List<String>> suites;

    private final PerfBench perfBench;

    private Catalog(Path scriptsDir, Map<String, Benchmark> benchmarks, Map<String, List<String>> suites, String python) {
        this.scriptsDir = scriptsDir;
        this.benchmarks = benchmarks;
        this.suites = suites;
        this.perfBench = new PerfBench(scriptsDir.resolve("harness/perfbench.py"), python);
    }

    /** Turns this catalog's perf_bench files into runnable modules per target (shared by all targets of a run). */
    public PerfBench perfBench() {
        return perfBench;
    }

    /** Loads the catalog of {@code scriptsDir} (holding harness/ and benchmarks/) with {@code python}. */
    public static Catalog load(Path scriptsDir, String python) {
        return load(scriptsDir, python, List.of());
    }

    /**
     * As {@link #load(Path, String)}, plus the benchmark files of {@code userDirs} (rig config
     * {@code benchmarks:}, {@code run --bench-dir}): benchrig's contract or MicroPython's perf_bench
     * format, in suite "user" (and "perfbench").
     *
     * @throws BenchmarkFileErrors when a file breaks its contract (file:line:field and what was expected)
     * @throws IllegalArgumentException when a directory does not exist
     */
    public static Catalog load(Path scriptsDir, String python, List<Path> userDirs) {
        Path benchDir = scriptsDir.resolve("benchmarks");
        List<String> cmd = new ArrayList<>(List.of(python, scriptsDir.resolve("harness/catalog.py").toString(),
                benchDir.toString()));
        for (Path d : userDirs) {
            if (!java.nio.file.Files.isDirectory(d)) {
                throw new IllegalArgumentException("benchmark directory " + d + " does not exist or is not a directory");
            }
            cmd.add(d.toAbsolutePath().normalize().toString());
        }
        JsonNode root;
        Process p = null;
        try {
            p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(CATALOG_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("catalog.py did not finish within " + CATALOG_WAIT.toSeconds() + " s");
            }
            root = JSON.readTree(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the benchmark catalog with " + python + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the benchmark catalog", e);
        } finally {
            if (p != null) {
                p.destroyForcibly();
            }
        }
        if (root.path("errors").size() > 0) {
            List<String> problems = new ArrayList<>();
            root.path("errors").forEach(e -> problems.add(e.path("file").asText() + ":" + e.path("line").asInt(1)
                    + ":1: " + e.path("field").asText("(file)") + ": " + e.path("error").asText()));
            throw new BenchmarkFileErrors(problems);
        }
        Map<String, Benchmark> benches = new LinkedHashMap<>();
        for (JsonNode b : root.path("benchmarks")) {
            Map<String, List<Object>> tiers = new LinkedHashMap<>();
            b.path("tiers").fields().forEachRemaining(e -> tiers.put(e.getKey(), JSON.convertValue(e.getValue(), List.class)));
            Map<String, Object> expect = new LinkedHashMap<>();
            b.path("expect").fields().forEachRemaining(e -> expect.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class)));
            List<String> inSuites = new ArrayList<>();
            b.path("suites").forEach(s -> inSuites.add(s.asText()));
            String name = b.path("name").asText();
            List<String> needs = new ArrayList<>();
            b.path("needs").forEach(n -> needs.add(n.asText()));
            Path dir = b.hasNonNull("dir") ? Path.of(b.path("dir").asText()) : benchDir;
            benches.put(name, new Benchmark(name, dir.resolve(b.path("file").asText()), b.path("class").asText(),
                    tiers, expect, inSuites, b.path("description").asText(), b.path("sha256").asText(),
                    b.path("format").asText(Benchmark.BENCHRIG), b.hasNonNull("app") ? b.path("app").asText() : null,
                    needs));
        }
        Map<String, List<String>> suites = new LinkedHashMap<>();
        root.path("suites").fields().forEachRemaining(e -> {
            List<String> names = new ArrayList<>();
            e.getValue().forEach(n -> names.add(n.asText()));
            suites.put(e.getKey(), List.copyOf(names));
        });
        return new Catalog(scriptsDir, Map.copyOf(benches), Map.copyOf(suites), python);
    }

    public Path harnessFile() {
        return scriptsDir.resolve("harness/bh.py");
    }

    public Path hostRunner() {
        return scriptsDir.resolve("harness/hostrun.py");
    }

    public Path benchmarkDir() {
        return scriptsDir.resolve("benchmarks");
    }

    public Optional<Benchmark> benchmark(String name) {
        return Optional.ofNullable(benchmarks.get(name));
    }

    public List<String> suiteNames() {
        return suites.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).sorted().toList();
    }

    /**
     * The benchmarks of a suite, or the comma-separated benchmark names given instead of a suite
     * (so a single benchmark outside every suite, like bigalloc, can be run on purpose).
     */
    public List<Benchmark> resolve(String suiteOrNames) {
        List<String> names = suites.get(suiteOrNames);
        if (names != null && names.isEmpty()) {
            throw new IllegalArgumentException("suite '" + suiteOrNames + "' has no benchmarks: it holds the files of "
                    + "your benchmark directories (run --bench-dir DIR, or benchmarks: in the rig config)"
                    + ("perfbench".equals(suiteOrNames) ? " in MicroPython's perf_bench format" : ""));
        }
        if (names == null) {
            names = List.of(suiteOrNames.split(","));
            for (String n : names) {
                if (!benchmarks.containsKey(n.strip())) {
                    throw new IllegalArgumentException("no suite or benchmark '" + n.strip() + "'; suites: "
                            + suiteNames() + "; benchmarks: " + benchmarks.keySet().stream().sorted().toList());
                }
            }
        }
        return names.stream().map(n -> benchmarks.get(n.strip())).toList();
    }
}
