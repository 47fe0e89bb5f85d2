package org.benchrig.instrument;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Pairs marker edges into windows. Robust to what real wiring and listener threads deliver:
 * edges out of order (sorted by timestamp first), doubled edges (a second rising edge before the
 * falling one keeps the first; a second falling edge is ignored), and missing edges (a falling
 * edge with no rising one before it, and a rising edge never followed by a falling one, make no window).
 */
public final class EdgePairing {
    private EdgePairing() {
    }

    public static List<MarkerWindow> windows(List<Edge> edges) {
        List<Edge> sorted = new ArrayList<>(edges);
        sorted.sort(Comparator.comparingLong(Edge::nanos));
        List<MarkerWindow> out = new ArrayList<>();
        Long start = null;
        for (Edge e : sorted) {
            if (e.rising()) {
                if (start == null) {
                    start = e.nanos();
                }
            } else if (start != null) {
                out.add(new MarkerWindow(start, e.nanos()));
                start = null;
            }
        }
        return out;
    }

    /**
     * The window of one repetition whose board-measured time is {@code ticksNs}: of several
     * candidates, the one whose width is closest to it; null when there is none.
     */
    public static MarkerWindow best(List<MarkerWindow> windows, Long ticksNs) {
        MarkerWindow best = null;
        for (MarkerWindow w : windows) {
            if (best == null || (ticksNs != null
                    && Math.abs(w.widthNs() - ticksNs) < Math.abs(best.widthNs() - ticksNs))) {
                best = w;
            }
        }
        return best;
    }
}
