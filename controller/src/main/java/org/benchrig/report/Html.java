package org.benchrig.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link Report} model as one self-contained HTML page: the Markdown report's sections
 * as text, and per benchmark an inline SVG chart of the median times (log scale, one bar per
 * target and mode, whiskers at the bootstrap interval). No script, no external resource: it opens
 * offline.
 */
public final class Html {
    private Html() {
    }

    @SuppressWarnings("unchecked")
    public static String render(Map<String, Object> r) {
        StringBuilder s = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>")
                .append(esc(String.valueOf(r.get("title"))))
                .append("</title><style>body{font-family:sans-serif;margin:2em;max-width:1200px}pre{white-space:pre-wrap;font-size:13px}"
                        + "svg text{font-size:11px;font-family:sans-serif}table{border-collapse:collapse;margin:.5em 0}"
                        + "th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}.num{white-space:nowrap}</style></head><body><h1>")
                .append(esc(String.valueOf(r.get("title")))).append("</h1>");
        AppClassView.html((Map<String, Object>) r.get("app_classes"), s);
        s.append(decisionMatrix((Map<String, Object>) r.get("decision_matrix")));
        s.append("<h2>Reproduce</h2><pre>");
        ((List<String>) r.get("reproduce")).forEach(c -> s.append(esc(c)).append('\n'));
        s.append("</pre><h2>Charts: median time per target and mode</h2><p>Bar length is on a <strong>logarithmic</strong> "
                + "time scale (each chart its own range): a bar twice as long is many times slower, not twice. Whiskers are the "
                + "bootstrap interval of the median; the value label stands beyond the whisker.</p>");
        Map<String, List<Map<String, Object>>> byBench = new LinkedHashMap<>();
        for (Map<String, Object> x : (List<Map<String, Object>>) r.get("results")) {
            byBench.computeIfAbsent(String.valueOf(x.get("benchmark")), k -> new ArrayList<>()).add(x);
        }
        byBench.forEach((bench, rows) -> s.append(chart(bench, rows)));
        if (r.get("break_even") instanceof Map<?, ?> be && !((List<?>) be.get("benchmarks")).isEmpty()) {
            s.append("<h2>Warm-up curves and break-even</h2>");
            ((List<Map<String, Object>>) be.get("benchmarks")).forEach(b -> s.append(BreakEvenSection.svg(b)));
        }
        s.append("<h2>Report</h2><pre>").append(esc(Markdown.render(r))).append("</pre></body></html>\n");
        return s.toString();
    }

    static String chart(String bench, List<Map<String, Object>> rows) {
        int barH = 18;
        int left = 150;
        int width = 700;
        int height = 30 + rows.size() * (barH + 6);
        double min = Double.MAX_VALUE;
        double max = 0;
        for (Map<String, Object> x : rows) {
            for (String k : new String[] {"median_ns", "ci_low_ns", "ci_high_ns"}) {
                if (x.get(k) instanceof Number n && n.doubleValue() > 0) {
                    min = Math.min(min, n.doubleValue());
                    max = Math.max(max, n.doubleValue());
                }
            }
        }
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "<figure><figcaption>%s (log time scale)</figcaption><svg width=\"%d\" height=\"%d\" role=\"img\">",
                esc(bench), width + left + 120, height));
        if (max == 0) {
            return s.append("<text x=\"10\" y=\"20\">no successful measurement</text></svg></figure>").toString();
        }
        double lo = Math.log10(min) - 0.3;
        double hi = Math.log10(max) + 0.1;
        int y = 10;
        for (Map<String, Object> x : rows) {
            String label = x.get("target") + " " + x.get("mode");
            s.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\">%s</text>", y + 13, esc(label)));
            if (x.get("median_ns") instanceof Number med) {
                double w = scale(med.doubleValue(), lo, hi, width);
                s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>",
                        left, y, w, barH, "cold".equals(x.get("mode")) ? "#6b8fc7" : "#2f5597"));
                if (x.get("ci_low_ns") instanceof Number a && x.get("ci_high_ns") instanceof Number b) {
                    s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"black\"/>",
                            left + scale(a.doubleValue(), lo, hi, width), left + scale(b.doubleValue(), lo, hi, width), y + barH / 2, y + barH / 2));
                }
                double end = w;   // the label goes past the whisker's end, so the whisker never strikes it through
                if (x.get("ci_high_ns") instanceof Number b) {
                    end = Math.max(end, scale(b.doubleValue(), lo, hi, width));
                }
                s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s</text>", left + end + 6, y + 13,
                        esc(Report.ns(med))));
            } else {
                s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>", left, y + 13, esc(String.valueOf(x.get("outcomes")))));
            }
            y += barH + 6;
        }
        return s.append("</svg></figure>").toString();
    }

    /** The decision matrix as an HTML table: a row per class, the base numbers per target, the two tests. */
    @SuppressWarnings("unchecked")
    static String decisionMatrix(Map<String, Object> dm) {
        if (dm == null) {
            return "";
        }
        Map<String, String> labels = (Map<String, String>) dm.get("targets");
        StringBuilder s = new StringBuilder("<h2>Decision matrix</h2><table id=\"decision-matrix\"><caption>")
                .append(esc(String.valueOf(dm.get("rule")))).append("</caption><thead><tr><th>class (benchmarks)</th>");
        labels.values().forEach(l -> s.append("<th>").append(esc(l)).append(" cold / warm</th>"));
        s.append("<th>cold test (short-lived process)</th><th>warm test (long-running process)</th></tr></thead><tbody>");
        for (Map<String, Object> row : (List<Map<String, Object>>) dm.get("rows")) {
            s.append("<tr><th>").append(esc(row.get("class") + " (" + String.join(", ", (List<String>) row.get("benchmarks")) + ")"))
                    .append("</th>");
            Map<String, Map<String, Object>> cells = (Map<String, Map<String, Object>>) row.get("cells");
            for (String t : labels.keySet()) {
                Map<String, Object> c = cells.get(t);
                s.append(Boolean.FALSE.equals(c.get("fits")) ? "<td>does not fit</td>"
                        : "<td class=\"num\">" + esc(Report.ns(c.get("cold_ns")) + " / " + Report.ns(c.get("warm_ns"))) + "</td>");
            }
            for (String test : List.of("cold_test", "warm_test")) {
                Map<String, Object> t = (Map<String, Object>) row.get(test);
                s.append("<td>").append(t.get("winner") != null ? "<strong>" + esc(String.valueOf(t.get("winner"))) + "</strong>: " : "")
                        .append(esc(String.valueOf(t.get("text")))).append("</td>");
            }
            s.append("</tr>");
        }
        return s.append("</tbody></table>").toString();
    }

    static double scale(double v, double lo, double hi, int width) {
        return Math.max(1, (Math.log10(v) - lo) / (hi - lo) * width);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
