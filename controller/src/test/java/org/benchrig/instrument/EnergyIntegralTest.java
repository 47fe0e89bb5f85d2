package org.benchrig.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Energy of synthetic current profiles with known integrals, within the stated error. */
class EnergyIntegralTest {
    private static final long PERIOD = 1_064_000; // INA219, both channels at 12 bit
    private static final double VOLTS = 3.3;

    /** Samples of {@code amps(t)} every {@code period} from 0 to {@code until}, starting at {@code phase}. */
    private static Samples sample(LongToDoubleFunction amps, long period, long phase, long until) {
        int n = (int) ((until - phase) / period) + 1;
        long[] t = new long[n];
        double[] a = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = phase + i * period;
            a[i] = amps.applyAsDouble(t[i]);
            w[i] = a[i] * VOLTS;
        }
        return new Samples(t, a, w, false);
    }

    @Test
    void squarePulseIsWithinOnePeriodTimesTheStepOfItsIntegral() {
        // 10 mA idle, 80 mA for 300 ms from t = 100 ms; window 50 ms .. 450 ms
        long on = 100_000_000;
        long off = 400_000_000;
        LongToDoubleFunction amps = t -> t >= on && t < off ? 0.080 : 0.010;
        double exact = VOLTS * (0.010 * 0.400 + 0.070 * 0.300);
        double bound = PERIOD * 1e-9 * VOLTS * 0.070; // the stated error: period x step
        for (long phase : new long[] {0, 137_000, 531_000, 1_000_000}) {
            EnergyIntegral e = EnergyIntegral.of(sample(amps, PERIOD, phase, 500_000_000), 50_000_000, 450_000_000);
            assertThat(e.joules()).as("phase %d", phase).isCloseTo(exact, within(bound));
            assertThat(e.peakAmps()).isCloseTo(0.080, within(1e-12));
            assertThat(e.averageAmps()).isCloseTo(exact / VOLTS / 0.400, within(bound / VOLTS / 0.400));
            assertThat(e.samplesInside()).isBetween(375, 377);
        }
    }

    @Test
    void rampIsExactBecauseTheTrapezoidIsExactForLinearSignals() {
        // 0 -> 100 mA linearly over 1 s; window 0.2 s .. 0.7 s: integral of i = 0.1 t from 0.2 to 0.7
        LongToDoubleFunction amps = t -> 0.1 * t * 1e-9;
        EnergyIntegral e = EnergyIntegral.of(sample(amps, PERIOD, 300_000, 1_000_000_000), 200_000_000, 700_000_000);
        double charge = 0.1 / 2 * (0.7 * 0.7 - 0.2 * 0.2);
        assertThat(e.joules()).isCloseTo(VOLTS * charge, within(1e-9));
        assertThat(e.averageAmps()).isCloseTo(charge / 0.5, within(1e-9));
        assertThat(e.peakAmps()).isCloseTo(0.07, within(1e-9));
    }

    @Test
    void windowBetweenTwoSamplesIsInterpolated() {
        Samples s = new Samples(new long[] {0, 1_000_000}, new double[] {0.01, 0.01}, new double[] {1.0, 1.0}, false);
        EnergyIntegral e = EnergyIntegral.of(s, 200_000, 700_000);
        assertThat(e.joules()).isCloseTo(0.5e-3, within(1e-12));
        assertThat(e.samplesInside()).isZero();
    }
}
