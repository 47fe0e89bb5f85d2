package org.benchrig.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.benchrig.result.ScalingPoint;
import org.benchrig.stats.ScalingFigures;

/**
 * The report's concurrency section: threads vs processes vs asyncio per host, from the run's
 * trials, with the GIL finding each host's numbers support.
 */
public final class ConcurrencySection {
    private ConcurrencySection() {
    }

    /** The section's model: {@code figures} (one map per cell, snake_case) and {@code findings} (target -> text). */
    public static Map<String, Object> of(List<ScalingPoint> points) {
        List<ScalingFigures.Figure> figures = ScalingFigures.of(points);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ScalingFigures.Figure f : figures) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("target", f.target());
            m.put("workload", f.workload());
            m.put("kind", f.kind());
            m.put("workers", f.workers());
            m.put("trials", f.trials());
            m.put("ops_per_s", f.throughput());
            m.put("ops_per_s_low", f.low());
            m.put("ops_per_s_high", f.high());
            m.put("speedup", f.speedup());
            m.put("efficiency", f.efficiency());
            m.put("start_ns", f.startNs());
            m.put("cores", f.cores());
            m.put("note", f.note());
            rows.add(m);
        }
        Map<String, String> findings = new LinkedHashMap<>();
        figures.stream().map(ScalingFigures.Figure::target).distinct().forEach(t ->
                ScalingFigures.gilFinding(figures, t).ifPresent(g -> findings.put(t, g)));
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("figures", rows);
        section.put("findings", findings);
        section.put("note", points.isEmpty() ? "this run did not run the concurrency workloads (run --concurrency)"
                : "median of the trials; speedup and efficiency against one worker of the same kind; "
                        + "echo waits 2 ms per request (a service waiting on its database)");
        return section;
    }

    @SuppressWarnings("unchecked")
    static void markdown(Map<String, Object> section, StringBuilder s) {
        s.append("\n## Concurrency: threads, processes, asyncio\n\n").append(section.get("note")).append(".\n\n");
        List<Map<String, Object>> rows = (List<Map<String, Object>>) section.get("figures");
        if (rows.isEmpty()) {
            return;
        }
        s.append("| target | workload | kind | workers | ops/s | speedup | efficiency | start | note |\n")
                .append("|---|---|---|---|---|---|---|---|---|\n");
        for (Map<String, Object> f : rows) {
            s.append("| ").append(f.get("target")).append(" | ").append(f.get("workload")).append(" | ")
                    .append(f.get("kind")).append(" | ").append(f.get("workers")).append(" | ")
                    .append(num("%.0f", f.get("ops_per_s"))).append(" | ").append(num("%.2fx", f.get("speedup")))
                    .append(" | ").append(f.get("efficiency") == null ? "-"
                            : num("%.0f%%", ((Number) f.get("efficiency")).doubleValue() * 100))
                    .append(" | ").append(f.get("start_ns") == null ? "-"
                            : num("%.1f ms", ((Number) f.get("start_ns")).doubleValue() / 1e6))
                    .append(" | ").append(Markdown.dash(f.get("note"))).append(" |\n");
        }
        ((Map<String, String>) section.get("findings")).forEach((t, g) -> s.append("\n- ").append(t).append(": ").append(g));
        s.append('\n');
    }

    private static String num(String format, Object v) {
        return v == null ? "-" : String.format(Locale.ROOT, format, ((Number) v).doubleValue());
    }
}
