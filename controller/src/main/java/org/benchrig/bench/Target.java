package org.benchrig.bench;

import java.util.function.Consumer;
import org.benchrig.config.TargetConfig;
import org.benchrig.result.ScalingPoint;
import org.benchrig.result.Measurement;
import org.benchrig.store.TargetInfo;

/** Anything a benchmark runs on: a board or a host interpreter. One worker thread drives each. */
public interface Target {

    /** The target's config: its id and tier are the config's. */
    TargetConfig config();

    default String id() {
        return config().id();
    }

    /** Opens the board or finds the interpreter, and says what it is, for the store. */
    TargetInfo prepare();

    /** How many measurements {@link #run} delivers for {@code repetitions} (hosts measure cold and warm). */
    int measurementsPer(int repetitions);

    /**
     * Runs every repetition of {@code benchmark}, handing each measurement to {@code sink} as it
     * completes. Failures are measurements with their class, not exceptions.
     */
    void run(Benchmark benchmark, RunSettings settings, Consumer<Measurement> sink);

    /** Where the target sends warnings that do not fail the run; called before {@link #prepare()}. */
    default void warnings(Consumer<String> sink) {
    }

    /**
     * Called after the target's last benchmark of a run: a target that saw trouble checks itself
     * now, so its state (e.g. a quarantined board) is known when the run ends.
     */
    default void finish() {
    }

    /**
     * Runs the concurrency workloads (threads vs processes vs asyncio, I/O) once, after every
     * target's benchmarks, with no other target running; a target that cannot run them says why
     * in one point per workload.
     */
    void concurrency(long runId, Consumer<ScalingPoint> sink);

    /**
     * True when this target's numbers need the CPU to itself (hosts): its benchmarks then run
     * alone, never beside another target's benchmark (see {@link QuietGate}).
     */
    default boolean needsQuietCpu() {
        return false;
    }

    /** The tier of parameters this target runs. */
    default String tier() {
        return config().tier();
    }
}
