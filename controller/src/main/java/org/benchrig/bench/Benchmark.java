package org.benchrig.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One benchmark script, in firmware-scripts/benchmarks/ or a user's directory: its workload
 * class, parameter tiers (the smallest, "s", fits a micro:bit) and the self-check value per tier.
 * A file in MicroPython's perf_bench format ({@link #PERFBENCH}) has tiers keyed "NxM" from its
 * {@code bm_params} and no expect: {@link PerfBench} picks the tier per target and takes the
 * expected value from CPython.
 *
 * @param format   {@link #BENCHRIG} or {@link #PERFBENCH}
 * @param appClass the app class a user's file says it stands for (service, pipeline, cli, embedded), or null
 * @param needs    what a perf_bench file needs from a target: complex, native, viper
 */
public record Benchmark(String name, Path file, String workloadClass, Map<String, List<Object>> tiers,
                        Map<String, Object> expect, List<String> suites, String description, String sha256,
                        String format, String appClass, List<String> needs) {
    public static final String BENCHRIG = "benchrig";
    public static final String PERFBENCH = "perfbench";

    public Benchmark {
        tiers = Map.copyOf(tiers);
        expect = Map.copyOf(expect);
        suites = List.copyOf(suites);
        needs = List.copyOf(needs);
        format = format == null ? BENCHRIG : format;
    }

    /** A benchmark in benchrig's own format. */
    public Benchmark(String name, Path file, String workloadClass, Map<String, List<Object>> tiers,
                     Map<String, Object> expect, List<String> suites, String description, String sha256) {
        this(name, file, workloadClass, tiers, expect, suites, description, sha256, BENCHRIG, null, List.of());
    }

    /** The parameters of {@code tier} as written in the file, e.g. "(6,)" -> "6". */
    public String params(String tier) {
        List<Object> p = tiers.get(tier);
        return p == null ? "" : p.toString().replaceAll("^\\[|]$", "");
    }

    public boolean hasTier(String tier) {
        return tiers.containsKey(tier);
    }

    public boolean perfBench() {
        return PERFBENCH.equals(format);
    }

    /** The tier a target configured for {@code targetTier} runs: its own, else "s". */
    public String tierFor(String targetTier) {
        return hasTier(targetTier) ? targetTier : "s";
    }
}
