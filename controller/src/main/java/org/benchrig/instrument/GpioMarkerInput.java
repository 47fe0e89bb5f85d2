package org.benchrig.instrument;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.LongSupplier;

/**
 * A marker input through a Pi4J digital input: a state-change listener stamps each edge with the
 * clock as it arrives. Pi4J 2.8's listener carries no kernel timestamp, so an edge's stamp is when
 * the listener ran: tens of microseconds after the edge on an idle Pi (docs/wiring.md).
 */
public final class GpioMarkerInput implements MarkerInput {
    /** Edges older than this are dropped; a repetition never needs more history than its own timeout. */
    private static final int MAX_EDGES = 4096;

    private final DigitalInput input;
    private final LongSupplier clock;
    private final String label;
    private final ConcurrentLinkedDeque<Edge> edges = new ConcurrentLinkedDeque<>();
    private final ConcurrentLinkedDeque<Long> arrivals = new ConcurrentLinkedDeque<>();
    private final java.util.concurrent.atomic.AtomicLong arrived = new java.util.concurrent.atomic.AtomicLong();
    private final DigitalStateChangeListener listener;

    public GpioMarkerInput(DigitalInput input, LongSupplier clock, String label) {
        this.input = input;
        this.clock = clock;
        this.label = label;
        this.listener = event -> {
            long now = clock.getAsLong();
            if (event.state() == DigitalState.UNKNOWN) {
                return;
            }
            synchronized (edges) {
                edges.add(new Edge(now, event.state() == DigitalState.HIGH));
                arrivals.add(arrived.incrementAndGet());
                while (edges.size() > MAX_EDGES) {
                    edges.pollFirst();
                    arrivals.pollFirst();
                }
            }
        };
        input.addListener(listener);
    }

    @Override
    public List<Edge> edgesBetween(long fromNanos, long toNanos) {
        List<Edge> out = new ArrayList<>();
        for (Edge e : edges) {
            if (e.nanos() >= fromNanos && e.nanos() <= toNanos) {
                out.add(e);
            }
        }
        return out;
    }

    @Override
    public long mark() {
        return arrived.get();
    }

    @Override
    public List<Edge> edgesSince(long mark) {
        List<Edge> out = new ArrayList<>();
        synchronized (edges) {
            var a = arrivals.iterator();
            for (Edge e : edges) {
                if (a.next() > mark) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public void close() {
        input.removeListener(listener);
    }
}
