package org.benchrig.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One benchmark script in firmware-scripts/benchmarks/: its workload class, parameter tiers
 * (the smallest, "s", fits a micro:bit) and the self-check value per tier.
 */
public record Benchmark(String name, Path file, String workloadClass, Map<String, List<Object>> tiers,
                        Map<String, Object> expect, List<String> suites, String description, String sha256) {

    public Benchmark {
        tiers = Map.copyOf(tiers);
        expect = Map.copyOf(expect);
        suites = List.copyOf(suites);
    }

    /** The parameters of {@code tier} as written in the file, e.g. "(6,)" -> "6". */
    public String params(String tier) {
        List<Object> p = tiers.get(tier);
        return p == null ? "" : p.toString().replaceAll("^\\[|]$", "");
    }

    public boolean hasTier(String tier) {
        return tiers.containsKey(tier);
    }
}
