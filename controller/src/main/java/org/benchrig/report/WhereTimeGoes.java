package org.benchrig.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.benchrig.profile.Profile;
import org.benchrig.profile.ProfileArchive;
import org.benchrig.profile.TimeShares;
import org.benchrig.store.Store;

/**
 * The report's "Where the time goes" section, next to the decision matrix: per benchmark and
 * target with a profile, the shares in Python code, in built-ins/C and waiting, and the top
 * self-time functions; a board says why it has no profile.
 */
public final class WhereTimeGoes {
    private WhereTimeGoes() {
    }

    public static Map<String, Object> build(Store store, long runId) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ProfileArchive.Stored s : new ProfileArchive(store).ofRun(runId)) {
            Profile p = s.profile();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("benchmark", p.benchmark());
            m.put("target", p.target());
            m.put("tier", p.tier());
            m.put("interpreter", (p.meta().getOrDefault("impl", "") + " " + p.meta().getOrDefault("version", "")).strip());
            m.put("outcome", p.outcome());
            m.put("detail", p.detail());
            TimeShares t = p.shares();
            m.put("sampled_us", t.totalUs());
            m.put("rate_hz", p.meta().get("rate_hz"));
            m.put("warmup_calls", p.meta().get("warmup_calls"));
            m.put("python_share", t.python());
            m.put("builtin_share", t.builtin());
            m.put("waiting_share", t.waiting());
            m.put("top_self", t.top().stream().map(f -> Map.of("function", f.function(), "share", f.share())).toList());
            rows.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rows", rows);
        out.put("note", rows.isEmpty() ? "no profiles in this run (run with --profile, or ./benchrig profile BENCH)"
                : "sampled after a warm-up (firmware-scripts/harness/profrun.py); shares of sampled time (CPU plus waiting)");
        return out;
    }

    /** Appends the section to a Markdown report. */
    @SuppressWarnings("unchecked")
    static void markdown(Map<String, Object> report, StringBuilder s) {
        Map<String, Object> w = (Map<String, Object>) report.get("where_time_goes");
        if (w == null) {
            return;
        }
        s.append("\n## Where the time goes\n\n").append(w.get("note")).append(".\n");
        List<Map<String, Object>> rows = (List<Map<String, Object>>) w.get("rows");
        if (rows.isEmpty()) {
            return;
        }
        s.append("\n| benchmark | target | interpreter | Python | built-ins/C | waiting | top self time |\n|---|---|---|---|---|---|---|\n");
        for (Map<String, Object> r : rows) {
            s.append("| ").append(r.get("benchmark")).append(" | ").append(r.get("target")).append(" | ")
                    .append(cell(String.valueOf(r.get("interpreter")))).append(" | ");
            if (!Profile.OK.equals(r.get("outcome"))) {
                s.append(r.get("outcome")).append(" | | | ").append(cell(String.valueOf(r.get("detail")))).append(" |\n");
                continue;
            }
            s.append(pct(r.get("python_share"))).append(" | ").append(pct(r.get("builtin_share"))).append(" | ")
                    .append(pct(r.get("waiting_share"))).append(" | ");
            List<String> top = new ArrayList<>();
            for (Map<String, Object> f : (List<Map<String, Object>>) r.get("top_self")) {
                top.add("`" + cell(String.valueOf(f.get("function"))).replace("`", "'") + "` " + pct(f.get("share")));
            }
            s.append(String.join("; ", top)).append(" |\n");
        }
    }

    private static String pct(Object share) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * ((Number) share).doubleValue());
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
