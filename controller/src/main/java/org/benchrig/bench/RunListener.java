package org.benchrig.bench;

import org.benchrig.result.ScalingPoint;
import org.benchrig.result.Measurement;

/** Follows a run as it happens: progress bars, log lines, later MQTT and SSE. All calls may come from worker threads. */
public interface RunListener {
    default void started(long runId, RunPlan plan) {
    }

    default void benchmarkStarted(String target, Benchmark benchmark) {
    }

    default void measured(Measurement m) {
    }

    /** A target finished all its benchmarks, or could not be prepared ({@code problem} non-null). */
    default void targetFinished(String target, String problem) {
    }

    /** Something the user should know that does not fail the run (e.g. a power sensor stopped answering). */
    default void warning(String target, String message) {
    }

    /** A target starts its concurrency workloads (after every target's benchmarks). */
    default void concurrencyStarted(String target) {
    }

    /** One trial of a concurrency workload was stored. */
    default void scaled(ScalingPoint point) {
    }

    default void finished(long runId, String state) {
    }
}
