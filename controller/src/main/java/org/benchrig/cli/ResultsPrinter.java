package org.benchrig.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.benchrig.bench.ResultRow;
import org.benchrig.command.Table;
import org.benchrig.result.Measurement;
import org.benchrig.result.MeasurementRows;
import org.benchrig.store.BenchmarkInfo;
import org.benchrig.store.RunInfo;
import org.benchrig.store.TargetInfo;

/**
 * Prints a run: a summary table for people, or every raw measurement as CSV or JSON for tools
 * (the two carry the same rows and fields).
 */
public final class ResultsPrinter {

    private ResultsPrinter() {
    }

    public static void table(RunInfo run, List<TargetInfo> targets, List<BenchmarkInfo> benchmarks,
                             List<Measurement> ms, PrintWriter out) {
        Map<String, String> classes = new LinkedHashMap<>();
        benchmarks.forEach(b -> classes.put(b.name(), b.workloadClass()));
        out.printf("run %d  suite %s  state %s  started %s%s%n", run.id(), run.suite(), run.state().name().toLowerCase(),
                run.startedAt(), run.reason() == null || run.reason().isBlank() ? "" : "  (" + run.reason() + ")");
        for (TargetInfo t : targets) {
            out.printf("  %-8s %-5s %s %s%s%n", t.targetId(), t.kind(), t.interpreter(), t.version(),
                    t.kind().equals("board") ? "  firmware sha256 " + abbreviate(t.firmwareHash()) + "  " + t.machine()
                            + ("simulated".equals(instruments(t)) ? "  [simulated instruments]" : "")
                            : "  " + t.executable());
        }
        java.util.Set<String> hosts = new java.util.HashSet<>();
        targets.stream().filter(t -> t.kind().equals("host")).forEach(t -> hosts.add(t.targetId()));
        Table table = new Table("benchmark", "class", "target", "mode", "n", "median", "spread", "min", "spawn->result",
                "heap used", "peak rss", "energy", "avg/peak mA", "how taken", "outcome");
        Map<String, List<Measurement>> byRow = new LinkedHashMap<>();
        for (Measurement m : ms) {
            byRow.computeIfAbsent(m.benchmark() + "\u0000" + m.target() + "\u0000" + m.mode(), k -> new java.util.ArrayList<>())
                    .add(m);
        }
        for (ResultRow r : ResultRow.summarize(ms)) {
            table.row(r.benchmark(), classes.getOrDefault(r.benchmark(), ""), r.target(), r.mode().name().toLowerCase(),
                    r.time().n(), ResultRow.duration(r.time().median()), r.time().n() > 1 ? r.time().spreadPercent() : "",
                    ResultRow.duration(r.time().min()),
                    r.wall().n() > 0 && r.mode().name().equals("COLD") && hosts.contains(r.target())
                            ? ResultRow.duration(r.wall().median()) : "",
                    r.heapUsed() == null ? "" : r.heapUsed() + " B",
                    r.peakRssKb() == null ? "" : (r.peakRssKb() / 1024) + " MB",
                    energy(r.energy()), current(r.energy()),
                    howTaken(byRow.get(r.benchmark() + "\u0000" + r.target() + "\u0000" + r.mode())),
                    r.outcomeLabel() + (byRow.get(r.benchmark() + "\u0000" + r.target() + "\u0000" + r.mode()).stream()
                            .anyMatch(Measurement::unsteady) ? " NOT STEADY" : ""));
        }
        table.print(out);
        if (ms.stream().anyMatch(m -> m.energy() != null)) {
            out.println("energy = median mJ between the marker edges; avg/peak mA = medians; 'sim' = simulated "
                    + "sensor and edges; '~' = some windows flagged (short-window: too short for the sensor's rate, "
                    + "tick-mismatch: GPIO width and board ticks disagree), see --format json");
        }
        out.println("spread = median absolute deviation / median over successful repetitions; cold = first repetition"
                + " (hosts: a fresh process each, spawn->result = the whole process: start-up, import, first call)");
        if (ms.stream().anyMatch(m -> m.host() != null)) {
            out.println("how taken, warm: worker processes x values, loops per value, median warm-ups per process; cold: "
                    + "median interpreter start-up (-c pass) + import; NOT STEADY = a process never reached the steady-state "
                    + "rule: no warm verdict for that host");
        }
        out.flush();
    }

    /** What a host row's values cost: processes x values, loops, warm-ups; or the cold split. */
    static String howTaken(List<Measurement> g) {
        List<org.benchrig.result.HostValue> hs = g == null ? List.of()
                : g.stream().map(Measurement::host).filter(java.util.Objects::nonNull).toList();
        if (hs.isEmpty()) {
            return "";
        }
        if (hs.get(0).steady() == null) {   // cold
            double[] st = hs.stream().filter(h -> h.startupNs() != null).mapToDouble(h -> h.startupNs()).toArray();
            double[] im = hs.stream().filter(h -> h.importNs() != null).mapToDouble(h -> h.importNs()).toArray();
            return (st.length == 0 ? "-" : ResultRow.duration(org.benchrig.stats.Summary.of(st).median())) + " start-up + "
                    + (im.length == 0 ? "-" : ResultRow.duration(org.benchrig.stats.Summary.of(im).median())) + " import";
        }
        long procs = hs.stream().mapToInt(org.benchrig.result.HostValue::process).distinct().count();
        double[] wu = hs.stream().mapToDouble(org.benchrig.result.HostValue::warmups).toArray();
        int maxLoops = hs.stream().mapToInt(org.benchrig.result.HostValue::loops).max().orElse(1);
        return procs + "x" + (hs.size() / Math.max(1, procs)) + " @" + maxLoops + " loops, "
                + Math.round(org.benchrig.stats.Summary.of(wu).median()) + " warm-ups";
    }

    private static String energy(org.benchrig.bench.EnergySummary e) {
        if (e == null) {
            return "";
        }
        double mj = e.millijoules();
        return (e.anyFlagged() ? "~" : "") + String.format(java.util.Locale.ROOT, mj < 10 ? "%.3f mJ" : "%.1f mJ", mj)
                + (e.simulated() ? " sim" : "");
    }

    private static String current(org.benchrig.bench.EnergySummary e) {
        return e == null ? "" : String.format(java.util.Locale.ROOT, "%.1f / %.1f", e.averageMilliamps(), e.peakMilliamps());
    }

    private static String instruments(TargetInfo t) {
        String d = t.details() == null ? "" : t.details();
        int at = d.indexOf("instruments=");
        return at < 0 ? "" : d.substring(at + "instruments=".length()).split(";")[0];
    }

    private static String abbreviate(String hash) {
        return hash == null ? "-" : hash.substring(0, Math.min(12, hash.length()));
    }

    /** One map per measurement (see {@link MeasurementRows}), for CSV and JSON alike. */
    static List<Map<String, Object>> rows(List<Measurement> ms, List<BenchmarkInfo> benchmarks) {
        Map<String, String> classes = new LinkedHashMap<>();
        benchmarks.forEach(b -> classes.put(b.name(), b.workloadClass()));
        return MeasurementRows.rows(ms, classes::get);
    }

    /** What each target was, beside every measurement in CSV and once per target in JSON. */
    static final List<String> PROVENANCE = List.of("target_kind", "interpreter", "interpreter_version", "executable",
            "firmware_hash", "firmware_version", "board_model", "machine", "emulated", "simulated_instruments");

    /** One target's provenance: {@link #PROVENANCE} from the target info stored with the run. */
    static Map<String, Object> provenance(TargetInfo t) {
        Map<String, String> d = new LinkedHashMap<>();
        for (String part : (t.details() == null ? "" : t.details()).split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                d.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target_kind", t.kind());
        m.put("interpreter", t.interpreter());
        m.put("interpreter_version", t.version());
        m.put("executable", t.executable());
        m.put("firmware_hash", t.firmwareHash());
        m.put("firmware_version", t.firmwareVersion());
        m.put("board_model", d.get("model"));
        m.put("machine", t.machine());
        m.put("emulated", "emulated".equals(d.get("kind")));
        m.put("simulated_instruments", "simulated".equals(d.get("instruments")));
        return m;
    }

    public static void csv(List<TargetInfo> targets, List<Measurement> ms, List<BenchmarkInfo> benchmarks,
                           PrintWriter out) {
        Map<String, Map<String, Object>> byTarget = new LinkedHashMap<>();
        targets.forEach(t -> byTarget.put(t.targetId(), provenance(t)));
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        for (Map<String, Object> row : rows(ms, benchmarks)) {
            Map<String, Object> r = new LinkedHashMap<>(row);
            r.putAll(byTarget.getOrDefault(String.valueOf(row.get("target")), Map.of()));
            rows.add(r);
        }
        List<String> columns = new java.util.ArrayList<>(MeasurementRows.COLUMNS);
        columns.addAll(PROVENANCE);
        Listing.csv(columns, rows, out);
    }

    /** @param appClasses the decision matrix by app class ({@code AppClassMatrix}), first in the document */
    public static void json(RunInfo run, List<TargetInfo> targets, List<Measurement> ms, List<BenchmarkInfo> benchmarks,
                            Map<String, Object> appClasses, PrintWriter out) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("run", run.id());
        doc.put("suite", run.suite());
        doc.put("state", run.state().name().toLowerCase());
        doc.put("app_classes", appClasses);
        Map<String, Object> byTarget = new LinkedHashMap<>();
        for (TargetInfo t : targets) {
            Map<String, Object> p = new LinkedHashMap<>(provenance(t));
            p.put("details", t.details());
            byTarget.put(t.targetId(), p);
        }
        doc.put("targets", byTarget);
        doc.put("measurements", rows(ms, benchmarks));
        Listing.json(doc, out);
    }
}
