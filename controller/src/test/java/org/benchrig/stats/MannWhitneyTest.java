package org.benchrig.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Reference values computed independently with python3, scipy 1.17.1:
 * <pre>
 *   from scipy.stats import mannwhitneyu
 *   r = mannwhitneyu(x, y, alternative='two-sided', method='auto')   # exact without ties when n is small
 * </pre>
 * and, for small samples with ties (scipy's exact method does not handle ties), a brute-force
 * permutation over itertools.combinations of scipy.stats.rankdata mid-ranks:
 * p = #{splits with |U - n1 n2 / 2| >= |U_obs - n1 n2 / 2|} / C(n1 + n2, n1).
 */
class MannWhitneyTest {

    private static double[] d(double... v) {
        return v;
    }

    @Test
    void smallSamplesWithoutTiesMatchScipyExact() {
        MannWhitney r = MannWhitney.test(d(1.1, 2.3, 0.7, 3.9, 2.8), d(4.1, 5.2, 3.3, 6.0, 4.9, 5.5));
        assertThat(r.exact()).isTrue();
        assertThat(r.u1()).isEqualTo(1.0);
        assertThat(r.p()).isCloseTo(0.008658008658008658, within(1e-12));

        MannWhitney overlap = MannWhitney.test(d(10, 12, 11, 14, 13), d(12.5, 15, 13.5, 16, 11.5));
        assertThat(overlap.u1()).isEqualTo(6.0);
        assertThat(overlap.p()).isCloseTo(0.2222222222222222, within(1e-12));
    }

    @Test
    void smallSamplesWithTiesMatchBruteForcePermutation() {
        // a deterministic board: every value of A equal, every value of B equal and larger
        assertThat(MannWhitney.test(d(5, 5, 5, 5), d(6, 6, 6, 6)).p()).isCloseTo(0.02857142857142857, within(1e-12));
        MannWhitney r = MannWhitney.test(d(3, 3, 4, 5, 5), d(4, 5, 6, 6, 7));
        assertThat(r.u1()).isEqualTo(3.5);
        assertThat(r.p()).isCloseTo(0.0873015873015873, within(1e-12));
        assertThat(MannWhitney.test(d(5, 5, 5, 5), d(5, 5, 5, 5)).p()).isEqualTo(1.0);
    }

    @Test
    void largeSamplesWithTiesMatchScipyAsymptotic() {
        MannWhitney r = MannWhitney.test(
                d(1, 2, 2, 3, 3, 3, 4, 4, 5, 6, 7, 7, 8, 9, 9, 10, 11, 12, 12, 13, 14),
                d(3, 4, 5, 5, 6, 7, 8, 8, 9, 10, 10, 11, 12, 13, 14, 14, 15, 16, 16, 17, 18, 19));
        assertThat(r.exact()).isFalse();
        assertThat(r.u1()).isEqualTo(122.0);
        assertThat(r.p()).isCloseTo(0.008269642635917797, within(1e-8));
    }

    @Test
    void largeShiftedSamplesMatchScipyAsymptotic() {
        double[] x = new double[25];
        double[] y = new double[24];
        for (int i = 0; i < 25; i++) {
            x[i] = Math.round((100 + 30.0 * i / 24) * 1000) / 1000.0;       // np.round(np.linspace(100,130,25),3)
        }
        for (int i = 0; i < 24; i++) {
            y[i] = Math.round((110 + 30.0 * i / 23) * 1000) / 1000.0;       // np.round(np.linspace(110,140,24),3)
        }
        MannWhitney r = MannWhitney.test(x, y);
        assertThat(r.u1()).isEqualTo(136.5);
        assertThat(r.p()).isCloseTo(0.0011137954935697726, within(1e-8));
    }

    @Test
    void pIsSymmetricInTheSamples() {
        double[] a = d(1.1, 2.3, 0.7, 3.9, 2.8);
        double[] b = d(4.1, 5.2, 3.3, 6.0, 4.9, 5.5);
        assertThat(MannWhitney.test(b, a).p()).isCloseTo(MannWhitney.test(a, b).p(), within(1e-12));
    }
}
