package org.benchrig.instrument;

import java.util.SplittableRandom;

/**
 * How much current a simulated board draws: {@code idleAmps}, or {@code activeAmps} while a
 * benchmark runs, plus a little deterministic noise, on a fixed supply voltage. The values are a
 * micro:bit v1's order of magnitude (nRF51822 plus its interface chip), not a measurement.
 */
public final class PowerModel {
    public static final double MICROBIT_IDLE_AMPS = 0.018;
    public static final double MICROBIT_ACTIVE_AMPS = 0.024;
    public static final double MICROBIT_SUPPLY_VOLTS = 3.3;

    private final double idleAmps;
    private final double activeAmps;
    private final double supplyVolts;
    private final double noiseAmps;
    private final SplittableRandom random;
    private volatile boolean active;

    public PowerModel(double idleAmps, double activeAmps, double supplyVolts, double noiseAmps, long seed) {
        this.idleAmps = idleAmps;
        this.activeAmps = activeAmps;
        this.supplyVolts = supplyVolts;
        this.noiseAmps = noiseAmps;
        this.random = new SplittableRandom(seed);
    }

    public static PowerModel microbit(long seed) {
        return new PowerModel(MICROBIT_IDLE_AMPS, MICROBIT_ACTIVE_AMPS, MICROBIT_SUPPLY_VOLTS, 0.0002, seed);
    }

    public void setActive(boolean active) {
        this.active = active;
    }

    public boolean active() {
        return active;
    }

    public double activeAmps() {
        return activeAmps;
    }

    public double idleAmps() {
        return idleAmps;
    }

    public double supplyVolts() {
        return supplyVolts;
    }

    /** The current now. */
    public synchronized double amps() {
        double base = active ? activeAmps : idleAmps;
        return base + (random.nextDouble() * 2 - 1) * noiseAmps;
    }
}
