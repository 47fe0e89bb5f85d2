package org.benchrig.result;

import java.time.Instant;

/**
 * One repetition of one benchmark on one target, created once and read by every output
 * (store, MQTT, web). {@code id} is stable so consumers can drop duplicates.
 *
 * @param timeNs    time measured by the target itself (ticks_us on boards, perf_counter_ns on hosts)
 * @param wallNs    time seen by the controller (cold host samples: spawn to result), or null
 * @param check     the self-check value the benchmark returned, or null
 * @param energy    energy in the repetition's window when a power meter measured it, else null
 * @param host      how a host value was taken (loops, process, warm-ups, steady, cold split), else null
 * @param latency   an app workload's per-operation percentiles over this measurement, else null
 */
public record Measurement(String id, long runId, String target, String benchmark, String tier,
                          int repetition, Mode mode, Long timeNs, Long wallNs, HeapUse heap,
                          String check, Outcome outcome, Instant at, Energy energy, HostValue host, Latency latency) {

    /** A measurement without per-operation latency (benchmarks that are not app workloads). */
    public Measurement(String id, long runId, String target, String benchmark, String tier, int repetition, Mode mode,
                       Long timeNs, Long wallNs, HeapUse heap, String check, Outcome outcome, Instant at, Energy energy,
                       HostValue host) {
        this(id, runId, target, benchmark, tier, repetition, mode, timeNs, wallNs, heap, check, outcome, at, energy, host, null);
    }

    /** A measurement without host details (boards). */
    public Measurement(String id, long runId, String target, String benchmark, String tier, int repetition, Mode mode,
                       Long timeNs, Long wallNs, HeapUse heap, String check, Outcome outcome, Instant at, Energy energy) {
        this(id, runId, target, benchmark, tier, repetition, mode, timeNs, wallNs, heap, check, outcome, at, energy, null);
    }

    /** A measurement without energy (hosts, boards without a power meter). */
    public Measurement(String id, long runId, String target, String benchmark, String tier, int repetition, Mode mode,
                       Long timeNs, Long wallNs, HeapUse heap, String check, Outcome outcome, Instant at) {
        this(id, runId, target, benchmark, tier, repetition, mode, timeNs, wallNs, heap, check, outcome, at, null, null);
    }

    /** The same measurement with energy attached. */
    public Measurement withEnergy(Energy e) {
        return new Measurement(id, runId, target, benchmark, tier, repetition, mode, timeNs, wallNs, heap, check,
                outcome, at, e, host, latency);
    }

    /** The same measurement with its per-operation latency. */
    public Measurement withLatency(Latency l) {
        return new Measurement(id, runId, target, benchmark, tier, repetition, mode, timeNs, wallNs, heap, check,
                outcome, at, energy, host, l);
    }

    /**
     * How long the one timed stretch behind this number lasted: a host's warm value is {@code loops}
     * calls timed together, its cold sample the whole process; elsewhere the time itself. A value
     * too short for the timer is judged on this, not on the time per call.
     */
    public Long timedNs() {
        if (host != null && mode == Mode.WARM && host.valueNs() != null && host.valueNs() > 0) {
            return host.valueNs();
        }
        return host != null && wallNs != null ? wallNs : timeNs;
    }

    /** True for a warm host value whose process never reached steady state. */
    public boolean unsteady() {
        return host != null && host.unsteady();
    }
}
