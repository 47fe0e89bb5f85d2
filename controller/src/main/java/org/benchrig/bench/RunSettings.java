package org.benchrig.bench;

import java.time.Duration;
import java.time.Instant;
import org.benchrig.result.HeapUse;
import org.benchrig.result.Measurement;
import org.benchrig.result.Mode;
import org.benchrig.result.Outcome;

/** What every target of one run shares: the run's identity, repetitions and the per-benchmark deadline. */
public record RunSettings(String rig, long runId, int repetitions, Duration benchmarkTimeout) {

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
