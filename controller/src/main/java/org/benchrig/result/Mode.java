package org.benchrig.result;

/**
 * Cold: the first repetition in a fresh process (hosts) or after a soft reset (boards), start-up,
 * import and JIT warm-up included. Warm: steady state after warm-up.
 */
public enum Mode { COLD, WARM }
