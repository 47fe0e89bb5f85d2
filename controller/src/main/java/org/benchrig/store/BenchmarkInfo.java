package org.benchrig.store;

/**
 * A benchmark as it was run in one run: its workload class, parameter tier, parameters, the hash of
 * its source and the expected self-check value.
 */
public record BenchmarkInfo(String name, String workloadClass, String tier, String params,
                            String sourceHash, String expect) {
}
