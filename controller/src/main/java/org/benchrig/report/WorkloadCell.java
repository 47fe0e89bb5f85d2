package org.benchrig.report;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.benchrig.result.FailureClass;
import org.benchrig.result.Measurement;
import org.benchrig.result.Mode;

/**
 * One app workload on one target, as a cell of {@link AppClassMatrix}: whether it fits, its cold
 * and warm medians, per-operation latency and energy, and for a board that ran out of heap how
 * much it needed.
 */
final class WorkloadCell {
    private static final Pattern ALLOCATING = Pattern.compile("allocating (\\d+) bytes");

    private WorkloadCell() {
    }

    static boolean fits(List<Measurement> ms, String w, String target) {
        List<Measurement> of = ms.stream().filter(m -> m.benchmark().equals(w) && m.target().equals(target)).toList();
        return !of.isEmpty() && of.stream().noneMatch(m -> m.outcome().failure() == FailureClass.DOES_NOT_FIT)
                && of.stream().anyMatch(m -> m.outcome().isOk());
    }

    /** Per-value p95 per operation of the warm ok measurements. */
    static double[] p95s(List<Measurement> ms, String benchmark, String target) {
        return ms.stream().filter(m -> m.benchmark().equals(benchmark) && m.target().equals(target) && m.mode() == Mode.WARM
                        && m.outcome().isOk() && m.latency() != null)
                .mapToDouble(m -> m.latency().p95Ns()).toArray();
    }

    /** Base numbers of one workload on one target. */
    static Map<String, Object> of(List<Measurement> ms, String w, String target) {
        List<Measurement> of = ms.stream().filter(m -> m.benchmark().equals(w) && m.target().equals(target)).toList();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("workload", w);
        c.put("fits", fits(ms, w, target));
        Measurement dnf = of.stream().filter(m -> m.outcome().failure() == FailureClass.DOES_NOT_FIT).findFirst().orElse(null);
        c.put("outcome", of.isEmpty() ? "not run" : dnf != null ? FailureClass.DOES_NOT_FIT.name()
                : of.stream().filter(m -> !m.outcome().isOk()).map(m -> m.outcome().label()).findFirst().orElse("ok"));
        c.put("heap_needed_bytes", dnf == null ? null : heapNeeded(dnf));
        c.put("heap_free_bytes", dnf == null ? null : dnf.heap().freeBefore());
        c.put("heap_estimate_bytes", dnf == null ? null : heapEstimate(dnf, ms));
        c.put("ops_done", dnf == null || dnf.latency() == null ? null : dnf.latency().ops());
        c.put("cold_ns", AppClassMatrix.median(DecisionMatrix.times(ms, w, target, Mode.COLD)));
        double[] warm = DecisionMatrix.times(ms, w, target, Mode.WARM);
        c.put("warm_ns", AppClassMatrix.median(warm));
        List<Measurement> okWarm = of.stream().filter(m -> m.mode() == Mode.WARM && m.outcome().isOk()).toList();
        c.put("p50_ns", AppClassMatrix.median(okWarm.stream().filter(m -> m.latency() != null).mapToDouble(m -> m.latency().p50Ns()).toArray()));
        c.put("p95_ns", AppClassMatrix.median(p95s(ms, w, target)));
        c.put("p99_ns", AppClassMatrix.median(okWarm.stream().filter(m -> m.latency() != null).mapToDouble(m -> m.latency().p99Ns()).toArray()));
        Integer ops = okWarm.stream().filter(m -> m.latency() != null).map(m -> m.latency().ops()).findFirst().orElse(null);
        c.put("ops", ops);
        Double wn = (Double) c.get("warm_ns");
        c.put("ops_per_s", ops == null || wn == null ? null : ops * 1e9 / wn);
        c.put("peak_rss_kb", of.stream().map(m -> m.heap().peakRssKb()).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null));
        c.put("heap_used_bytes", of.stream().filter(m -> m.outcome().isOk()).map(m -> m.heap().usedDuring())
                .filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null));
        double[] mj = of.stream().filter(m -> m.outcome().isOk() && m.energy() != null).mapToDouble(m -> m.energy().millijoules()).toArray();
        Double e = AppClassMatrix.median(mj);
        c.put("mj_per_op", e == null || ops == null ? null : e / ops);
        c.put("energy_simulated", of.stream().anyMatch(m -> m.energy() != null && m.energy().simulated()));
        return c;
    }

    /**
     * Heap a workload needed at least on a board that ran out: more than was free before the call,
     * and what it held when the allocation failed (free before minus free right after the
     * MemoryError) plus the allocation that failed. Null when the board reported no heap.
     */
    static Long heapNeeded(Measurement m) {
        Long free = m.heap().freeBefore();
        if (free == null) {
            return null;
        }
        Long held = m.heap().usedDuring();
        Matcher a = ALLOCATING.matcher(m.outcome().detail());
        long atFailure = held == null || !a.find() ? 0 : held + Long.parseLong(a.group(1));
        return Math.max(free + 1, atFailure);
    }

    /**
     * The whole heap the workload would need, scaled from what it held after the operations it
     * finished (its {@code ops} at the failure) to the operations a call makes where it ran to the
     * end (another target's ok measurement); null when either is unknown.
     */
    static Long heapEstimate(Measurement m, List<Measurement> ms) {
        Long held = m.heap().usedDuring();
        if (held == null || m.latency() == null || m.latency().ops() < 1) {
            return null;
        }
        return ms.stream().filter(x -> x.benchmark().equals(m.benchmark()) && x.outcome().isOk() && x.latency() != null)
                .map(x -> Math.round(held * (double) x.latency().ops() / m.latency().ops())).findFirst().orElse(null);
    }
}
