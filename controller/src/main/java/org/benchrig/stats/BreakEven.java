package org.benchrig.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.benchrig.result.Units;

/**
 * The break-even of two interpreters on one benchmark: the process lifetime (calls, and seconds of
 * work) after which the one with the lower steady time per call (the {@code overtaker}) is ahead of
 * the other (the {@code starter}) in cumulative time from process start.
 *
 * <p>Each curve is one worker process with one cold sample's start-up and import. Who is ahead
 * after a job of n calls is a verdict like every other here: Mann-Whitney over the two sides'
 * cumulative times at n, at {@code level}; else no verdict. The verdict can change only where a
 * pair of curves crosses (the curves are piecewise linear, so crossings are exact), so it is
 * judged once between every two consecutive crossings. {@link Status#FOUND}: the starter is ahead
 * for short jobs and the overtaker for long ones; the interval runs from the end of the starter's
 * last lifetime with a verdict to the start of the overtaker's lasting one, and the estimate is
 * the median of the pairs' last crossings. {@link Status#NEVER}: no pair of curves crosses and one
 * side is ahead at every lifetime. {@link Status#UNCERTAIN}: otherwise (the curves cross inside
 * their spread, or too few processes for a verdict).
 *
 * @param calls        the estimate (median of the pairs' last crossings), null unless FOUND
 * @param callsLow     up to here the starter is ahead (a verdict), null when it never is
 * @param callsHigh    from here on the overtaker is ahead (a verdict), null unless FOUND
 * @param ns           cumulative time at the estimate (median of all curves there), as for calls
 * @param crossing     how many of the {@code pairs} of curves cross for good
 * @param extrapolated some last crossing lies past a pair's measured calls (at the steady time per call)
 */
public record BreakEven(String benchmark, String starter, String overtaker, Status status, Double calls, Double callsLow,
                        Double callsHigh, Double ns, Double nsLow, Double nsHigh, int pairs, int crossing,
                        boolean extrapolated, double level, List<Pair> pairResults) {

    /** FOUND, NEVER (no crossing, one is ahead at every lifetime), UNCERTAIN (no verdict), NO_DATA. */
    public enum Status { FOUND, NEVER, UNCERTAIN, NO_DATA }

    /** The level verdicts are judged at unless the caller passes the run's (stats.level). */
    public static final double LEVEL = 0.05;

    /**
     * One pair of curves: the starter's and the overtaker's, the overtaker's last crossing (for
     * good; 0 when it is ahead from process start) or null when it does not stay ahead, and every
     * crossing of the two.
     */
    public record Pair(WarmupCurve starter, WarmupCurve overtaker, Double calls, Double ns, boolean extrapolated,
                       List<Double> crossings) {
    }

    /** What a job of a given length should run on, and why; {@code target} null is no verdict. */
    public record Pick(String target, String reason) {
    }

    public BreakEven {
        pairResults = List.copyOf(pairResults);
    }

    /** As {@link #of(String, String, List, String, List, double)} at {@link #LEVEL}. */
    public static BreakEven of(String benchmark, String a, List<WarmupCurve> as, String b, List<WarmupCurve> bs) {
        return of(benchmark, a, as, b, bs, LEVEL);
    }

    /**
     * The break-even of targets {@code a} and {@code b} on {@code benchmark} from their curves;
     * NO_DATA when either has none.
     */
    public static BreakEven of(String benchmark, String a, List<WarmupCurve> as, String b, List<WarmupCurve> bs,
                               double level) {
        if (as.isEmpty() || bs.isEmpty()) {
            return new BreakEven(benchmark, a, b, Status.NO_DATA, null, null, null, null, null, null, 0, 0, false, level,
                    List.of());
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
        int n = pairs.size();
        List<Pair> crossing = pairs.stream().filter(p -> p.calls() != null && p.calls() > 0).toList();
        boolean extrapolated = crossing.stream().anyMatch(Pair::extrapolated);
        double[] cuts = pairs.stream().flatMap(p -> p.crossings().stream()).mapToDouble(Double::doubleValue)
                .distinct().sorted().toArray();
        BreakEven draft = new BreakEven(benchmark, starter, overtaker, Status.UNCERTAIN, null, null, null, null, null, null,
                n, crossing.size(), extrapolated, level, pairs);
        // segment i lies between cuts[i-1] and cuts[i] (0 and infinity at the ends)
        String[] ahead = new String[cuts.length + 1];
        for (int i = 0; i <= cuts.length; i++) {
            double x = cuts.length == 0 ? 1 : i == 0 ? cuts[0] / 2 : i == cuts.length ? cuts[i - 1] * 2 + 1
                    : (cuts[i - 1] + cuts[i]) / 2;
            ahead[i] = draft.aheadAt(x);
        }
        int lastStarter = -1;
        for (int i = 0; i < ahead.length; i++) {
            if (starter.equals(ahead[i])) {
                lastStarter = i;
            }
        }
        int firstOvertaker = ahead.length;
        while (firstOvertaker > 0 && overtaker.equals(ahead[firstOvertaker - 1])) {
            firstOvertaker--;
        }
        Double low = lastStarter < 0 ? null : lastStarter == cuts.length ? null : cuts[lastStarter];
        if (cuts.length == 0 && ahead[0] != null) {
            return new BreakEven(benchmark, starter, overtaker, Status.NEVER, null, null, null, null, null, null, n, 0,
                    false, level, pairs);
        }
        boolean found = ahead[0] != null && ahead[0].equals(starter) && firstOvertaker < ahead.length
                && firstOvertaker > lastStarter;
        if (!found) {
            return new BreakEven(benchmark, starter, overtaker, Status.UNCERTAIN, null, low, null, null,
                    low == null ? null : draft.nsAt(low), null, n, crossing.size(), extrapolated, level, pairs);
        }
        double high = cuts[firstOvertaker - 1];
        double[] last = pairs.stream().mapToDouble(p -> p.calls() == null ? Double.POSITIVE_INFINITY : p.calls()).sorted()
                .toArray();
        double mid = last.length % 2 == 1 ? last[last.length / 2] : (last[last.length / 2 - 1] + last[last.length / 2]) / 2;
        double est = Math.max(low, Math.min(high, mid));
        return new BreakEven(benchmark, starter, overtaker, Status.FOUND, est, low, high, draft.nsAt(est), draft.nsAt(low),
                draft.nsAt(high), n, crossing.size(), extrapolated, level, pairs);
    }

    /** The target ahead after {@code calls} calls (Mann-Whitney at the level), or null for no verdict. */
    String aheadAt(double calls) {
        double[] s = pairResults.stream().map(Pair::starter).distinct().mapToDouble(c -> c.at(calls)).toArray();
        double[] w = pairResults.stream().map(Pair::overtaker).distinct().mapToDouble(c -> c.at(calls)).toArray();
        if (MannWhitney.test(s, w).p() >= level) {
            return null;
        }
        return Summary.of(s).median() < Summary.of(w).median() ? starter : overtaker;
    }

    /** The median cumulative time of every curve of both after {@code calls} calls. */
    double nsAt(double calls) {
        return Summary.of(java.util.stream.Stream.concat(pairResults.stream().map(Pair::starter),
                pairResults.stream().map(Pair::overtaker)).distinct().mapToDouble(c -> c.at(calls)).toArray()).median();
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
        List<Double> all = new ArrayList<>();
        double prev = w.at(0) - s.at(0);
        if (prev < 0) {
            last = 0.0;
            lastNs = w.at(0);
        }
        for (int i = 1; i < xs.length; i++) {
            double d = w.at(xs[i]) - s.at(xs[i]);
            if ((prev >= 0) != (d >= 0)) {
                all.add(xs[i - 1] + (xs[i] - xs[i - 1]) * prev / (prev - d));
            }
            if (prev >= 0 && d < 0) {
                last = all.get(all.size() - 1);
                lastNs = s.at(last);
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
                all.add(last);
            } else {
                last = null;
            }
        } else if (slope > 0) {   // ahead at the end but slower per call: it falls behind again
            last = null;
            all.add(end + -prev / slope);
        }
        return new Pair(s, w, last, last == null ? null : lastNs, extrapolated, List.copyOf(all));
    }

    private static double[] breakpoints(WarmupCurve s, WarmupCurve w) {
        return java.util.stream.DoubleStream.concat(Arrays.stream(s.calls()), Arrays.stream(w.calls()))
                .distinct().sorted().toArray();
    }

    /** The pick for a job of {@code calls} calls from process start. */
    public Pick pick(double calls) {
        String job = String.format(Locale.ROOT, "%,.0f calls", calls);
        if (status == Status.NO_DATA) {
            return new Pick(null, "no verdict for a job of " + job + ": no warm-up curve of " + starter + " or " + overtaker);
        }
        String t = aheadAt(calls);
        return t == null ? new Pick(null, "no verdict for a job of " + job + ": the processes' totals there do not differ "
                + "significantly (Mann-Whitney p >= " + level + ")")
                : new Pick(t, t + " is ahead after a job of " + job + " (Mann-Whitney p < " + level + " over "
                + curves(true) + " and " + curves(false) + " processes)");
    }

    /** The pick for a job that takes {@code ns} from process start on the starter (what a user measures today). */
    public Pick pickForTimeOnStarter(double ns) {
        if (status == Status.NO_DATA) {
            return pick(0);
        }
        return pick(Summary.of(pairResults.stream().map(Pair::starter).distinct().mapToDouble(c -> c.callsAt(ns)).toArray())
                .median());
    }

    private long curves(boolean starterSide) {
        return pairResults.stream().map(starterSide ? Pair::starter : Pair::overtaker).distinct().count();
    }

    /**
     * What an app-class row (a CLI job, a service process) says against the break-even: which
     * interpreter a job shorter than its interval picks, which one a longer job picks.
     */
    public String advice() {
        return switch (status) {
            case FOUND -> String.format(Locale.ROOT, "a job shorter than %,.0f calls (%s of work) picks %s, the faster "
                            + "starter; one longer than %,.0f calls (%s) picks %s; in between, no verdict", callsLow,
                    Units.duration(nsLow), starter, callsHigh, Units.duration(nsHigh), overtaker);
            case NEVER -> "any job length picks " + aheadAt(1) + " (the curves never cross)";
            case UNCERTAIN -> callsLow == null ? "no pick by job length: " + statement()
                    : String.format(Locale.ROOT, "a job shorter than %,.0f calls (%s) picks %s; for longer ones no verdict",
                    callsLow, Units.duration(nsLow), starter);
            case NO_DATA -> "no pick by job length: " + statement();
        };
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
                String leader = aheadAt(1);
                String other = overtaker.equals(leader) ? starter : overtaker;
                yield "never: the curves do not cross; " + leader + " is ahead at every process lifetime (" + pairs
                        + " process pairs), " + other + " never pays off";
            }
            case UNCERTAIN -> String.format(Locale.ROOT, "no break-even verdict: %d of %d process pairs cross for good%s; "
                            + "%s", crossing, pairs, callsLow == null ? "" : String.format(Locale.ROOT,
                            ", %s is ahead up to %,.0f calls / %s", starter, callsLow, Units.duration(nsLow)),
                    curves(true) < 4 || curves(false) < 4 ? "too few processes (" + curves(true) + " and " + curves(false)
                            + ") for a verdict at level " + level : "whether " + overtaker + " pays off is inside the "
                            + "processes' spread");
        };
    }

    private static double median(List<WarmupCurve> cs, ToDoubleFunction<WarmupCurve> f) {
        return Summary.of(cs.stream().mapToDouble(f).toArray()).median();
    }
}
