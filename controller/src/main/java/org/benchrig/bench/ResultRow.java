package org.benchrig.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.benchrig.result.Measurement;
import org.benchrig.result.Mode;
import org.benchrig.result.Units;
import org.benchrig.stats.Summary;

/**
 * One line of a run's summary: a benchmark on a target in one mode, over its repetitions. Times
 * are summarised over successful repetitions only; failures are counted by class, never averaged.
 * The one summary every output shows (the results table, the report, the web API's run document).
 *
 * @param time       the target's own time of successful repetitions (ns)
 * @param wall       what the controller saw (ns): spawn to result for cold host samples
 * @param heapUsed   median bytes a repetition left allocated on a board's heap, or null
 * @param peakRssKb  highest peak RSS of a host process, or null
 * @param outcomes   count per outcome label ("ok", "TIMEOUT", ...)
 * @param energy     energy of the successful repetitions, or null when no power meter measured them
 * @param failureDetail the first failed repetition's detail, or null when none failed
 */
public record ResultRow(String benchmark, String target, Mode mode, String tier, Summary time, Summary wall,
                        Long heapUsed, Long peakRssKb, Map<String, Long> outcomes, EnergySummary energy,
                        String failureDetail) {

    /** Groups measurements by benchmark, target and mode, in that order. */
    public static List<ResultRow> summarize(List<Measurement> measurements) {
        Map<String, List<Measurement>> groups = new TreeMap<>();
        for (Measurement m : measurements) {
            groups.computeIfAbsent(m.benchmark() + "\u0000" + m.target() + "\u0000" + m.mode(), k -> new ArrayList<>()).add(m);
        }
        List<ResultRow> rows = new ArrayList<>();
        for (List<Measurement> g : groups.values()) {
            Measurement first = g.get(0);
            List<Measurement> ok = g.stream().filter(m -> m.outcome().isOk()).toList();
            Summary time = Summary.of(ok.stream().map(Measurement::timeNs).filter(Objects::nonNull)
                    .mapToDouble(Long::doubleValue).toArray());
            Summary wall = Summary.of(ok.stream().map(Measurement::wallNs).filter(Objects::nonNull)
                    .mapToDouble(Long::doubleValue).toArray());
            Summary heap = Summary.of(ok.stream().map(m -> m.heap().usedDuring()).filter(Objects::nonNull)
                    .mapToDouble(Long::doubleValue).toArray());
            Long rss = g.stream().map(m -> m.heap().peakRssKb()).filter(Objects::nonNull).max(Comparator.naturalOrder())
                    .orElse(null);
            Map<String, Long> outcomes = g.stream().collect(Collectors.groupingBy(m -> m.outcome().label(),
                    LinkedHashMap::new, Collectors.counting()));
            EnergySummary energy = EnergySummary.of(ok.stream().map(Measurement::energy).filter(Objects::nonNull).toList());
            String failureDetail = g.stream().filter(m -> !m.outcome().isOk()).findFirst()
                    .map(m -> m.outcome().detail()).orElse(null);
            rows.add(new ResultRow(first.benchmark(), first.target(), first.mode(), first.tier(), time, wall,
                    heap.n() == 0 ? null : Math.round(heap.median()), rss, outcomes, energy, failureDetail));
        }
        return rows;
    }

    /** "ok" when all succeeded, else e.g. "ok 4, WRONG_RESULT 1". */
    public String outcomeLabel() {
        if (outcomes.size() == 1 && outcomes.containsKey("ok")) {
            return "ok";
        }
        return outcomes.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    /** Human units for nanoseconds (the results table's callers keep this name; the format is {@link Units}'s). */
    public static String duration(double ns) {
        return Units.duration(ns);
    }
}
