package org.benchrig.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Reference values were computed independently with python3 (numpy 2.4.6, cross-checked with the
 * statistics module), for each data set v:
 * <pre>
 *   a = np.array(v); med = np.median(a)
 *   mad = np.median(abs(a - med))
 *   iqr = np.percentile(a, 75) - np.percentile(a, 25)        # numpy's default method="linear"
 *   cv  = a.std(ddof=1) / a.mean()
 *   # statistics: st.median, st.quantiles(v, n=4, method='inclusive'), st.stdev(v) / st.mean(v)
 * </pre>
 */
class SummaryTest {

    private static final double EPS = 1e-12;

    @Test
    void oddCountMatchesNumpy() {
        Summary s = Summary.of(new double[] {12.5, 10.0, 11.0, 13.0, 10.5});
        assertThat(s.n()).isEqualTo(5);
        assertThat(s.median()).isCloseTo(11.0, within(EPS));
        assertThat(s.min()).isEqualTo(10.0);
        assertThat(s.max()).isEqualTo(13.0);
        assertThat(s.mad()).isCloseTo(1.0, within(EPS));
        assertThat(s.iqr()).isCloseTo(2.0, within(EPS));
        assertThat(s.cv()).isCloseTo(0.11352788689074372, within(EPS));
        assertThat(s.spreadPercent()).isEqualTo("±9.1%");
    }

    @Test
    void evenCountInterpolatesTheMedian() {
        Summary s = Summary.of(new double[] {3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0});
        assertThat(s.median()).isCloseTo(3.5, within(EPS));
        assertThat(s.mad()).isCloseTo(2.0, within(EPS));
        assertThat(s.iqr()).isCloseTo(3.5, within(EPS));
        assertThat(s.cv()).isCloseTo(0.7092583597261195, within(EPS));
        assertThat(s.min()).isEqualTo(1.0);
        assertThat(s.max()).isEqualTo(9.0);
    }

    @Test
    void quartilesInterpolateBetweenClosestRanks() {
        // n = 6: the quartile ranks (n-1)p = 1.25 and 3.75 fall between values.
        Summary s = Summary.of(new double[] {0.1, 0.7, 0.3, 0.9, 0.2, 0.55});
        assertThat(s.median()).isCloseTo(0.42500000000000004, within(EPS));
        assertThat(s.mad()).isCloseTo(0.24999999999999997, within(EPS));
        assertThat(s.iqr()).isCloseTo(0.4375, within(EPS));
        assertThat(s.cv()).isCloseTo(0.6774770893628583, within(EPS));
    }

    @Test
    void medianAndMadResistAnOutlierWhileCvDoesNot() {
        Summary s = Summary.of(new double[] {1021, 1003, 998, 1010, 1500, 1001, 1007});
        assertThat(s.median()).isCloseTo(1007.0, within(EPS));
        assertThat(s.mad()).isCloseTo(6.0, within(EPS));
        assertThat(s.iqr()).isCloseTo(13.5, within(EPS));
        assertThat(s.cv()).isCloseTo(0.17324830348136497, within(1e-15));
        assertThat(s.spreadPercent()).isEqualTo("±0.6%");
    }

    @Test
    void twoValues() {
        Summary s = Summary.of(new double[] {2.0, 4.0});
        assertThat(s.median()).isEqualTo(3.0);
        assertThat(s.mad()).isEqualTo(1.0);
        assertThat(s.iqr()).isEqualTo(1.0);
        assertThat(s.cv()).isCloseTo(0.47140452079103173, within(EPS));
        assertThat(s.spreadPercent()).isEqualTo("±33.3%");
    }

    @Test
    void singleValueHasNoSpreadAndNoCv() {
        Summary s = Summary.of(new double[] {42.0});
        assertThat(s.n()).isEqualTo(1);
        assertThat(s.median()).isEqualTo(42.0);
        assertThat(s.mad()).isZero();
        assertThat(s.iqr()).isZero();
        assertThat(s.cv()).isNaN();
        assertThat(s.spreadPercent()).isEqualTo("±0.0%");
    }

    @Test
    void emptyGivesNaNs() {
        Summary s = Summary.of(new double[0]);
        assertThat(s.n()).isZero();
        assertThat(s.median()).isNaN();
        assertThat(s.min()).isNaN();
        assertThat(s.max()).isNaN();
        assertThat(s.mad()).isNaN();
        assertThat(s.iqr()).isNaN();
        assertThat(s.cv()).isNaN();
        assertThat(s.spreadPercent()).isEqualTo("±?");
    }

    @Test
    void inputIsNotReordered() {
        double[] values = {3, 1, 2};
        Summary.of(values);
        assertThat(values).containsExactly(3, 1, 2);
    }

    @Test
    void nonFiniteValuesAreRejected() {
        assertThatThrownBy(() -> Summary.of(new double[] {1, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
