package org.benchrig.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.benchrig.bench.ResultRow;
import org.benchrig.result.FailureClass;
import org.benchrig.result.Measurement;
import org.benchrig.result.Mode;
import org.benchrig.stats.Warnings;
import org.benchrig.store.BenchmarkInfo;
import org.benchrig.store.RunInfo;
import org.benchrig.store.TargetInfo;

/**
 * The caveats under a report: what its numbers do not say (simulated targets, start-up dominated
 * host results, PyPy's cold and warm, values under 1 ms, failed repetitions, what the benchmarks
 * leave out).
 */
final class Caveats {
    /** A host benchmark whose cold median is above this many times its warm median is "start-up dominated". */
    static final double STARTUP_DOMINATED = 2.0;

    private Caveats() {
    }

    static List<String> of(RunInfo run, List<TargetInfo> targets, List<ResultRow> rows, List<Measurement> ms,
                                Map<String, BenchmarkInfo> benches) {
        List<String> c = new ArrayList<>();
        for (TargetInfo t : targets) {
            if (Report.isSimulated(t)) {
                c.add("Target " + t.targetId() + " is simulated (" + t.details() + "): an emulated micro:bit (QEMU -icount) "
                        + "has deterministic on-board time, not a real board's; its energy, if any, comes from a power model.");
            }
        }
        Map<String, Double> cold = new HashMap<>();
        Map<String, Double> warm = new HashMap<>();
        for (ResultRow row : rows) {
            (row.mode() == Mode.COLD ? cold : warm).put(row.benchmark() + "\u0000" + row.target(), row.time().median());
            if (row.outcomes().containsKey(FailureClass.DOES_NOT_FIT.name())) {
                c.add(row.benchmark() + " does not fit on " + row.target() + " (MemoryError): recorded as DOES_NOT_FIT, no time.");
            }
        }
        Map<String, String> kind = new HashMap<>();
        Map<String, String> interp = new HashMap<>();
        targets.forEach(t -> {
            kind.put(t.targetId(), t.kind());
            interp.put(t.targetId(), t.interpreter());
        });
        TreeSet<String> startup = new TreeSet<>();
        cold.forEach((k, v) -> {
            Double w = warm.get(k);
            String[] bt = k.split("\u0000");
            if (w != null && w > 0 && "host".equals(kind.get(bt[1])) && v / w > STARTUP_DOMINATED) {
                startup.add(bt[0] + "@" + bt[1] + String.format(Locale.ROOT, " (cold %.1fx warm)", v / w));
            }
        });
        if (!startup.isEmpty()) {
            c.add("Start-up dominated (cold above " + STARTUP_DOMINATED + "x warm): " + String.join(", ", startup)
                    + ". For short-lived processes read the cold column, for long-running ones the warm column.");
        }
        boolean pypy = targets.stream().anyMatch(t -> "pypy".equalsIgnoreCase(t.interpreter()));
        if (pypy) {
            c.add("PyPy is reported cold AND warm: cold includes JIT warm-up, so PyPy cold often loses to CPython while PyPy warm wins CPU-bound work. Quoting one without the other is the classic mistake.");
        }
        long shortOnes = rows.stream().filter(r -> r.time().n() > 0 && r.time().min() < Warnings.MIN_VALUE_NS).count();
        if (shortOnes > 0) {
            c.add(shortOnes + " result line(s) have values under 1 ms: timer resolution and scheduling noise weigh in; compare them with care.");
        }
        long failed = ms.stream().filter(m -> !m.outcome().isOk()).count();
        if (failed > 0) {
            c.add(failed + " repetition(s) failed and are shown as their failure class, never as a number.");
        }
        c.add("Benchmarks are single-threaded pure-Python workloads: they say nothing about C extensions, I/O-bound services or multi-core scaling (CPython and PyPy both have a GIL; scale with processes). Profile your real application (cProfile, py-spy) before deciding.");
        c.add("The environment above is the controller host when the report was written; what the hosts ran on during "
                + "the run (CPU, cores, governor, load) is in each host target's details.");
        return c;
    }
}
