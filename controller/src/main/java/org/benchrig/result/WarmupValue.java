package org.benchrig.result;

/**
 * One warm-up value of a host worker process, as hostrun.py reported it ({@code kind=warmup}):
 * {@code loops} back-to-back calls timed together, in the order the process took them. With the
 * process's values and a cold sample's start-up and import they make its warm-up curve
 * ({@code stats.WarmupCurve}); stored per run in the {@code warmup_values} table.
 *
 * @param process the worker process of the benchmark, 0.. (as {@link HostValue#process()})
 * @param index   the warm-up's number within its process, 0..
 */
public record WarmupValue(String target, String benchmark, int process, int index, long loops, long valueNs) {
}
