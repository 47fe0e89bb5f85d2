package org.benchrig.config;

/**
 * How comparisons and regression detection decide: {@code stats: {level: 0.05, threshold_percent: 2.0}}.
 *
 * @param level            Mann-Whitney significance level (two-sided)
 * @param thresholdPercent smallest change worth a verdict; the target's noise floor raises it
 * @param minSegment       nightly history: a level must hold this many nights to count as a step
 */
public record StatsSettings(double level, double thresholdPercent, int minSegment) {

    public static final StatsSettings DEFAULT = new StatsSettings(0.05, 2.0, 3);

    static StatsSettings read(MappingReader m) {
        return new StatsSettings(
                m.decimal("level", 0.0001, 0.5, DEFAULT.level()),
                m.decimal("threshold_percent", 0.0, 100.0, DEFAULT.thresholdPercent()),
                m.integer("min_segment_nights", 2, 365, DEFAULT.minSegment()));
    }
}
