package org.benchrig.host;

import org.benchrig.result.Mode;
import org.benchrig.result.Outcome;

/**
 * One repetition of one benchmark on a host interpreter, as the runner saw it.
 *
 * @param repetition the sample number, 0..reps-1
 * @param timeNs     the harness's in-process time of the bench call (perf_counter_ns), or null
 * @param wallNs     cold: spawn-to-result time seen by the controller (start-up, imports and JIT
 *                   warm-up included); warm: null
 * @param peakRssKb  peak resident set size of the process in KB: cold, the process line's
 *                   {@code maxrss_kb}; warm, the process's high-water mark when the line arrived; or null
 * @param check      the self-check value the benchmark returned, or null
 * @param warmups    warm-up repetitions the process ran before this sample (0 for cold)
 * @param steady     true when warm-up ended by the steady-state rule, not by a limit
 */
public record HostSample(Mode mode, int repetition, Long timeNs, Long wallNs, Long peakRssKb, String check,
                         Outcome outcome, int warmups, boolean steady) {
}
