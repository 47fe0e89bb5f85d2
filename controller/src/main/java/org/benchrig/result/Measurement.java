package org.benchrig.result;

import java.time.Instant;

/**
 * One repetition of one benchmark on one target, created once and read by every output
 * (store, MQTT, web). {@code id} is stable so consumers can drop duplicates.
 *
 * @param timeNs    time measured by the target itself (ticks_us on boards, perf_counter_ns on hosts)
 * @param wallNs    time seen by the controller (cold host samples: spawn to result), or null
 * @param check     the self-check value the benchmark returned, or null
 */
public record Measurement(String id, long runId, String target, String benchmark, String tier,
                          int repetition, Mode mode, Long timeNs, Long wallNs, HeapUse heap,
                          String check, Outcome outcome, Instant at) {
}
