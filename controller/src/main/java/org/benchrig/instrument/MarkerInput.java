package org.benchrig.instrument;

import java.util.List;

/** Timestamped edges of a board's marker pin, on the {@link System#nanoTime()} clock. */
public interface MarkerInput extends AutoCloseable {
    /** Edges seen from {@code fromNanos} to {@code toNanos} inclusive, in the order they were seen. */
    List<Edge> edgesBetween(long fromNanos, long toNanos);

    /** How many edges have arrived so far: hand it to {@link #edgesSince} to get only later arrivals. */
    long mark();

    /** Edges that arrived after {@link #mark()} returned {@code mark}, in arrival order. */
    List<Edge> edgesSince(long mark);

    /** "GPIO 5", "GPIO 5 (simulated)". */
    String label();

    @Override
    void close();
}
