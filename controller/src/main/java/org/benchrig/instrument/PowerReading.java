package org.benchrig.instrument;

/**
 * One reading of a shunt power monitor, already in SI units.
 *
 * @param overflow the chip's math-overflow flag: current or power were out of range, the reading is clipped
 */
public record PowerReading(double busVolts, double shuntVolts, double amps, double watts, boolean overflow) {
}
