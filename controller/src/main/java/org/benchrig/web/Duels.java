package org.benchrig.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.benchrig.config.StatsSettings;
import org.benchrig.report.DecisionMatrix;
import org.benchrig.result.Measurement;
import org.benchrig.result.Mode;
import org.benchrig.stats.Bootstrap;

/**
 * The compare page's tests, decided by the report's rule ({@link DecisionMatrix#test}): the fastest
 * target against the runner-up with the bootstrap interval of their ratio, and each target's speed
 * relative to the baseline.
 */
final class Duels {
    private Duels() {
    }

    /** A test's outcome with the interval of its ratio, by the report's rule. */
    static Compare.Duel duel(Map<String, Object> t, List<Measurement> ms, List<String> benches, Mode mode,
                     Map<String, String> interpreterOf, StatsSettings stats) {
        String m = mode.name().toLowerCase(Locale.ROOT);
        String fastest = (String) t.get("fastest");
        String runner = (String) t.get("runner_up");
        if (fastest == null || runner == null) {
            Object why = t.containsKey("no_verdict") ? t.get("no_verdict") : t.get("text");
            return new Compare.Duel(m, fastest, fastest == null ? null : label(interpreterOf, fastest), null, null, null, null, null,
                    null, null, null, Compare.NO_VERDICT, why == null ? "nothing to compare" : String.valueOf(why));
        }
        List<double[]> a = new ArrayList<>();
        List<double[]> b = new ArrayList<>();
        for (String bench : benches) {
            a.add(DecisionMatrix.times(ms, bench, fastest, mode));
            b.add(DecisionMatrix.times(ms, bench, runner, mode));
        }
        Bootstrap.Interval ci = Bootstrap.geomeanRatio(a, b, 1 - stats.level());
        String why = t.get("no_verdict") == null ? "" : String.valueOf(t.get("no_verdict"));
        // a test that saw no difference says so; one that could not judge (never steady) says "no verdict"
        String verdict = t.get("winner") != null ? Compare.FASTER : why.contains("steady") ? Compare.NO_VERDICT : Compare.NO_DIFFERENCE;
        return new Compare.Duel(m, fastest, label(interpreterOf, fastest), runner, label(interpreterOf, runner),
                (Double) t.get("winner_ns"), (Double) t.get("runner_up_ns"), 1 / (Double) t.get("ratio"),
                RunDocs.finite(1 + ci.low()), RunDocs.finite(1 + ci.high()), (Double) t.get("p"), verdict, why);
    }

    static Compare.Relative relative(List<Measurement> ms, String bench, String cls, String base, String target, Mode mode,
                             StatsSettings stats) {
        double[] b = DecisionMatrix.times(ms, bench, base, mode);
        double[] x = DecisionMatrix.times(ms, bench, target, mode);
        if (base == null || b.length == 0 || x.length == 0) {
            return null;
        }
        String m = mode.name().toLowerCase(Locale.ROOT);
        if (target.equals(base)) {
            return new Compare.Relative(bench, cls, target, m, 1.0, 1.0, 1.0, false, "the baseline");
        }
        Map<String, Object> t = DecisionMatrix.test(ms, List.of(bench), List.of(base, target), mode, stats.level(),
                stats.thresholdPercent());
        Bootstrap.Interval ci = Bootstrap.medianRatio(x, b, 1 - stats.level());
        String why = t.get("no_verdict") == null ? "" : String.valueOf(t.get("no_verdict"));
        return new Compare.Relative(bench, cls, target, m, RunDocs.finite(1 + ci.change()), RunDocs.finite(1 + ci.low()),
                RunDocs.finite(1 + ci.high()),
                t.get("winner") != null, why);
    }

    private static String label(Map<String, String> interpreterOf, String target) {
        String interp = interpreterOf.getOrDefault(target, target);
        return interp.equals(target) ? Compare.label(interp) : Compare.label(interp) + " · " + target;
    }
}
