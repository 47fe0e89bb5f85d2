package org.benchrig.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.benchrig.report.DecisionMatrix;
import org.benchrig.result.FailureClass;
import org.benchrig.result.Measurement;
import org.benchrig.result.Mode;
import org.benchrig.result.Units;
import org.benchrig.stats.Summary;
import org.benchrig.store.BenchmarkInfo;
import org.benchrig.store.TargetInfo;

/**
 * The decision matrix of one run: workload class x interpreter (MicroPython on a board, CPython,
 * PyPy), with the base numbers each verdict rests on. A class's time is the geometric mean of the
 * per-benchmark medians of successful repetitions; an interpreter whose run of a benchmark in the
 * class failed (e.g. it does not fit in RAM) cannot win that class, and the failure is a caveat.
 */
public final class Compare {
    /** A host whose first repetition takes this many times its steady state is start-up dominated. */
    static final double STARTUP_DOMINATED_RATIO = 2.0;

    /** Known interpreters in column order; anything else follows in order of appearance. */
    static final List<String> ORDER = List.of("micropython", "cpython", "pypy");

    /**
     * One interpreter on one workload class.
     *
     * @param coldNs     geometric mean over the class's benchmarks of the median cold time, or null
     * @param warmNs     same for warm (boards: repetitions after the first), or null
     * @param heapUsed   median bytes a repetition left on a board's heap (largest over the class), or null
     * @param peakRssKb  highest peak RSS of a host process in the class, or null
     * @param complete   every benchmark of the class succeeded on this interpreter
     * @param failures   "benchmark on target: CLASS" for each failed one
     * @param energy     energy per repetition (geometric mean over the class's benchmarks of the median mJ,
     *                   median average and highest peak mA), or null when no power meter measured every benchmark
     */
    public record Cell(String interpreter, String label, List<String> targets, int benchmarks, Double coldNs,
                       Double warmNs, Long heapUsed, Long peakRssKb, boolean complete, List<String> failures,
                       CellEnergy energy) {
    }

    /**
     * Energy of one interpreter on one class.
     *
     * @param simulated true when any of the values came from a simulated sensor or simulated edges
     * @param flags     distinct window flags ("short-window", "tick-mismatch"), empty when none
     */
    public record CellEnergy(double millijoules, double averageMilliamps, double peakMilliamps, boolean simulated,
                             List<String> flags, String instrument) {
    }

    /** One workload class: a cell per interpreter, the winners cold and warm, and what to keep in mind. */
    public record Row(String workloadClass, List<String> benchmarks, List<Cell> cells, String winnerWarm,
                      String winnerCold, List<String> caveats) {
    }

    public record Matrix(long runId, List<String> interpreters, List<Row> rows, List<String> notes) {
    }

    private Compare() {
    }

    public static Matrix of(long runId, List<Measurement> ms, List<BenchmarkInfo> benchmarks, List<TargetInfo> targets) {
        Map<String, String> interpreterOf = new LinkedHashMap<>();
        Map<String, Boolean> isBoard = new LinkedHashMap<>();
        boolean simulated = false;
        for (TargetInfo t : targets) {
            interpreterOf.put(t.targetId(), normalize(t.interpreter()));
            isBoard.put(t.targetId(), "board".equals(t.kind()));
            if (t.details() != null && t.details().contains("instruments=simulated")) {
                simulated = true;
            }
        }
        Set<String> interpreters = new LinkedHashSet<>();
        ORDER.stream().filter(interpreterOf::containsValue).forEach(interpreters::add);
        interpreters.addAll(interpreterOf.values());

        Map<String, List<String>> byClass = new TreeMap<>();
        for (BenchmarkInfo b : benchmarks) {
            byClass.computeIfAbsent(b.workloadClass() == null ? "unknown" : b.workloadClass(), k -> new ArrayList<>())
                    .add(b.name());
        }
        // the verdicts are the report's: significance and a change above the noise floor, else none
        Map<String, Map<String, Object>> decided = new LinkedHashMap<>();
        for (Map<String, Object> r : rowsOf(DecisionMatrix.build(ms, benchmarks, targets))) {
            decided.put(String.valueOf(r.get("class")), r);
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : byClass.entrySet()) {
            List<Cell> cells = new ArrayList<>();
            for (String interp : interpreters) {
                cells.add(cell(interp, e.getValue(), ms, interpreterOf, isBoard));
            }
            List<String> caveats = new ArrayList<>();
            if (e.getKey().equals("startup")) {
                caveats.add("start-up dominated: this class measures start-up itself");
            }
            for (Cell c : cells) {
                if (c.coldNs() != null && c.warmNs() != null && c.warmNs() > 0 && !c.targets().isEmpty()
                        && !isBoard.getOrDefault(c.targets().get(0), false)
                        && c.coldNs() / c.warmNs() >= STARTUP_DOMINATED_RATIO) {
                    caveats.add(String.format(Locale.ROOT,
                            "start-up dominated on %s: cold %s vs warm %s (JIT/import warm-up); short-lived processes see the cold number",
                            c.label(), Units.duration(c.coldNs()), Units.duration(c.warmNs())));
                }
                for (String f : c.failures()) {
                    caveats.add(f.endsWith(FailureClass.DOES_NOT_FIT.name())
                            ? "does not fit in RAM on " + c.label() + ": " + f
                            : "failed on " + c.label() + ": " + f);
                }
            }
            for (Cell c : cells) {
                if (c.energy() != null && !c.energy().flags().isEmpty()) {
                    caveats.add("energy on " + c.label() + " flagged " + String.join(", ", c.energy().flags())
                            + (c.energy().flags().contains("short-window")
                                    ? " (windows too short for the sensor's rate: not precise)" : ""));
                }
            }
            boolean hasBoard = cells.stream().anyMatch(c -> c.interpreter().equals("micropython") && c.benchmarks() > 0);
            if (simulated && hasBoard) {
                caveats.add("simulated instruments: board numbers come from an emulated board");
            }
            Map<String, Object> d = decided.get(e.getKey());
            rows.add(new Row(e.getKey(), List.copyOf(e.getValue()), cells, verdict(d, "warm_test", interpreterOf, caveats),
                    verdict(d, "cold_test", interpreterOf, caveats), caveats));
        }
        List<String> notes = new ArrayList<>();
        notes.add("time per class = geometric mean of the medians of its benchmarks (successful repetitions only)");
        notes.add("cold = a host's whole process, spawn to the end of the first call, or a board's first repetition after a "
                + "soft reset; warm = calibrated values after warm-up to steady state (hosts), later repetitions (boards)");
        notes.add("a winner only with Mann-Whitney p < 0.05 and a change above max(2 %, the noise floor), and warm only when "
                + "both were steady: otherwise 'none' and the reason under the class (the report's decision matrix)");
        boolean anyEnergy = ms.stream().anyMatch(m -> m.energy() != null);
        boolean simulatedEnergy = ms.stream().anyMatch(m -> m.energy() != null && m.energy().simulated());
        notes.add(!anyEnergy ? "energy: not measured in this run"
                : "energy per repetition = geometric mean of the benchmarks' median mJ between the marker edges; "
                        + "avg/peak mA = median average and highest peak current"
                        + (simulatedEnergy ? "; energy marked simulated comes from a simulated sensor (a power model)" : ""));
        if (simulated) {
            notes.add("simulated instruments: this rig's boards are emulated (QEMU)");
        }
        return new Matrix(runId, List.copyOf(interpreters), rows, notes);
    }

    private static Cell cell(String interp, List<String> classBenchmarks, List<Measurement> ms,
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
            List<org.benchrig.result.Energy> es = ok.stream().map(Measurement::energy).filter(Objects::nonNull).toList();
            if (!es.isEmpty()) {
                mj.add(Summary.of(es.stream().mapToDouble(org.benchrig.result.Energy::millijoules).toArray()).median());
                avgMa.add(Summary.of(es.stream().mapToDouble(org.benchrig.result.Energy::averageMilliamps).toArray()).median());
                peakMa = Math.max(peakMa, es.stream().mapToDouble(org.benchrig.result.Energy::peakMilliamps).max().orElse(0));
                energySimulated |= es.stream().anyMatch(org.benchrig.result.Energy::simulated);
                energyFlags.addAll(WebServer.flags(es));
                instrument = instrument == null ? es.get(0).instrument() : instrument;
            }
        }
        int n = classBenchmarks.size();
        return new Cell(interp, label(interp), List.copyOf(targets), ran,
                cold.size() == n ? geomean(cold) : null, warm.size() == n ? geomean(warm) : null,
                heap, rss, complete && ran == n, failures,
                mj.size() == n ? new CellEnergy(geomeanOf(mj), Summary.of(avgMa.stream().mapToDouble(Double::doubleValue)
                        .toArray()).median(), peakMa, energySimulated, List.copyOf(energyFlags), instrument) : null);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rowsOf(Map<String, Object> matrix) {
        return (List<Map<String, Object>>) matrix.get("rows");
    }

    /** The interpreter the report's test names the winner, or null with its no-verdict reason as a caveat. */
    @SuppressWarnings("unchecked")
    private static String verdict(Map<String, Object> decided, String test, Map<String, String> interpreterOf,
                                  List<String> caveats) {
        Map<String, Object> t = decided == null ? Map.of() : (Map<String, Object>) decided.get(test);
        Object w = t.get("winner");
        if (w != null) {
            return interpreterOf.get(String.valueOf(w));
        }
        Object why = t.containsKey("no_verdict") ? t.get("no_verdict") : t.get("text");
        caveats.add(test.replace("_test", "") + ": no verdict" + (why == null ? "" : ": " + why));
        return null;
    }

    static String normalize(String implementation) {
        return implementation == null ? "unknown" : implementation.toLowerCase(Locale.ROOT).strip();
    }

    public static String label(String interp) {
        return switch (interp) {
            case "micropython" -> "MicroPython (board)";
            case "cpython" -> "CPython";
            case "pypy" -> "PyPy";
            default -> interp;
        };
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
