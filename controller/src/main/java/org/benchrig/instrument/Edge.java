package org.benchrig.instrument;

/** One marker edge: when the controller saw it (System.nanoTime clock) and its direction. */
public record Edge(long nanos, boolean rising) {
}
