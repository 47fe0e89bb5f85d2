package org.benchrig.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * The break-even of two interpreters on one benchmark: the process lifetime (calls, and seconds of
 * work) after which the one with the lower steady time per call (the {@code overtaker}) stays
 * ahead of the other (the {@code starter}) in cumulative time from process start.
 *
 * <p>Every curve of one is paired with every curve of the other (each curve is one worker process
 * with one cold sample's start-up and import); each pair gives its last crossing, exactly, as the
 * curves are piecewise linear. The estimate is the median of the pairs' crossings and the interval
 * their range. {@link Status#FOUND}: every pair crosses; {@link Status#NEVER}: no pair crosses and
 * the same interpreter is ahead at every lifetime in every pair; {@link Status#UNCERTAIN}: the pairs
 * disagree (the curves cross inside their spread). {@link #pick} answers for one job length from
 * the pairs directly: the interpreter every pair has ahead there, or no verdict.
 *
 * @param calls       the estimate (median of the crossing pairs), null unless FOUND
 * @param callsLow    the interval's low end (the earliest crossing), null for NEVER
 * @param callsHigh   the interval's high end, null for NEVER or when some pair never crosses
 * @param ns          cumulative time at the crossing (both curves equal there), as calls
 * @param crossing    how many of the {@code pairs} cross
 * @param extrapolated some crossing lies past a pair's measured calls (at the steady time per call)
 */
public record BreakEven(String benchmark, String starter, String overtaker, Status status, Double calls, Double callsLow,
                        Double callsHigh, Double ns, Double nsLow, Double nsHigh, int pairs, int crossing,
                        boolean extrapolated, List<Pair> pairResults) {

    /** FOUND, NEVER (no crossing, one is ahead at every lifetime), UNCERTAIN (the pairs disagree), NO_DATA. */
    public enum Status { FOUND, NEVER, UNCERTAIN, NO_DATA }

    /**
     * One pair of curves: the starter's and the overtaker's, and the overtaker's last crossing
     * (for good) or null when it never stays ahead.
     */
    public record Pair(WarmupCurve starter, WarmupCurve overtaker, Double calls, Double ns, boolean extrapolated) {

        /** The target ahead after {@code n} calls (the starter on a tie). */
        public String aheadAt(double n) {
            return overtaker.at(n) < starter.at(n) ? overtaker.target() : starter.target();
        }

        /** True when the overtaker is ahead at every lifetime from process start (and stays so). */
        boolean overtakerAlwaysAhead() {
            return calls == null ? false : calls == 0;
        }
    }

    /** What a job of a given length should run on, and why; {@code target} null is no verdict. */
    public record Pick(String target, String reason) {
    }

    public BreakEven {
        pairResults = List.copyOf(pairResults);
    }

    /**
     * The break-even of targets {@code a} and {@code b} on {@code benchmark} from their curves;
     * NO_DATA when either has none.
     */
    public static BreakEven of(String benchmark, String a, List<WarmupCurve> as, String b, List<WarmupCurve> bs) {
        if (as.isEmpty() || bs.isEmpty()) {
            return new BreakEven(benchmark, a, b, Status.NO_DATA, null, null, null, null, null, null, 0, 0, false, List.of());
        }
        boolean bOvertakes = median(bs, WarmupCurve::steadyPerCall) < median(as, WarmupCurve::steadyPerCall);
        String starter = bOvertakes ? a : b;
        String overtaker = bOvertakes ? b : a;
        List<WarmupCurve> ss = bOvertakes ? as : bs;
        List<WarmupCurve> ws = bOvertakes ? bs : as;
        List<Pair> pairs = new ArrayList<>();
        for (WarmupCurve s : ss) {
            for (WarmupCurve w : ws) {
                pairs.add(cross(s, w));
            }
        }
        List<Pair> crossing = pairs.stream().filter(p -> p.calls() != null && p.calls() > 0).toList();
        boolean extrapolated = crossing.stream().anyMatch(Pair::extrapolated);
        int n = pairs.size();
        if (crossing.size() == n) {
            return new BreakEven(benchmark, starter, overtaker, Status.FOUND, medianOf(crossing, Pair::calls),
                    minOf(crossing, Pair::calls), maxOf(crossing, Pair::calls), medianOf(crossing, Pair::ns),
                    minOf(crossing, Pair::ns), maxOf(crossing, Pair::ns), n, n, extrapolated, pairs);
        }
        if (crossing.isEmpty() && (pairs.stream().allMatch(Pair::overtakerAlwaysAhead)
                || pairs.stream().allMatch(p -> p.calls() == null && starterAlwaysAhead(p)))) {
            return new BreakEven(benchmark, starter, overtaker, Status.NEVER, null, null, null, null, null, null, n, 0,
                    false, pairs);
        }
        return new BreakEven(benchmark, starter, overtaker, Status.UNCERTAIN, null,
                crossing.isEmpty() ? null : minOf(crossing, Pair::calls), null, null,
                crossing.isEmpty() ? null : minOf(crossing, Pair::ns), null, n, crossing.size(), extrapolated, pairs);
    }

    /**
     * The overtaker's last crossing of the starter: where the cumulative difference (overtaker
     * minus starter), linear between the two curves' points and past the last one, turns negative
     * for good. 0 when the overtaker is ahead from process start; null when it does not stay ahead.
     */
    static Pair cross(WarmupCurve s, WarmupCurve w) {
        double[] xs = breakpoints(s, w);
        double end = xs[xs.length - 1];
        Double last = null;
        Double lastNs = null;
        double prev = w.at(0) - s.at(0);
        if (prev < 0) {
            last = 0.0;
            lastNs = w.at(0);
        }
        for (int i = 1; i < xs.length; i++) {
            double d = w.at(xs[i]) - s.at(xs[i]);
            if (prev >= 0 && d < 0) {
                double x = xs[i - 1] + (xs[i] - xs[i - 1]) * prev / (prev - d);
                last = x;
                lastNs = s.at(x);
            } else if (d >= 0) {
                last = null;
            }
            prev = d;
        }
        double slope = w.steadyPerCall() - s.steadyPerCall();
        boolean extrapolated = false;
        if (prev >= 0) {   // behind at the end of the measured calls: the steady tails decide
            if (slope < 0) {
                last = end + prev / -slope;
                lastNs = s.at(last);
                extrapolated = true;
            } else {
                last = null;
            }
        } else if (slope > 0) {   // ahead at the end but slower per call: it falls behind again
            last = null;
        }
        return new Pair(s, w, last, last == null ? null : lastNs, extrapolated);
    }

    private static boolean starterAlwaysAhead(Pair p) {
        double[] xs = breakpoints(p.starter(), p.overtaker());
        return Arrays.stream(xs).allMatch(x -> p.starter().at(x) <= p.overtaker().at(x))
                && p.overtaker().steadyPerCall() >= p.starter().steadyPerCall();
    }

    private static double[] breakpoints(WarmupCurve s, WarmupCurve w) {
        return java.util.stream.DoubleStream.concat(Arrays.stream(s.calls()), Arrays.stream(w.calls()))
                .distinct().sorted().toArray();
    }

    /** The pick for a job of {@code calls} calls from process start. */
    public Pick pick(double calls) {
        return pickWhere(p -> calls, String.format(Locale.ROOT, "%,.0f calls", calls));
    }

    /** The pick for a job that takes {@code ns} from process start on the starter (what a user measures today). */
    public Pick pickForTimeOnStarter(double ns) {
        return pickWhere(p -> p.starter().callsAt(ns), Units.duration(ns) + " of work on " + starter);
    }

    private Pick pickWhere(ToDoubleFunction<Pair> callsOf, String job) {
        if (status == Status.NO_DATA) {
            return new Pick(null, "no verdict for a job of " + job + ": no warm-up curve of " + starter + " or " + overtaker);
        }
        List<String> ahead = pairResults.stream().map(p -> p.aheadAt(callsOf.applyAsDouble(p))).distinct().toList();
        if (ahead.size() == 1) {
            return new Pick(ahead.get(0), ahead.get(0) + " is ahead after a job of " + job + " in all " + pairs
                    + " process pairs");
        }
        return new Pick(null, "no verdict for a job of " + job + ": inside the break-even interval (the " + pairs
                + " process pairs disagree on who is ahead)");
    }

    /** One sentence: "pypy pays off after 2,400 calls / 90.1 ms of work (interval ...)", or "never: ...". */
    public String statement() {
        return switch (status) {
            case NO_DATA -> "no break-even: " + starter + " or " + overtaker + " has no complete warm-up curve";
            case FOUND -> String.format(Locale.ROOT, "%s pays off after %,.0f calls / %s of work (interval %,.0f-%,.0f calls, "
                            + "%s-%s; %d process pairs)%s: a shorter job picks %s, the faster starter; a longer one %s",
                    overtaker, calls, Units.duration(ns), callsLow, callsHigh, Units.duration(nsLow), Units.duration(nsHigh),
                    pairs, extrapolated ? ", past the measured calls (extrapolated at the steady time per call)" : "",
                    starter, overtaker);
            case NEVER -> {
                String leader = pairResults.get(0).overtakerAlwaysAhead() ? overtaker : starter;
                String other = leader.equals(overtaker) ? starter : overtaker;
                yield "never: the curves do not cross; " + leader + " is ahead at every process lifetime in all " + pairs
                        + " process pairs, " + other + " never pays off";
            }
            case UNCERTAIN -> String.format(Locale.ROOT, "no break-even verdict: %d of %d process pairs cross%s, the others "
                            + "do not: whether %s pays off is inside the processes' spread", crossing, pairs,
                    callsLow == null ? "" : String.format(Locale.ROOT, " (from %,.0f calls / %s)", callsLow,
                            Units.duration(nsLow)), overtaker);
        };
    }

    private static double median(List<WarmupCurve> cs, ToDoubleFunction<WarmupCurve> f) {
        return Summary.of(cs.stream().mapToDouble(f).toArray()).median();
    }

    private static double medianOf(List<Pair> ps, java.util.function.Function<Pair, Double> f) {
        return Summary.of(ps.stream().map(f).filter(Objects::nonNull).mapToDouble(Double::doubleValue).toArray()).median();
    }

    private static double minOf(List<Pair> ps, java.util.function.Function<Pair, Double> f) {
        return ps.stream().map(f).filter(Objects::nonNull).mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double maxOf(List<Pair> ps, java.util.function.Function<Pair, Double> f) {
        return ps.stream().map(f).filter(Objects::nonNull).mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
