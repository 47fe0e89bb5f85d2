package org.benchrig.web;

import java.util.Locale;

/** Human units for the few strings the server writes itself (caveats); the UI formats numbers itself. */
final class Format {
    private Format() {
    }

    static String duration(double ns) {
        if (Double.isNaN(ns)) {
            return "-";
        }
        if (ns < 1e6) {
            return String.format(Locale.ROOT, "%.1f µs", ns / 1e3);
        }
        if (ns < 1e9) {
            return String.format(Locale.ROOT, "%.2f ms", ns / 1e6);
        }
        return String.format(Locale.ROOT, "%.3f s", ns / 1e9);
    }
}
