package org.benchrig.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.benchrig.config.StatsSettings;
import org.benchrig.result.Measurement;
import org.benchrig.result.Units;

/**
 * Compares two runs per benchmark x target x mode. A verdict (faster or slower) needs all of:
 * the two-sided Mann-Whitney p below {@code level}; |change of median| above
 * max(threshold, noise floor of that target and mode); and the bootstrap interval of the change on
 * the same side of zero. Failures, too few samples or any pyperf-style warning (spread above 10%,
 * shortest value under 1 ms) on either side give "no verdict" instead.
 */
public final class Comparison {
    public enum Verdict {
        FASTER("faster"), SLOWER("slower"), NO_CHANGE("no significant change"), NO_VERDICT("no verdict");

        public final String label;

        Verdict(String label) {
            this.label = label;
        }
    }

    /** One line of a comparison; change and interval are fractions (0.10 = 10% more time). */
    public record Change(String benchmark, String target, String mode, Summary a, Summary b,
                         Bootstrap.Interval ci, MannWhitney test, double floor, double limit,
                         Verdict verdict, String reason, List<String> warnings) {

        public String line() {
            return String.format(Locale.ROOT, "%-12s %-10s %-4s %12s -> %12s  %+7.2f%% [%+.2f%%, %+.2f%%]  p=%.4f  limit %.1f%%  %s%s",
                    benchmark, target, mode, Units.duration(a.median()),
                    Units.duration(b.median()), ci.change() * 100, ci.low() * 100,
                    ci.high() * 100, test.p(), limit * 100, verdict.label, reason.isEmpty() ? "" : " (" + reason + ")");
        }
    }

    private Comparison() {
    }

    /**
     * @param floors between-run floor per "target/mode" (absent: {@code defaultFloor} of the target)
     */
    public static List<Change> compare(List<Measurement> runA, List<Measurement> runB, StatsSettings settings,
                                       Map<String, Double> floors, ToDoubleFunction<String> defaultFloor) {
        Map<String, List<Measurement>> a = group(runA);
        Map<String, List<Measurement>> b = group(runB);
        List<Change> out = new ArrayList<>();
        for (var e : a.entrySet()) {
            List<Measurement> mb = b.get(e.getKey());
            if (mb == null) {
                continue;
            }
            Measurement first = e.getValue().get(0);
            out.add(one(first.benchmark(), first.target(), first.mode().name().toLowerCase(Locale.ROOT),
                    e.getValue(), mb, settings,
                    floors.getOrDefault(first.target() + "/" + first.mode(), defaultFloor.applyAsDouble(first.target()))));
        }
        return out;
    }

    static Change one(String benchmark, String target, String mode, List<Measurement> ma, List<Measurement> mb,
                      StatsSettings settings, double betweenFloor) {
        double[] a = times(ma);
        double[] b = times(mb);
        Summary sa = Summary.of(a);
        Summary sb = Summary.of(b);
        Bootstrap.Interval ci = Bootstrap.medianRatio(a, b, 1 - settings.level());
        MannWhitney test = MannWhitney.test(a, b);
        double floor = Math.max(betweenFloor, NoiseFloor.withinRun(a, b));
        double limit = Math.max(settings.thresholdPercent() / 100, floor);
        List<String> warnings = new ArrayList<>();
        Warnings.of(a, timed(ma)).forEach(w -> warnings.add("A: " + w));
        Warnings.of(b, timed(mb)).forEach(w -> warnings.add("B: " + w));
        long failedA = ma.size() - a.length;
        long failedB = mb.size() - b.length;
        Verdict verdict;
        String reason;
        if (failedA > 0 || failedB > 0) {
            verdict = Verdict.NO_VERDICT;
            reason = "failed repetitions: " + failedA + " in A, " + failedB + " in B";
        } else if (a.length < Warnings.MIN_SAMPLES || b.length < Warnings.MIN_SAMPLES) {
            verdict = Verdict.NO_VERDICT;
            reason = "too few samples (" + a.length + " vs " + b.length + "; need " + Warnings.MIN_SAMPLES + ")";
        } else if (!warnings.isEmpty()) {
            // pyperf's warnings mean the sample cannot carry a verdict: an unstable or sub-millisecond
            // host sample moved by 40% to 116% between two A/A runs on a shared 2-core machine.
            verdict = Verdict.NO_VERDICT;
            reason = "unreliable sample: " + warnings.get(0);
        } else if (test.p() >= settings.level()) {
            verdict = Verdict.NO_CHANGE;
            reason = String.format(Locale.ROOT, "Mann-Whitney p %.3f >= %.3f", test.p(), settings.level());
        } else if (Math.abs(ci.change()) <= limit) {
            verdict = Verdict.NO_CHANGE;
            reason = String.format(Locale.ROOT, "|change| within %.1f%% = max(threshold %.1f%%, noise floor %.1f%%)",
                    limit * 100, settings.thresholdPercent(), floor * 100);
        } else if (!ci.excludesZero()) {
            verdict = Verdict.NO_CHANGE;
            reason = "confidence interval spans zero";
        } else {
            verdict = ci.change() > 0 ? Verdict.SLOWER : Verdict.FASTER;
            reason = "";
        }
        return new Change(benchmark, target, mode, sa, sb, ci, test, floor, limit, verdict, reason, warnings);
    }

    static double[] times(List<Measurement> ms) {
        return ms.stream().filter(m -> m.outcome().isOk()).map(Measurement::timeNs).filter(Objects::nonNull)
                .mapToDouble(Long::doubleValue).toArray();
    }

    /** How long each ok sample's timed stretch lasted (see {@link Measurement#timedNs()}). */
    public static double[] timed(List<Measurement> ms) {
        return ms.stream().filter(m -> m.outcome().isOk() && m.timeNs() != null).map(Measurement::timedNs)
                .filter(Objects::nonNull).mapToDouble(Long::doubleValue).toArray();
    }

    static Map<String, List<Measurement>> group(List<Measurement> ms) {
        Map<String, List<Measurement>> g = new TreeMap<>();
        for (Measurement m : ms) {
            g.computeIfAbsent(m.benchmark() + "\u0000" + m.target() + "\u0000" + m.mode(), k -> new ArrayList<>()).add(m);
        }
        return g;
    }
}
