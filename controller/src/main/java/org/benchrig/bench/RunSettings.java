package org.benchrig.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.benchrig.result.HeapUse;
import org.benchrig.result.Measurement;
import org.benchrig.result.Mode;
import org.benchrig.result.Outcome;
import org.benchrig.result.WarmupValue;

/**
 * What every target of one run shares: the run's identity, suite, repetitions and the per-benchmark
 * deadline, the gate that keeps host values apart from other CPU work, and where a host's
 * warm-up values go (one list per worker process; the store keeps them for the warm-up curves).
 */
public record RunSettings(String rig, long runId, String suite, int repetitions, Duration benchmarkTimeout,
                          QuietGate gate, Consumer<List<WarmupValue>> warmups) {

    /** Settings without isolation (one target alone), keeping no warm-up values. */
    public RunSettings(String rig, long runId, String suite, int repetitions, Duration benchmarkTimeout) {
        this(rig, runId, suite, repetitions, benchmarkTimeout, QuietGate.open(), w -> { });
    }

    /** A stable id, the same wherever the measurement travels (store, MQTT, hub). */
    public String measurementId(String target, String benchmark, Mode mode, int repetition) {
        return rig + "/" + runId + "/" + target + "/" + benchmark + "/" + mode.name().toLowerCase() + "/" + repetition;
    }

    /** A measurement that failed before producing any numbers. */
    public Measurement failure(String target, Benchmark b, String tier, Mode mode, int repetition, Outcome outcome) {
        return new Measurement(measurementId(target, b.name(), mode, repetition), runId, target, b.name(), tier,
                repetition, mode, null, null, HeapUse.none(), null, outcome, Instant.now());
    }
}
