package org.benchrig.host;

import org.benchrig.result.HostValue;
import org.benchrig.result.Latency;
import org.benchrig.result.Mode;
import org.benchrig.result.Outcome;

/**
 * One cold sample or warm value of one benchmark on a host interpreter, as the runner saw it.
 *
 * @param repetition the sample number within its mode, 0..
 * @param timeNs     time per call: warm, value_ns / loops; cold, the first call; or null
 * @param wallNs     cold: the whole process, spawn to the end of the first call, seen by the
 *                   controller; warm: null
 * @param peakRssKb  peak resident set size of the process in KB, or null
 * @param check      the self-check value the benchmark returned, or null
 * @param value      loops, process, warm-ups, steady flag and the cold split
 * @param latency    an app workload's per-operation percentiles (the frame's ops/p50/p95/p99), or null
 */
public record HostSample(Mode mode, int repetition, Long timeNs, Long wallNs, Long peakRssKb, String check,
                         Outcome outcome, HostValue value, Latency latency) {

    /** A sample without per-operation latency. */
    public HostSample(Mode mode, int repetition, Long timeNs, Long wallNs, Long peakRssKb, String check, Outcome outcome,
                      HostValue value) {
        this(mode, repetition, timeNs, wallNs, peakRssKb, check, outcome, value, null);
    }
}
