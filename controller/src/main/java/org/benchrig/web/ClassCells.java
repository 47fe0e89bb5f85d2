package org.benchrig.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.benchrig.bench.EnergySummary;
import org.benchrig.result.Energy;
import org.benchrig.result.Measurement;
import org.benchrig.result.Mode;
import org.benchrig.stats.Summary;

/**
 * One cell of the compare page's matrix: an interpreter's numbers on a workload class, each the
 * geometric mean over the class's benchmarks of the medians of successful repetitions.
 */
final class ClassCells {
    private ClassCells() {
    }

    static Compare.Cell cell(String interp, List<String> classBenchmarks, List<Measurement> ms,
                             Map<String, String> interpreterOf, Map<String, Boolean> isBoard) {
        Set<String> targets = new LinkedHashSet<>();
        List<Double> cold = new ArrayList<>();
        List<Double> warm = new ArrayList<>();
        Long heap = null;
        Long rss = null;
        List<String> failures = new ArrayList<>();
        List<Double> mj = new ArrayList<>();
        List<Double> avgMa = new ArrayList<>();
        double peakMa = 0;
        boolean energySimulated = false;
        Set<String> energyFlags = new LinkedHashSet<>();
        String instrument = null;
        int ran = 0;
        boolean complete = true;
        for (String bench : classBenchmarks) {
            List<Measurement> mine = ms.stream()
                    .filter(m -> m.benchmark().equals(bench) && interp.equals(interpreterOf.get(m.target()))).toList();
            if (mine.isEmpty()) {
                complete = false;
                continue;
            }
            ran++;
            mine.forEach(m -> targets.add(m.target()));
            Set<String> failed = new LinkedHashSet<>();
            mine.stream().filter(m -> !m.outcome().isOk())
                    .forEach(m -> failed.add(bench + " on " + m.target() + ": " + m.outcome().label()));
            if (!failed.isEmpty()) {
                complete = false;
                failures.addAll(failed);
            }
            List<Measurement> ok = mine.stream().filter(m -> m.outcome().isOk() && m.timeNs() != null).toList();
            // a host's cold time is its whole process, as the report decides on (DecisionMatrix.times)
            double c = median(ok.stream().filter(m -> m.mode() == Mode.COLD)
                    .map(m -> m.host() != null && m.wallNs() != null ? m.wallNs() : m.timeNs()).toList());
            double w = median(ok.stream().filter(m -> m.mode() == Mode.WARM).map(Measurement::timeNs).toList());
            if (!Double.isNaN(c)) {
                cold.add(c);
            }
            if (!Double.isNaN(w)) {
                warm.add(w);
            } else if (!Double.isNaN(c) && isBoard.getOrDefault(mine.get(0).target(), false)) {
                warm.add(c); // a board run with one repetition: no JIT, the cold time is its steady state
            }
            double h = median(ok.stream().map(m -> m.heap().usedDuring()).filter(Objects::nonNull).toList());
            if (!Double.isNaN(h)) {
                heap = heap == null ? Math.round(h) : Math.max(heap, Math.round(h));
            }
            Long r = ok.stream().map(m -> m.heap().peakRssKb()).filter(Objects::nonNull).max(Comparator.naturalOrder())
                    .orElse(null);
            if (r != null) {
                rss = rss == null ? r : Math.max(rss, r);
            }
            List<Energy> es = ok.stream().map(Measurement::energy).filter(Objects::nonNull).toList();
            if (!es.isEmpty()) {
                mj.add(Summary.of(es.stream().mapToDouble(Energy::millijoules).toArray()).median());
                avgMa.add(Summary.of(es.stream().mapToDouble(Energy::averageMilliamps).toArray()).median());
                peakMa = Math.max(peakMa, es.stream().mapToDouble(Energy::peakMilliamps).max().orElse(0));
                energySimulated |= es.stream().anyMatch(Energy::simulated);
                energyFlags.addAll(EnergySummary.flags(es));
                instrument = instrument == null ? es.get(0).instrument() : instrument;
            }
        }
        int n = classBenchmarks.size();
        return new Compare.Cell(interp, Compare.label(interp), List.copyOf(targets), ran,
                cold.size() == n ? geomean(cold) : null, warm.size() == n ? geomean(warm) : null,
                heap, rss, complete && ran == n, failures,
                mj.size() == n ? new Compare.CellEnergy(geomeanOf(mj), Summary.of(avgMa.stream().mapToDouble(Double::doubleValue)
                        .toArray()).median(), peakMa, energySimulated, List.copyOf(energyFlags), instrument) : null);
    }


    private static double median(List<Long> values) {
        return Summary.of(values.stream().mapToDouble(Long::doubleValue).toArray()).median();
    }

    /** Geometric mean of small positive values (millijoules may be below 1). */
    private static double geomeanOf(List<Double> values) {
        double logSum = 0;
        for (double v : values) {
            logSum += Math.log(Math.max(v, 1e-12));
        }
        return Math.exp(logSum / values.size());
    }

    private static double geomean(List<Double> values) {
        double logSum = 0;
        for (double v : values) {
            logSum += Math.log(Math.max(v, 1));
        }
        return Math.exp(logSum / values.size());
    }
}
