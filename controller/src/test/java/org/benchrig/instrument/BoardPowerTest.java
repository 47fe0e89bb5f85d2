package org.benchrig.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.benchrig.result.Energy;
import org.junit.jupiter.api.Test;

/** Flags of a repetition's energy: short windows, GPIO width against the board's ticks, missing edges. */
class BoardPowerTest {
    private final List<String> warnings = new ArrayList<>();

    /** A sampler holding a constant 20 mA at 5 V every 1.064 ms from 0 to 2 s, and no marker. */
    private BoardPower power() {
        PowerSensor sensor = new PowerSensor() {
            @Override
            public void configure() {
            }

            @Override
            public PowerReading read() {
                return new PowerReading(5, 0.002, 0.020, 0.1, false);
            }

            @Override
            public long samplePeriodNs() {
                return 1_064_000;
            }

            @Override
            public String label() {
                return "ina219@1:0x40";
            }

            @Override
            public void close() {
            }
        };
        long[] clock = {0};
        PowerSampler sampler = new PowerSampler(sensor, 4096, () -> clock[0]) {
        };
        // fill the ring directly through a recording: the sampler's ring is package-visible via around()
        SampleRing ring = new SampleRing(4096);
        for (long t = 0; t <= 2_000_000_000L; t += 1_064_000) {
            ring.add(t, 0.020, 0.1, false);
        }
        MarkerInput none = new MarkerInput() {
            @Override
            public List<Edge> edgesBetween(long fromNanos, long toNanos) {
                return List.of();
            }

            @Override
            public long mark() {
                return 0;
            }

            @Override
            public List<Edge> edgesSince(long mark) {
                return List.of();
            }

            @Override
            public String label() {
                return "GPIO 5";
            }

            @Override
            public void close() {
            }
        };
        return new BoardPower("b1", sampler, none, null, false, warnings::add) {
        }.withRing(ring);
    }

    @Test
    void aCleanWindowIsPreciseAndUnflagged() {
        Energy e = power().energy(List.of(new Edge(100_000_000, true), new Edge(600_000_000, false)), 500_050_000L);
        assertThat(e.flags()).isEmpty();
        assertThat(e.millijoules()).isCloseTo(50.0, org.assertj.core.api.Assertions.within(0.01)); // 0.1 W x 0.5 s
        assertThat(e.averageMilliamps()).isCloseTo(20.0, org.assertj.core.api.Assertions.within(0.01));
        assertThat(e.windowNs()).isEqualTo(500_000_000L);
        assertThat(e.simulated()).isFalse();
    }

    @Test
    void shortWindowsAreFlagged() {
        Energy e = power().energy(List.of(new Edge(100_000_000, true), new Edge(120_000_000, false)), 20_000_000L);
        assertThat(e.flags()).isEqualTo("short-window");
    }

    @Test
    void aGpioWidthThatDisagreesWithTheTicksBeyondTheJitterIsFlagged() {
        assertThat(BoardPower.ticksAgree(500_000_000, 500_150_000)).isTrue();   // 150 us: within jitter
        assertThat(BoardPower.ticksAgree(500_000_000, 502_000_000)).isFalse();  // 2 ms on 0.5 s
        Energy e = power().energy(List.of(new Edge(100_000_000, true), new Edge(600_000_000, false)), 510_000_000L);
        assertThat(e.flags()).contains("tick-mismatch");
    }

    @Test
    void aMissingEdgeFallsBackToTheOtherEdgeAndTheTicks() {
        Energy e = power().energy(List.of(new Edge(600_000_000, false)), 500_000_000L);
        assertThat(e.flags()).contains("missing-edge");
        assertThat(e.windowNs()).isEqualTo(500_000_000L);
        assertThat(power().energy(List.of(), 500_000_000L)).isNull();
        assertThat(warnings).hasSize(1).allSatisfy(w -> assertThat(w).contains("no marker edges for b1"));
    }
}
