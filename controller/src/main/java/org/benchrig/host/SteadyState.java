package org.benchrig.host;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * hostrun.py's steady-state rule, mirrored so a warm sample can say whether warm-up reached steady
 * state when its line arrives (before the process line): the last {@value #WINDOW} warm-up times
 * satisfy (max - min) / median <= {@value #SPREAD}. The process line stays authoritative.
 */
final class SteadyState {
    static final int WINDOW = 5;
    static final double SPREAD = 0.05;

    private SteadyState() {
    }

    static boolean reached(List<Long> times) {
        if (times.size() < WINDOW) {
            return false;
        }
        List<Long> w = new ArrayList<>(times.subList(times.size() - WINDOW, times.size()));
        Collections.sort(w);
        long med = w.get(w.size() / 2);
        if (med <= 0) {
            return true;
        }
        return (double) (w.get(w.size() - 1) - w.get(0)) / med <= SPREAD;
    }
}
