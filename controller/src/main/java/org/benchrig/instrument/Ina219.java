package org.benchrig.instrument;

import com.pi4j.io.i2c.I2C;

/**
 * TI INA219 driver (datasheet SBOS448, sections 8.5 and 8.6). Configured for a 32 V bus range,
 * PGA /8 (+-320 mV shunt range), 12-bit shunt and bus conversions (532 us each), shunt and bus
 * continuous: a new current value every 2 x 532 us.
 *
 * <p>Calibration: Current_LSB = max expected current / 2^15, rounded up to a round value;
 * Cal = trunc(0.04096 / (Current_LSB x R_shunt)); Power_LSB = 20 x Current_LSB.
 */
public final class Ina219 extends Ina2xx {
    /** BRNG=1 (32 V), PG=11 (/8, 320 mV), BADC=0011 and SADC=0011 (12 bit, 532 us), MODE=111 (both, continuous). The reset default. */
    public static final int CONFIG_32V_320MV_12BIT_CONTINUOUS = 0x399F;
    /** One 12-bit conversion (datasheet table 5). */
    public static final long CONVERSION_NS_12BIT = 532_000;
    public static final double SHUNT_LSB_VOLTS = 10e-6;
    public static final double BUS_LSB_VOLTS = 4e-3;
    /** The fixed constant of the calibration equation (datasheet equation 1). */
    public static final double CAL_CONSTANT = 0.04096;

    /** What the calibration register gives: register LSBs and the value written. */
    public record Calibration(double currentLsbAmps, int register, double powerLsbWatts) {
    }

    public Ina219(I2C i2c, double shuntOhms, double maxAmps) {
        super(i2c, "ina219", calibrate(shuntOhms, maxAmps), CONVERSION_NS_12BIT);
    }

    /** Datasheet 8.5.1: minimum LSB = max expected current / 2^15, rounded up to a 1-2-5 value. */
    public static Calibration calibrate(double shuntOhms, double maxAmps) {
        return calibrateWithLsb(shuntOhms, currentLsb(shuntOhms, maxAmps));
    }

    public static Calibration calibrateWithLsb(double shuntOhms, double currentLsb) {
        int value = calibrationValue("INA219", CAL_CONSTANT, currentLsb, shuntOhms, 2, 0xFFFE);
        return new Calibration(currentLsb, value & 0xFFFE, 20 * currentLsb); // bit 0 is not used (FS0)
    }

    /** Shunt voltage register (two's complement, 10 uV LSB; with PGA /8 the full 16 bits are the value). */
    public static double shuntVolts(int raw) {
        return (short) raw * SHUNT_LSB_VOLTS;
    }

    /** Bus voltage register: bits 15..3 in 4 mV, bit 1 conversion ready, bit 0 math overflow. */
    public static double busVolts(int raw) {
        return ((raw & 0xFFFF) >> 3) * BUS_LSB_VOLTS;
    }

    public static boolean overflow(int busRaw) {
        return (busRaw & 0x1) != 0;
    }

    public static boolean conversionReady(int busRaw) {
        return (busRaw & 0x2) != 0;
    }

    /** What the chip computes into the current register (datasheet equation 4). */
    public static int currentRegister(int shuntRaw, int calibration) {
        return (short) ((short) shuntRaw * (long) calibration / 4096);
    }

    /** What the chip computes into the power register (datasheet equation 5). */
    public static int powerRegister(int currentRaw, int busRaw) {
        return (int) ((Math.abs((short) currentRaw) * (long) ((busRaw & 0xFFFF) >> 3)) / 5000) & 0xFFFF;
    }

    @Override
    public void configure() {
        configure(CONFIG_32V_320MV_12BIT_CONTINUOUS);
    }

    @Override
    public PowerReading read() {
        int bus = Registers.read16(i2c, REG_BUS);
        int shunt = Registers.read16(i2c, REG_SHUNT);
        return reading(busVolts(bus), shuntVolts(shunt), () -> overflow(bus));
    }
}
