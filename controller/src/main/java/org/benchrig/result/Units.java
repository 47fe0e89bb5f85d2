package org.benchrig.result;

import java.util.Locale;

/** Human units for nanoseconds, the one formatter of the CLI, reports and the server's own strings: 12.3 us, 4.56 ms, 1.23 s. */
public final class Units {
    private Units() {
    }

    /** ASCII "us", for terminals and Markdown. */
    public static String duration(double ns) {
        return duration(ns, "us");
    }

    /** "µs", as the web UI writes it everywhere (its tables and charts use one spelling). */
    public static String durationForWeb(double ns) {
        return duration(ns, "\u00b5s");
    }

    private static String duration(double ns, String micro) {
        if (Double.isNaN(ns)) {
            return "-";
        }
        if (ns < 1e6) {
            return String.format(Locale.ROOT, "%.1f %s", ns / 1e3, micro);
        }
        if (ns < 1e9) {
            return String.format(Locale.ROOT, "%.2f ms", ns / 1e6);
        }
        return String.format(Locale.ROOT, "%.3f s", ns / 1e9);
    }

    public static String percent(double fraction) {
        return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%+.2f%%", fraction * 100);
    }
}
