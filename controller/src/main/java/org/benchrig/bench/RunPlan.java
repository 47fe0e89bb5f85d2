package org.benchrig.bench;

import java.time.Duration;
import java.util.List;

/**
 * What a run will do: a suite's benchmarks on these targets, this many repetitions each, and
 * with {@code concurrency} the concurrency workloads on every target after them.
 */
public record RunPlan(String rig, String suite, List<Benchmark> benchmarks, List<Target> targets, int repetitions,
                      Duration benchmarkTimeout, String configHash, boolean concurrency) {

    /** A plan without the concurrency workloads. */
    public RunPlan(String rig, String suite, List<Benchmark> benchmarks, List<Target> targets, int repetitions,
                   Duration benchmarkTimeout, String configHash) {
        this(rig, suite, benchmarks, targets, repetitions, benchmarkTimeout, configHash, false);
    }

    public RunPlan {
        benchmarks = List.copyOf(benchmarks);
        targets = List.copyOf(targets);
        if (repetitions < 1) {
            throw new IllegalArgumentException("repetitions must be at least 1, got " + repetitions);
        }
    }

    public List<String> targetIds() {
        return targets.stream().map(Target::id).toList();
    }

    /** Measurements a target will deliver, for progress and ETA. */
    public int expectedFor(Target t) {
        return benchmarks.size() * t.measurementsPer(repetitions);
    }
}
