package org.benchrig.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link Report} model as Markdown. */
public final class Markdown {
    private Markdown() {
    }

    @SuppressWarnings("unchecked")
    public static String render(Map<String, Object> r) {
        StringBuilder s = new StringBuilder();
        s.append("# ").append(r.get("title")).append("\n\n");
        Map<String, Object> run = (Map<String, Object>) r.get("run");
        s.append("Run ").append(run.get("id")).append(": suite `").append(run.get("suite")).append("`, state ")
                .append(run.get("state")).append(", ").append(run.get("repetitions")).append(" repetitions, targets ")
                .append(run.get("targets")).append(", started ").append(run.get("started_at")).append(", ended ")
                .append(run.get("ended_at")).append(".\n\n");
        AppClassView.markdown((Map<String, Object>) r.get("app_classes"), s);

        s.append("## Environment\n\n| what | value |\n|---|---|\n");
        ((Map<String, Object>) r.get("environment")).forEach((k, v) -> s.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        s.append("\n### Targets\n\n| target | kind | interpreter | version | executable / link | firmware sha256 | firmware version | machine | details | simulated |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (Map<String, Object> t : (List<Map<String, Object>>) r.get("targets")) {
            s.append("| ").append(t.get("id")).append(" | ").append(t.get("kind")).append(" | ").append(t.get("interpreter"))
                    .append(" | ").append(t.get("version")).append(" | `").append(t.get("executable")).append("` | ")
                    .append(t.get("firmware_hash") == null ? "-" : "`" + t.get("firmware_hash") + "`").append(" | ")
                    .append(dash(t.get("firmware_version"))).append(" | ").append(dash(t.get("machine"))).append(" | ")
                    .append(dash(t.get("details"))).append(" | ").append(t.get("simulated")).append(" |\n");
        }
        s.append("\n### Benchmarks\n\n| benchmark | class | tier | params | source sha256 |\n|---|---|---|---|---|\n");
        for (Map<String, Object> b : (List<Map<String, Object>>) r.get("benchmarks")) {
            s.append("| ").append(b.get("name")).append(" | ").append(b.get("class")).append(" | ").append(b.get("tier"))
                    .append(" | ").append(b.get("params")).append(" | `").append(b.get("source_sha256")).append("` |\n");
        }

        s.append("\n## Reproduce\n\n```sh\n");
        ((List<String>) r.get("reproduce")).forEach(c -> s.append(c).append('\n'));
        s.append("```\n");

        Map<String, Object> dm = (Map<String, Object>) r.get("decision_matrix");
        Map<String, String> labels = (Map<String, String>) dm.get("targets");
        s.append("\n## Decision matrix\n\n").append(dm.get("rule")).append(".\n\n| app class |");
        labels.values().forEach(l -> s.append(' ').append(l).append(" cold / warm |"));
        s.append(" decided by (cold) | decided by (warm) |\n|---|");
        labels.forEach((k, v) -> s.append("---|"));
        s.append("---|---|\n");
        for (Map<String, Object> row : (List<Map<String, Object>>) dm.get("rows")) {
            s.append("| ").append(row.get("class")).append(" (").append(String.join(", ", (List<String>) row.get("benchmarks"))).append(") |");
            Map<String, Map<String, Object>> cells = (Map<String, Map<String, Object>>) row.get("cells");
            for (String t : labels.keySet()) {
                Map<String, Object> c = cells.get(t);
                if (!(Boolean) c.get("fits")) {
                    s.append(" does not fit |");
                } else {
                    s.append(' ').append(Report.ns(c.get("cold_ns"))).append(" / ").append(Report.ns(c.get("warm_ns"))).append(" |");
                }
            }
            s.append(' ').append(((Map<String, Object>) row.get("cold_test")).get("text")).append(" | ")
                    .append(((Map<String, Object>) row.get("warm_test")).get("text")).append(" |\n");
        }

        WhereTimeGoes.markdown(r, s);

        s.append("\n## Results, cold and warm\n\nMedian with its bootstrap interval; spread is MAD / median.\n\n")
                .append("| benchmark | class | target | mode | n | median | interval | min | spread | outliers | outcome | warnings |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Map<String, Object> x : (List<Map<String, Object>>) r.get("results")) {
            Object mad = x.get("mad_percent");
            s.append("| ").append(x.get("benchmark")).append(" | ").append(x.get("class")).append(" | ").append(x.get("target"))
                    .append(" | ").append(x.get("mode")).append(" | ").append(x.get("n")).append(" | ").append(Report.ns(x.get("median_ns")))
                    .append(" | ").append(Report.ns(x.get("ci_low_ns"))).append(" .. ").append(Report.ns(x.get("ci_high_ns")))
                    .append(" | ").append(Report.ns(x.get("min_ns"))).append(" | ")
                    .append(mad == null ? "-" : String.format(Locale.ROOT, "±%.1f%%", ((Number) mad).doubleValue()))
                    .append(" | ").append(x.get("outliers")).append(" | ").append(x.get("outcomes")).append(" | ")
                    .append(String.join("; ", (List<String>) x.get("warnings"))).append(" |\n");
        }

        s.append("\n## Memory\n\n| benchmark | target | mode | board heap used (bytes) | host peak RSS (KB) | fits |\n|---|---|---|---|---|---|\n");
        for (Map<String, Object> m : (List<Map<String, Object>>) r.get("memory")) {
            s.append("| ").append(m.get("benchmark")).append(" | ").append(m.get("target")).append(" | ").append(m.get("mode"))
                    .append(" | ").append(dash(m.get("heap_used_bytes"))).append(" | ").append(dash(m.get("peak_rss_kb")))
                    .append(" | ").append(m.get("fits")).append(" |\n");
        }

        Map<String, Object> energy = (Map<String, Object>) r.get("energy");
        s.append("\n## Energy\n\n");
        List<Map<String, Object>> er = (List<Map<String, Object>>) energy.get("rows");
        if (er.isEmpty()) {
            s.append(energy.get("note")).append(".\n");
        } else {
            s.append("| benchmark target | median mJ | instrument | simulated |\n|---|---|---|---|\n");
            er.forEach(e -> s.append("| ").append(e.get("benchmark_target")).append(" | ")
                    .append(String.format(Locale.ROOT, "%.3f", ((Number) e.get("median_mj")).doubleValue())).append(" | ")
                    .append(e.get("instrument")).append(" | ").append(e.get("simulated")).append(" |\n"));
        }

        if (r.get("concurrency") instanceof Map<?, ?> c) {
            ConcurrencySection.markdown((Map<String, Object>) c, s);
        }
        if (r.get("break_even") instanceof Map<?, ?> be) {
            BreakEvenSection.markdown((Map<String, Object>) be, s);
        }
        s.append("\n## Caveats\n\n");
        ((List<String>) r.get("caveats")).forEach(c -> s.append("- ").append(c).append('\n'));
        s.append("\n## How the numbers were judged\n\n");
        ((Map<String, Object>) r.get("statistics")).forEach((k, v) -> s.append("- ").append(k).append(": ").append(v).append('\n'));
        return s.toString();
    }

    static String dash(Object o) {
        return o == null ? "-" : String.valueOf(o).replace("|", "/");
    }
}
