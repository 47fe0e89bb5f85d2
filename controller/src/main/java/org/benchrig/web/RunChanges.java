package org.benchrig.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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

    /** The two runs, the rule, what changed between them, the counts and the lines. */
    record Doc(RunDocs.RunView a, RunDocs.RunView b, String rule, List<String> notes, Counts summary, List<Line> changes) {
    }

    record Counts(long slower, long faster, long undecided) {
    }

    /** One benchmark x target x mode: the medians of A and B, B / A - 1 with its bootstrap interval, and the verdict. */
    record Line(String benchmark, String target, String mode, double aMedianNs, double bMedianNs, int aN, int bN,
                double change, double low, double high, double p, double limit, String verdict, String reason,
                List<String> warnings) {
    }

    static Doc of(RunAgainstRun cmp) {
        List<Comparison.Change> sorted = new ArrayList<>(cmp.changes());
        sorted.sort(Comparator.comparing((Comparison.Change c) -> !decided(c))
                .thenComparing(c -> -magnitude(c.ci().change())));
        List<Line> lines = new ArrayList<>();
        for (Comparison.Change c : sorted) {
            lines.add(new Line(c.benchmark(), c.target(), c.mode(), c.a().median(), c.b().median(), c.a().n(), c.b().n(),
                    c.ci().change(), c.ci().low(), c.ci().high(), c.test().p(), c.limit(), c.verdict().label, c.reason(),
                    c.warnings()));
        }
        long slower = cmp.changes().stream().filter(c -> c.verdict() == Comparison.Verdict.SLOWER).count();
        long faster = cmp.changes().stream().filter(c -> c.verdict() == Comparison.Verdict.FASTER).count();
        return new Doc(RunDocs.RunView.of(cmp.a()), RunDocs.RunView.of(cmp.b()), cmp.rule(), cmp.notes(),
                new Counts(slower, faster, cmp.changes().size() - slower - faster), lines);
    }

    private static boolean decided(Comparison.Change c) {
        return c.verdict() == Comparison.Verdict.SLOWER || c.verdict() == Comparison.Verdict.FASTER;
    }

    private static double magnitude(double change) {
        // a halving and a doubling are the same size of change
        return Double.isFinite(change) ? Math.abs(Math.log1p(change)) : -1;
    }
}
