package org.benchrig.bench;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.benchrig.result.Energy;
import org.benchrig.stats.Summary;

/**
 * Energy of one benchmark x target x mode over its successful repetitions: medians of the
 * millijoules between the marker edges, of average and peak current and of sensor samples.
 *
 * @param n         repetitions with an energy window
 * @param simulated true when any value came from a simulated sensor or simulated edges
 * @param flags     distinct window flags ({@code short-window}, {@code tick-mismatch}) in order of first appearance
 * @param flagged   how many repetitions carried a flag
 */
public record EnergySummary(int n, double millijoules, double averageMilliamps, double peakMilliamps, double samples,
                            String instrument, boolean simulated, List<String> flags, long flagged) {

    /** The summary of {@code es}, or null when no repetition was measured. */
    public static EnergySummary of(List<Energy> es) {
        if (es == null || es.isEmpty()) {
            return null;
        }
        return new EnergySummary(es.size(), median(es, Energy::millijoules), median(es, Energy::averageMilliamps),
                median(es, Energy::peakMilliamps), median(es, Energy::samples), es.get(0).instrument(),
                es.stream().anyMatch(Energy::simulated), flags(es),
                es.stream().filter(x -> x.flags() != null && !x.flags().isBlank()).count());
    }

    /** Some repetition's window was flagged. */
    public boolean anyFlagged() {
        return flagged > 0;
    }

    /** Distinct flags of the windows, in order of first appearance. */
    public static List<String> flags(List<Energy> es) {
        LinkedHashSet<String> f = new LinkedHashSet<>();
        for (Energy x : es) {
            if (x.flags() != null) {
                for (String part : x.flags().split(",")) {
                    if (!part.isBlank()) {
                        f.add(part.strip());
                    }
                }
            }
        }
        return List.copyOf(f);
    }

    private static double median(List<Energy> es, ToDoubleFunction<Energy> f) {
        return Summary.of(es.stream().mapToDouble(f).toArray()).median();
    }
}
