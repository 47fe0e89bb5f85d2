package org.benchrig.result;

/** Why a measurement failed; recorded with every failed measurement (LAVA-style taxonomy). */
public enum FailureClass {
    /** Link lost, flash failed, board hung: the rig's fault, not the benchmark's. */
    INFRASTRUCTURE,
    /** MemoryError: the workload does not fit the target's heap. */
    DOES_NOT_FIT,
    /** The benchmark raised an exception. */
    BENCHMARK_ERROR,
    /** The benchmark's self-check value differs from the expected one. */
    WRONG_RESULT,
    /** The benchmark ran past its deadline. */
    TIMEOUT,
    /** A bug of ours. */
    CONTROLLER,
    /** The target lacks what the workload needs (e.g. no {@code _thread} in the board's firmware): no value, by design. */
    NOT_SUPPORTED
}
