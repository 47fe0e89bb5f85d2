package org.benchrig.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Reference interval from python3, scipy 1.17.1 (percentile method, 200,000 resamples, so its own
 * Monte Carlo error is small; ours uses 2,000 and a different generator, hence the tolerance):
 * <pre>
 *   bootstrap((a, b), lambda x, y, axis=-1: np.median(y, axis=axis) / np.median(x, axis=axis) - 1,
 *             paired=False, vectorized=True, method='percentile', n_resamples=200000,
 *             confidence_level=0.95, random_state=np.random.default_rng(1))
 *   -> change 0.09474206349206349, low 0.08704253214638968, high 0.10689310689310694
 * </pre>
 */
class BootstrapTest {
    static final double[] A = {1021, 1003, 998, 1010, 1015, 1001, 1007, 1012, 995, 1030, 1004, 1009};
    static final double[] B = {1105, 1098, 1120, 1111, 1090, 1102, 1130, 1099, 1108, 1115, 1101, 1097};

    @Test
    void medianRatioIntervalAgreesWithScipyPercentileBootstrap() {
        Bootstrap.Interval ci = Bootstrap.medianRatio(A, B, 0.95);
        assertThat(ci.change()).isCloseTo(0.09474206349206349, within(1e-12));
        assertThat(ci.low()).isCloseTo(0.08704253214638968, within(0.002));
        assertThat(ci.high()).isCloseTo(0.10689310689310694, within(0.002));
        assertThat(ci.excludesZero()).isTrue();
    }

    @Test
    void seededSoTheSameSamplesGiveTheSameInterval() {
        assertThat(Bootstrap.medianRatio(A, B, 0.95)).isEqualTo(Bootstrap.medianRatio(A, B, 0.95));
    }

    @Test
    void sameSamplesGiveAnIntervalAroundZero() {
        Bootstrap.Interval ci = Bootstrap.medianRatio(A, A.clone(), 0.95);
        assertThat(ci.change()).isZero();
        assertThat(ci.low()).isNegative();
        assertThat(ci.high()).isPositive();
        assertThat(ci.excludesZero()).isFalse();
    }
}
