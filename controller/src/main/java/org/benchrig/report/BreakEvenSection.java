package org.benchrig.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.benchrig.result.Measurement;
import org.benchrig.result.WarmupValue;
import org.benchrig.stats.BreakEven;
import org.benchrig.stats.Summary;
import org.benchrig.result.Units;
import org.benchrig.stats.WarmupCurve;
import org.benchrig.stats.WarmupCurves;

/**
 * The report's warm-up curves and break-even section (also the compare page's chart, through
 * {@code /api/runs/{id}/breakeven}): per benchmark, each host's cumulative time against the calls
 * from process start (median and range of its processes on a log grid), and for every two hosts
 * the break-even with its interval, or "never".
 */
public final class BreakEvenSection {
    /** Grid points of the chart between 1 call and the last one shown (log-spaced). */
    static final int GRID_POINTS = 48;

    private BreakEvenSection() {
    }

    /**
     * The break-even of every two host targets on every benchmark of a run, in benchmark then
     * target order: the model the app-class rows (CLI, service) state their pick against
     * ({@link BreakEven#pick}, {@link BreakEven#statement}).
     */
    public static List<BreakEven> analyses(List<Measurement> ms, List<WarmupValue> warmups, double level) {
        List<BreakEven> out = new ArrayList<>();
        for (String bench : benchmarks(ms)) {
            List<String> hosts = hosts(ms, bench);
            for (int i = 0; i < hosts.size(); i++) {
                for (int j = i + 1; j < hosts.size(); j++) {
                    out.add(BreakEven.of(bench, hosts.get(i), WarmupCurves.of(ms, warmups, hosts.get(i), bench).curves(),
                            hosts.get(j), WarmupCurves.of(ms, warmups, hosts.get(j), bench).curves(), level));
                }
            }
        }
        return out;
    }

    /** The section's model (snake_case): {@code benchmarks} with their chart and break-evens, and a {@code note}. */
    public static Map<String, Object> of(List<Measurement> ms, List<WarmupValue> warmups, double level) {
        List<BreakEven> all = analyses(ms, warmups, level);
        List<Map<String, Object>> benches = new ArrayList<>();
        for (String bench : benchmarks(ms)) {
            List<String> hosts = hosts(ms, bench);
            if (hosts.size() < 2) {
                continue;
            }
            Map<String, WarmupCurves.Curves> curves = new LinkedHashMap<>();
            hosts.forEach(h -> curves.put(h, WarmupCurves.of(ms, warmups, h, bench)));
            List<BreakEven> mine = all.stream().filter(b -> b.benchmark().equals(bench)).toList();
            double[] grid = grid(curves, mine);
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("benchmark", bench);
            b.put("calls", grid);
            Map<String, Object> series = new LinkedHashMap<>();
            curves.forEach((h, c) -> series.put(h, series(c, grid)));
            b.put("curves", series);
            b.put("break_even", mine.stream().map(BreakEvenSection::toMap).toList());
            benches.add(b);
        }
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("benchmarks", benches);
        section.put("note", benches.isEmpty() ? "no benchmark ran on two hosts in this run: no break-even to find"
                : "cumulative time from process start (spawn to first call from the cold samples, then every warm-up "
                + "value and value of a worker process) against the calls made; each curve is one worker process with "
                + "one cold sample; who is ahead after a job of n calls: Mann-Whitney over the processes' totals at n (level "
                + level + "); break-even: the median of the last crossings of every pair of processes, its interval from "
                + "the starter's last verdict to the overtaker's lasting one; past the measured calls at the steady time "
                + "per call (extrapolated)");
        return section;
    }

    static Map<String, Object> toMap(BreakEven be) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("starter", be.starter());
        m.put("overtaker", be.overtaker());
        m.put("status", be.status().name().toLowerCase(Locale.ROOT));
        m.put("calls", be.calls());
        m.put("calls_low", be.callsLow());
        m.put("calls_high", be.callsHigh());
        m.put("seconds", seconds(be.ns()));
        m.put("seconds_low", seconds(be.nsLow()));
        m.put("seconds_high", seconds(be.nsHigh()));
        m.put("pairs", be.pairs());
        m.put("crossing_pairs", be.crossing());
        m.put("extrapolated", be.extrapolated());
        m.put("statement", be.statement());
        return m;
    }

    private static Double seconds(Double ns) {
        return ns == null ? null : ns / 1e9;
    }

    private static Map<String, Object> series(WarmupCurves.Curves c, double[] grid) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("processes", c.curves().size());
        s.put("missing", c.missing());
        if (c.curves().isEmpty()) {
            return s;
        }
        Double[] med = new Double[grid.length];
        Double[] lo = new Double[grid.length];
        Double[] hi = new Double[grid.length];
        for (int i = 0; i < grid.length; i++) {
            double x = grid[i];
            Summary sum = Summary.of(c.curves().stream().mapToDouble(k -> k.at(x)).toArray());
            med[i] = sum.median();
            lo[i] = sum.min();
            hi[i] = sum.max();
        }
        s.put("median_ns", med);
        s.put("low_ns", lo);
        s.put("high_ns", hi);
        s.put("measured_calls", c.curves().stream().mapToDouble(WarmupCurve::measuredCalls).max().orElse(0));
        s.put("steady_ns_per_call", Summary.of(c.curves().stream().mapToDouble(WarmupCurve::steadyPerCall).toArray()).median());
        s.put("steady", c.curves().stream().allMatch(WarmupCurve::steady));
        return s;
    }

    /** Log-spaced calls from 1 to the most measured calls, or to twice the break-even's high end when that is further. */
    static double[] grid(Map<String, WarmupCurves.Curves> curves, List<BreakEven> bes) {
        double max = curves.values().stream().flatMap(c -> c.curves().stream()).mapToDouble(WarmupCurve::measuredCalls)
                .max().orElse(1);
        for (BreakEven be : bes) {
            Double far = be.callsHigh() != null ? be.callsHigh() : be.callsLow();
            if (far != null) {
                max = Math.max(max, 2 * far);
            }
        }
        max = Math.max(max, 10);
        TreeSet<Double> xs = new TreeSet<>();
        for (int i = 0; i < GRID_POINTS; i++) {
            xs.add((double) Math.round(Math.pow(max, i / (double) (GRID_POINTS - 1))));
        }
        for (double d = 10; d < max; d *= 10) {   // the Markdown table's rows
            xs.add(d);
        }
        return xs.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static List<String> benchmarks(List<Measurement> ms) {
        return ms.stream().filter(m -> m.host() != null).map(Measurement::benchmark).distinct().sorted().toList();
    }

    private static List<String> hosts(List<Measurement> ms, String bench) {
        return ms.stream().filter(m -> m.host() != null && m.benchmark().equals(bench)).map(Measurement::target)
                .distinct().sorted().toList();
    }

    @SuppressWarnings("unchecked")
    static void markdown(Map<String, Object> section, StringBuilder s) {
        s.append("\n## Warm-up curves and break-even\n\n").append(section.get("note")).append(".\n");
        for (Map<String, Object> b : (List<Map<String, Object>>) section.get("benchmarks")) {
            s.append("\n### ").append(b.get("benchmark")).append("\n\n");
            for (Map<String, Object> be : (List<Map<String, Object>>) b.get("break_even")) {
                s.append("- ").append(be.get("statement")).append('\n');
            }
            Map<String, Map<String, Object>> curves = (Map<String, Map<String, Object>>) b.get("curves");
            double[] calls = (double[]) b.get("calls");
            s.append("\nCumulative time from process start, median of the processes (range):\n\n| calls |");
            curves.keySet().forEach(t -> s.append(' ').append(t).append(" |"));
            s.append("\n|---|");
            curves.keySet().forEach(t -> s.append("---|"));
            s.append('\n');
            for (int i = 0; i < calls.length; i++) {
                if (!decade(calls[i]) && i != calls.length - 1) {
                    continue;
                }
                s.append(String.format(Locale.ROOT, "| %,.0f |", calls[i]));
                for (Map<String, Object> c : curves.values()) {
                    Double[] med = (Double[]) c.get("median_ns");
                    s.append(' ').append(med == null ? Markdown.dash(c.get("missing")) : Units.duration(med[i]) + " ("
                            + Units.duration(((Double[]) c.get("low_ns"))[i]) + "-" + Units.duration(((Double[]) c.get("high_ns"))[i])
                            + ")").append(" |");
                }
                s.append('\n');
            }
        }
    }

    /** Colours of the hosts' curves in the HTML chart, in target order. */
    private static final String[] COLORS = {"#1f5fa8", "#b3261e", "#1e7a3a", "#8a5a00"};

    /** An inline SVG chart of one benchmark (log-log; bands are the processes' range; dashes at break-evens). */
    @SuppressWarnings("unchecked")
    static String svg(Map<String, Object> b) {
        int w = 640;
        int h = 260;
        int left = 70;
        int bottom = 30;
        double[] calls = (double[]) b.get("calls");
        Map<String, Map<String, Object>> curves = (Map<String, Map<String, Object>>) b.get("curves");
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (Map<String, Object> c : curves.values()) {
            for (String k : new String[] {"low_ns", "high_ns"}) {
                if (c.get(k) instanceof Double[] v) {
                    for (Double d : v) {
                        lo = Math.min(lo, d);
                        hi = Math.max(hi, d);
                    }
                }
            }
        }
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "<figure><figcaption>%s: cumulative time from "
                + "process start against calls (log-log)</figcaption><svg width=\"%d\" height=\"%d\" role=\"img\">",
                Html.esc(String.valueOf(b.get("benchmark"))), w + left + 130, h + bottom));
        if (hi == 0) {
            return s.append("<text x=\"10\" y=\"20\">no curve</text></svg></figure>").toString();
        }
        double xl = 0;
        double xh = Math.log10(calls[calls.length - 1]);
        double yl = Math.log10(lo);
        double yh = Math.log10(hi);
        java.util.function.DoubleUnaryOperator px = x -> left + (Math.log10(Math.max(1, x)) - xl) / (xh - xl) * w;
        java.util.function.DoubleUnaryOperator py = y -> h - (Math.log10(y) - yl) / Math.max(1e-9, yh - yl) * (h - 10);
        s.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"14\">%s</text><text x=\"0\" y=\"%d\">%s</text>"
                        + "<text x=\"%d\" y=\"%d\">1 call</text><text x=\"%d\" y=\"%d\">%,.0f calls</text>",
                Units.duration(hi), h, Units.duration(lo), left, h + 20, left + w - 60, h + 20, calls[calls.length - 1]));
        int k = 0;
        for (Map.Entry<String, Map<String, Object>> e : curves.entrySet()) {
            String color = COLORS[k++ % COLORS.length];
            if (!(e.getValue().get("median_ns") instanceof Double[] med)) {
                continue;
            }
            Double[] low = (Double[]) e.getValue().get("low_ns");
            Double[] high = (Double[]) e.getValue().get("high_ns");
            StringBuilder band = new StringBuilder();
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < calls.length; i++) {
                band.append(String.format(Locale.ROOT, "%.1f,%.1f ", px.applyAsDouble(calls[i]), py.applyAsDouble(high[i])));
                line.append(String.format(Locale.ROOT, "%.1f,%.1f ", px.applyAsDouble(calls[i]), py.applyAsDouble(med[i])));
            }
            for (int i = calls.length - 1; i >= 0; i--) {
                band.append(String.format(Locale.ROOT, "%.1f,%.1f ", px.applyAsDouble(calls[i]), py.applyAsDouble(low[i])));
            }
            s.append(String.format(Locale.ROOT, "<polygon points=\"%s\" fill=\"%s\" fill-opacity=\"0.15\"/>"
                            + "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>"
                            + "<text x=\"%d\" y=\"%.1f\" fill=\"%s\">%s</text>", band, color, line, color,
                    left + w + 6, py.applyAsDouble(med[med.length - 1]) + 4, color, Html.esc(e.getKey())));
        }
        for (Map<String, Object> be : (List<Map<String, Object>>) b.get("break_even")) {
            if (be.get("calls") instanceof Double n) {
                double x = px.applyAsDouble(n);
                s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"10\" y2=\"%d\" stroke=\"black\" "
                        + "stroke-dasharray=\"4 3\"/><text x=\"%.1f\" y=\"22\">break-even %,.0f calls</text>", x, x, h, x + 4, n));
            }
        }
        return s.append("</svg></figure>").toString();
    }

    private static boolean decade(double x) {
        double l = Math.log10(x);
        return Math.abs(l - Math.rint(l)) < 1e-9;
    }
}
