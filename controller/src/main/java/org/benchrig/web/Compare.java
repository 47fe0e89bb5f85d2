package org.benchrig.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.benchrig.report.DecisionMatrix;
import org.benchrig.result.FailureClass;
import org.benchrig.result.Measurement;
import org.benchrig.result.Mode;
import org.benchrig.result.Units;
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

    /** What a test concluded: a winner, no difference the test can see, or no verdict (with the reason). */
    public static final String FASTER = "faster";
    public static final String NO_DIFFERENCE = "no significant difference";
    public static final String NO_VERDICT = "no verdict";

    /**
     * The fastest target against the runner-up in one mode, on a class or on one benchmark (the
     * report's test, {@link DecisionMatrix#test}).
     *
     * @param times   runner-up time / fastest time (4.2 = "4.2x faster"), or null with fewer than two targets
     * @param low     lower end of the bootstrap interval of {@code times} (level 1 - the test's level)
     * @param verdict {@link #FASTER}, {@link #NO_DIFFERENCE} or {@link #NO_VERDICT}
     * @param reason  why there is no winner; empty when there is one
     */
    public record Duel(String mode, String fastest, String fastestLabel, String runnerUp, String runnerUpLabel,
                       Double fastestNs, Double runnerUpNs, Double times, Double low, Double high, Double p,
                       String verdict, String reason) {
    }

    /** One benchmark of a class, decided as the class is. */
    public record BenchmarkDuels(String benchmark, Duel cold, Duel warm) {
    }

    /**
     * Speed of {@code target} relative to the baseline target on one benchmark and mode: baseline
     * median / target median (2.0 = twice as fast as the baseline), its interval, and whether the
     * test saw a difference.
     */
    public record Relative(String benchmark, String workloadClass, String target, String mode, Double speed,
                           Double low, Double high, boolean significant, String reason) {
    }

    /** One workload class: a cell per interpreter, the tests cold and warm, per benchmark too, and what to keep in mind. */
    public record Row(String workloadClass, List<String> benchmarks, List<Cell> cells, String winnerWarm,
                      String winnerCold, Duel cold, Duel warm, List<BenchmarkDuels> perBenchmark, List<String> caveats) {
    }

    /** @param baseline the target the {@code relative} speeds are measured against */
    public record Matrix(long runId, List<String> interpreters, List<Row> rows, List<String> notes, String baseline,
                         List<String> targets, List<Relative> relative) {
    }

    private Compare() {
    }

    public static Matrix of(long runId, List<Measurement> ms, List<BenchmarkInfo> benchmarks, List<TargetInfo> targets) {
        return of(runId, ms, benchmarks, targets, org.benchrig.config.StatsSettings.DEFAULT, null);
    }

    /** @param baseline target id the relative speeds are against; null or unknown: the first host, else the first target */
    public static Matrix of(long runId, List<Measurement> ms, List<BenchmarkInfo> benchmarks, List<TargetInfo> targets,
                            org.benchrig.config.StatsSettings stats, String baseline) {
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
        for (Map<String, Object> r : rowsOf(DecisionMatrix.build(ms, benchmarks, targets, stats.level(), stats.thresholdPercent()))) {
            decided.put(String.valueOf(r.get("class")), r);
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : byClass.entrySet()) {
            List<Cell> cells = new ArrayList<>();
            for (String interp : interpreters) {
                cells.add(ClassCells.cell(interp, e.getValue(), ms, interpreterOf, isBoard));
            }
            List<String> caveats = caveats(e.getKey(), cells, isBoard);
            Map<String, Object> d = decided.get(e.getKey());
            List<String> ids = targets.stream().map(TargetInfo::targetId).toList();
            List<BenchmarkDuels> per = new ArrayList<>();
            for (String b : e.getValue()) {
                per.add(new BenchmarkDuels(b,
                        Duels.duel(DecisionMatrix.test(ms, List.of(b), ids, Mode.COLD, stats.level(), stats.thresholdPercent()), ms, List.of(b), Mode.COLD, interpreterOf, stats),
                        Duels.duel(DecisionMatrix.test(ms, List.of(b), ids, Mode.WARM, stats.level(), stats.thresholdPercent()), ms, List.of(b), Mode.WARM, interpreterOf, stats)));
            }
            rows.add(new Row(e.getKey(), List.copyOf(e.getValue()), cells, winner(d, "warm_test", interpreterOf),
                    winner(d, "cold_test", interpreterOf),
                    Duels.duel(test(d, "cold_test"), ms, e.getValue(), Mode.COLD, interpreterOf, stats),
                    Duels.duel(test(d, "warm_test"), ms, e.getValue(), Mode.WARM, interpreterOf, stats), per, caveats));
        }
        String base = baseline(baseline, targets);
        List<Relative> relative = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : byClass.entrySet()) {
            for (String b : e.getValue()) {
                for (TargetInfo t : targets) {
                    for (Mode mode : Mode.values()) {
                        Relative r = Duels.relative(ms, b, e.getKey(), base, t.targetId(), mode, stats);
                        if (r != null) {
                            relative.add(r);
                        }
                    }
                }
            }
        }
        List<String> notes = notes(ms, simulated, stats);
        return new Matrix(runId, List.copyOf(interpreters), rows, notes, base,
                targets.stream().map(TargetInfo::targetId).toList(), relative);
    }

    /** What to keep in mind about a class: start-up dominated cells, failures, flagged energy. */
    private static List<String> caveats(String workloadClass, List<Cell> cells, Map<String, Boolean> isBoard) {
        List<String> caveats = new ArrayList<>();
        if (workloadClass.equals("startup")) {
            caveats.add("start-up dominated: this class measures start-up itself");
        }
        for (Cell c : cells) {
            if (c.coldNs() != null && c.warmNs() != null && c.warmNs() > 0 && !c.targets().isEmpty()
                    && !isBoard.getOrDefault(c.targets().get(0), false)
                    && c.coldNs() / c.warmNs() >= STARTUP_DOMINATED_RATIO) {
                caveats.add(String.format(Locale.ROOT,
                        "start-up dominated on %s: cold %s vs warm %s (JIT/import warm-up); short-lived processes see the cold number",
                        c.label(), Units.durationForWeb(c.coldNs()), Units.durationForWeb(c.warmNs())));
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
        return caveats;
    }

    /** How the numbers were obtained: what a class's time is, cold and warm, the rule, energy, the ratio. */
    private static List<String> notes(List<Measurement> ms, boolean simulated, org.benchrig.config.StatsSettings stats) {
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
        notes.add("ratio = the runner-up's time / the fastest's time, with its " + Math.round((1 - stats.level()) * 100)
                + " % bootstrap interval (" + org.benchrig.stats.Bootstrap.RESAMPLES + " resamples, seeded); '"
                + NO_DIFFERENCE + "' when the test cannot tell the two apart");
        return notes;
    }

    static String baseline(String wanted, List<TargetInfo> targets) {
        if (wanted != null && targets.stream().anyMatch(t -> t.targetId().equals(wanted))) {
            return wanted;
        }
        return targets.stream().filter(t -> "host".equals(t.kind())).map(TargetInfo::targetId).findFirst()
                .orElse(targets.isEmpty() ? null : targets.get(0).targetId());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> test(Map<String, Object> decided, String test) {
        return decided == null ? Map.of() : (Map<String, Object>) decided.get(test);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rowsOf(Map<String, Object> matrix) {
        return (List<Map<String, Object>>) matrix.get("rows");
    }

    /** The interpreter the report's test names the winner, or null (the row's duel says why). */
    private static String winner(Map<String, Object> decided, String test, Map<String, String> interpreterOf) {
        Object w = test(decided, test).get("winner");
        return w == null ? null : interpreterOf.get(String.valueOf(w));
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

}
