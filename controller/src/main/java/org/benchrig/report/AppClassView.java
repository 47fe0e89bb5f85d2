package org.benchrig.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The app-class matrix ({@link AppClassMatrix}'s model) as Markdown and as an HTML table: the same texts. */
final class AppClassView {
    private AppClassView() {
    }

    /** The lines of one cell: per workload its base numbers, "does not fit" with the heap, or "not applicable". */
    @SuppressWarnings("unchecked")
    static List<String> cell(Map<String, Object> c) {
        List<String> out = new ArrayList<>();
        if (!(Boolean) c.get("applicable")) {
            out.add("not applicable: " + c.get("reason"));
        }
        for (Map<String, Object> w : (List<Map<String, Object>>) c.get("workloads")) {
            String name = w.get("workload") + ": ";
            if (w.get("heap_needed_bytes") != null || "DOES_NOT_FIT".equals(w.get("outcome"))) {
                out.add(name + "does not fit (needed more than the " + w.get("heap_free_bytes") + " bytes of heap free"
                        + (w.get("heap_estimate_bytes") == null ? "" : "; about " + w.get("heap_estimate_bytes")
                        + " bytes by the " + w.get("ops_done") + " operations it finished") + ")");
                continue;
            }
            if (!"ok".equals(w.get("outcome"))) {
                out.add(name + w.get("outcome"));
                continue;
            }
            StringBuilder s = new StringBuilder(name);
            s.append("cold ").append(Report.ns(w.get("cold_ns"))).append(", warm ").append(Report.ns(w.get("warm_ns")));
            if (w.get("p95_ns") != null) {
                s.append(", p95 ").append(Report.ns(w.get("p95_ns"))).append(" per op");
            }
            if (w.get("ops_per_s") != null) {
                s.append(String.format(Locale.ROOT, ", %,.0f ops/s", ((Number) w.get("ops_per_s")).doubleValue()));
            }
            if (w.get("peak_rss_kb") != null) {
                s.append(String.format(Locale.ROOT, ", %.1f MB RSS", ((Number) w.get("peak_rss_kb")).doubleValue() / 1024));
            }
            if (w.get("heap_used_bytes") != null) {
                s.append(String.format(Locale.ROOT, ", %.1f KB heap", ((Number) w.get("heap_used_bytes")).doubleValue() / 1024));
            }
            if (w.get("mj_per_op") != null) {
                s.append(String.format(Locale.ROOT, ", %.4f mJ/op%s", ((Number) w.get("mj_per_op")).doubleValue(),
                        Boolean.TRUE.equals(w.get("energy_simulated")) ? " (simulated)" : ""));
            }
            out.add(s.toString());
        }
        return out;
    }

    /** "pick: X (confidence)" or "no verdict: reason". */
    static String verdict(Map<String, Object> row) {
        return row.get("pick") != null ? "pick: " + row.get("pick") + " (" + row.get("confidence") + ")"
                : "no verdict: " + row.get("no_verdict");
    }

    @SuppressWarnings("unchecked")
    static void markdown(Map<String, Object> m, StringBuilder s) {
        Map<String, String> labels = (Map<String, String>) (Map<?, ?>) m.get("targets");
        s.append("## Which interpreter for your app (decision matrix by app class)\n\n").append(m.get("note")).append(".\n\n| app class |");
        labels.values().forEach(l -> s.append(' ').append(l).append(" |"));
        s.append(" verdict |\n|---|");
        labels.forEach((k, v) -> s.append("---|"));
        s.append("---|\n");
        List<Map<String, Object>> rows = (List<Map<String, Object>>) m.get("rows");
        for (Map<String, Object> row : rows) {
            Map<String, Map<String, Object>> cells = (Map<String, Map<String, Object>>) row.get("cells");
            s.append("| ").append(row.get("title")).append(" |");
            labels.keySet().forEach(t -> s.append(' ').append(String.join("<br>", cell(cells.get(t))).replace("|", "/")).append(" |"));
            s.append(' ').append(verdict(row).replace("|", "/")).append(" |\n");
        }
        s.append("\nRules: ");
        ((Map<String, String>) (Map<?, ?>) m.get("rules")).forEach((k, v) -> s.append("**").append(k).append("** ").append(v).append("; "));
        s.append("\n");
        for (Map<String, Object> row : rows) {
            s.append("\n### ").append(row.get("title")).append(": ").append(verdict(row)).append("\n\n");
            ((List<String>) row.get("evidence")).forEach(e -> s.append("- ").append(e).append('\n'));
            s.append("\nTests to run on your own app:\n\n");
            List<String> tests = (List<String>) row.get("tests");
            for (int i = 0; i < tests.size(); i++) {
                s.append(i + 1).append(". ").append(tests.get(i)).append('\n');
            }
        }
        s.append('\n');
    }

    @SuppressWarnings("unchecked")
    static void html(Map<String, Object> m, StringBuilder s) {
        Map<String, String> labels = (Map<String, String>) (Map<?, ?>) m.get("targets");
        s.append("<h2>Which interpreter for your app</h2><table id=\"app-classes\" border=\"1\" cellpadding=\"4\"><tr><th>app class</th>");
        labels.values().forEach(l -> s.append("<th>").append(Html.esc(l)).append("</th>"));
        s.append("<th>verdict</th><th>tests to run on your app</th></tr>");
        for (Map<String, Object> row : (List<Map<String, Object>>) m.get("rows")) {
            Map<String, Map<String, Object>> cells = (Map<String, Map<String, Object>>) row.get("cells");
            s.append("<tr data-app-class=\"").append(Html.esc(String.valueOf(row.get("app_class")))).append("\"><th>")
                    .append(Html.esc(String.valueOf(row.get("title")))).append("</th>");
            labels.keySet().forEach(t -> s.append("<td>").append(String.join("<br>", cell(cells.get(t)).stream().map(Html::esc).toList())).append("</td>"));
            s.append("<td>").append(Html.esc(verdict(row))).append("<ul>");
            ((List<String>) row.get("evidence")).forEach(e -> s.append("<li>").append(Html.esc(e)).append("</li>"));
            s.append("</ul></td><td><ol>");
            ((List<String>) row.get("tests")).forEach(e -> s.append("<li>").append(Html.esc(e)).append("</li>"));
            s.append("</ol></td></tr>");
        }
        s.append("</table><p>").append(Html.esc(String.valueOf(m.get("note")))).append("</p>");
    }
}
