package org.benchrig.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.benchrig.result.Measurement;
import org.benchrig.result.Mode;
import org.benchrig.store.TargetInfo;

/**
 * The two tests a user runs on their own app to confirm an app-class row, filled from the run's
 * data. The list is mutable on purpose: other parts of the report (break-even) add their lines.
 */
final class AppClassTests {
    private AppClassTests() {
    }

    @SuppressWarnings("unchecked")
    static List<String> of(String cls, List<String> workloads, List<Measurement> ms, List<TargetInfo> targets,
                           Map<String, String> gil, Map<String, Object> row) {
        Map<String, Map<String, Object>> cells = (Map<String, Map<String, Object>>) row.get("cells");
        String w = workloads.get(0);
        List<String> hosts = targets.stream().filter(t -> "host".equals(t.kind())).map(TargetInfo::targetId).toList();
        List<String> boards = targets.stream().filter(t -> "board".equals(t.kind())).map(TargetInfo::targetId).toList();
        List<String> out = new ArrayList<>();
        switch (cls) {
            case "cli" -> {
                out.add("Time your own command as a whole process, spawn to exit, 10 runs on each interpreter (e.g. "
                        + "`for i in $(seq 10); do /usr/bin/time -f %e python3 yourcli.py; done`): here " + w + " took "
                        + per(hosts, t -> Report.ns(first(cells, t, "cold_ns")) + " of which start-up "
                        + Report.ns(startup(ms, w, t))) + ".");
                out.add("Read its peak RSS (`/usr/bin/time -v`: Maximum resident set size), which serverless platforms bill: here "
                        + per(hosts, t -> kb(first(cells, t, "peak_rss_kb"))) + ".");
            }
            case "service" -> {
                out.add("Replay your service's requests past its warm-up and compare p95, not the mean: here "
                        + per(hosts, t -> warmup(ms, w, t, first(cells, t, "ops"))) + "; measure after that many requests.");
                out.add("Load it with one worker process per core (each costs its RSS: "
                        + per(hosts, t -> kb(first(cells, t, "peak_rss_kb"))) + "), then with threads"
                        + (hosts.stream().anyMatch(gil::containsKey) ? ": " + per(hosts.stream().filter(gil::containsKey).toList(), gil::get)
                        : "; this run has no concurrency figures (run --concurrency)") + ".");
            }
            case "pipeline" -> {
                out.add("Run your step on a real batch for longer than warm-up and compare records per second: here "
                        + per(hosts, t -> rate(first(cells, t, "ops_per_s")) + " batches/s warm") + ".");
                out.add("Time the whole job as a process too: a short job is decided cold (here " + w + " cold "
                        + per(hosts, t -> Report.ns(first(cells, t, "cold_ns"))) + ").");
            }
            default -> {
                List<String> heap = new ArrayList<>();
                for (String b : boards) {
                    for (Map<String, Object> c : (List<Map<String, Object>>) cells.get(b).get("workloads")) {
                        heap.add(c.get("workload") + " on " + b + ": " + (c.get("heap_needed_bytes") != null
                                ? "did not fit, needed more than the " + c.get("heap_free_bytes") + " bytes free"
                                + (c.get("heap_estimate_bytes") == null ? "" : " (about " + c.get("heap_estimate_bytes") + " bytes)")
                                : c.get("heap_used_bytes") != null ? "used " + c.get("heap_used_bytes") + " bytes" : "no heap figure"));
                    }
                }
                out.add("Run your main loop on your board with `gc.mem_free()` logged at its lowest, over its longest "
                        + "buffer: " + (heap.isEmpty() ? "this run has no board" : String.join("; ", heap)) + ".");
                out.add("Time one pass of your loop with `time.ticks_us()` at its worst case (p99) and measure energy per "
                        + "pass with a power meter: here " + (boards.isEmpty() ? "no board" : per(boards, t -> "p99 "
                        + Report.ns(first(cells, t, "p99_ns")) + ", " + mj(first(cells, t, "mj_per_op"), cells.get(t)))) + ".");
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object first(Map<String, Map<String, Object>> cells, String target, String key) {
        Map<String, Object> c = cells.get(target);
        if (c == null) {
            return null;
        }
        return ((List<Map<String, Object>>) c.get("workloads")).stream().map(w -> w.get(key)).filter(Objects::nonNull)
                .findFirst().orElse(null);
    }

    private static String per(List<String> targets, java.util.function.Function<String, String> f) {
        return targets.isEmpty() ? "no host in this run" : String.join("; ", targets.stream().map(t -> t + " " + f.apply(t)).toList());
    }

    private static Double startup(List<Measurement> ms, String w, String t) {
        return AppClassMatrix.median(ms.stream().filter(m -> m.benchmark().equals(w) && m.target().equals(t)
                && m.mode() == Mode.COLD && m.host() != null && m.host().startupNs() != null)
                .mapToDouble(m -> m.host().startupNs()).toArray());
    }

    /** "took 12 warm-up values of up to 256 calls (about 73,728 requests)" from the warm values' process records. */
    private static String warmup(List<Measurement> ms, String w, String t, Object ops) {
        Measurement m = ms.stream().filter(x -> x.benchmark().equals(w) && x.target().equals(t) && x.mode() == Mode.WARM
                && x.host() != null).max((a, b) -> Integer.compare(a.host().warmups(), b.host().warmups())).orElse(null);
        if (m == null) {
            return "no warm values";
        }
        long calls = (long) m.host().warmups() * m.host().loops();
        return String.format(Locale.ROOT, "took %d warm-up values of up to %d calls (at most %,d requests)%s",
                m.host().warmups(), m.host().loops(), ops == null ? calls : calls * ((Number) ops).longValue(),
                m.unsteady() ? " and never got steady" : "");
    }

    private static String kb(Object v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.1f MB", ((Number) v).doubleValue() / 1024);
    }

    private static String rate(Object v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%,.0f", ((Number) v).doubleValue());
    }

    private static String mj(Object v, Map<String, Object> cell) {
        return v == null ? "no energy measured" : String.format(Locale.ROOT, "%.4f mJ per pass", ((Number) v).doubleValue())
                + (Boolean.TRUE.equals(firstSim(cell)) ? " (simulated)" : "");
    }

    @SuppressWarnings("unchecked")
    private static Object firstSim(Map<String, Object> cell) {
        return ((List<Map<String, Object>>) cell.get("workloads")).stream().map(w -> w.get("energy_simulated"))
                .filter(Boolean.TRUE::equals).findFirst().orElse(false);
    }
}
