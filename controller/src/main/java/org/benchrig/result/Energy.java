package org.benchrig.result;

/**
 * Energy of one repetition, measured outside the board between its marker edges.
 *
 * @param millijoules   integral of power over the window
 * @param averageMilliamps  mean current in the window
 * @param peakMilliamps highest sampled current in the window
 * @param samples       sensor samples inside the window
 * @param windowNs      the window's width from the marker edges (GPIO clock)
 * @param instrument    e.g. "ina219@1:0x40", with "simulated" when no real sensor took part
 * @param simulated     true when the sensor or the edges were simulated
 * @param flags         comma-separated warnings: "short-window", "tick-mismatch", ... (empty when none)
 */
public record Energy(double millijoules, double averageMilliamps, double peakMilliamps, int samples, long windowNs,
                     String instrument, boolean simulated, String flags) {
}
