package org.benchrig.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.benchrig.stats.Comparison;
import org.benchrig.history.RunAgainstRun;

/**
 * The run-against-run page's document: {@code benchrig compare A B}'s lines as JSON, the largest
 * change first (a verdict before a line without one), each with its interval, p, limit, verdict,
 * reason and warnings.
 */
final class RunChanges {
    private RunChanges() {
    }

    static Map<String, Object> of(RunAgainstRun cmp) {
        List<Comparison.Change> sorted = new ArrayList<>(cmp.changes());
        sorted.sort(Comparator.comparing((Comparison.Change c) -> !decided(c))
                .thenComparing(c -> -magnitude(c.ci().change())));
        List<Map<String, Object>> lines = new ArrayList<>();
        for (Comparison.Change c : sorted) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("benchmark", c.benchmark());
            m.put("target", c.target());
            m.put("mode", c.mode());
            m.put("aMedianNs", RunDocs.finite(c.a().median()));
            m.put("bMedianNs", RunDocs.finite(c.b().median()));
            m.put("aN", c.a().n());
            m.put("bN", c.b().n());
            m.put("change", RunDocs.finite(c.ci().change()));
            m.put("low", RunDocs.finite(c.ci().low()));
            m.put("high", RunDocs.finite(c.ci().high()));
            m.put("p", RunDocs.finite(c.test().p()));
            m.put("limit", RunDocs.finite(c.limit()));
            m.put("verdict", c.verdict().label);
            m.put("reason", c.reason());
            m.put("warnings", c.warnings());
            lines.add(m);
        }
        long slower = cmp.changes().stream().filter(c -> c.verdict() == Comparison.Verdict.SLOWER).count();
        long faster = cmp.changes().stream().filter(c -> c.verdict() == Comparison.Verdict.FASTER).count();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("a", RunDocs.runJson(cmp.a()));
        out.put("b", RunDocs.runJson(cmp.b()));
        out.put("rule", cmp.rule());
        out.put("notes", cmp.notes());
        out.put("summary", Map.of("slower", slower, "faster", faster, "undecided", cmp.changes().size() - slower - faster));
        out.put("changes", lines);
        return out;
    }

    private static boolean decided(Comparison.Change c) {
        return c.verdict() == Comparison.Verdict.SLOWER || c.verdict() == Comparison.Verdict.FASTER;
    }

    private static double magnitude(double change) {
        // a halving and a doubling are the same size of change
        return Double.isFinite(change) ? Math.abs(Math.log1p(change)) : -1;
    }
}
