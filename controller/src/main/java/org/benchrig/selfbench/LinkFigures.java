package org.benchrig.selfbench;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.benchrig.stats.Summary;

/** How {@code selfbench link}'s cells put their figures: counts with percentages, ratios, p90. */
final class LinkFigures {
    private LinkFigures() {
    }

    static String percent(int bad, int runs) {
        return String.format(Locale.ROOT, "%d/%d (%.1f%%)", bad, runs, runs == 0 ? 0.0 : 100.0 * bad / runs);
    }

    static String ratio(double ours, double stock) {
        if (!Double.isFinite(ours) || !Double.isFinite(stock) || stock == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2f", ours / stock);
    }

    static double p90(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return Summary.quantileSorted(s, 0.9);
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** " (KIND n, KIND n)" of the kinds of failures counted, or "" when there were none. */
    static String kinds(Map<String, Integer> kinds) {
        if (kinds.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(" (");
        kinds.forEach((k, v) -> sb.append(sb.length() > 2 ? ", " : "").append(k).append(' ').append(v));
        return sb.append(')').toString();
    }
}
