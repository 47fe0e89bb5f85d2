package org.benchrig.instrument;

import com.pi4j.io.i2c.I2C;

/**
 * TI INA226 driver (datasheet SBOS547, section 7.5). Configured for no averaging, 140 us shunt and
 * bus conversions, shunt and bus continuous: a new current value every 2 x 140 us.
 *
 * <p>Calibration: Current_LSB = max expected current / 2^15, rounded up to a round value;
 * CAL = trunc(0.00512 / (Current_LSB x R_shunt)); Power_LSB = 25 x Current_LSB.
 */
public final class Ina226 extends Ina2xx {
    public static final int REG_MASK_ENABLE = 0x06;
    public static final int REG_MANUFACTURER = 0xFE;
    public static final int MANUFACTURER_TI = 0x5449;

    /** AVG=000 (1), VBUSCT=000 and VSHCT=000 (140 us), MODE=111 (both, continuous); bit 14 reads as 1. */
    public static final int CONFIG_FASTEST_CONTINUOUS = 0x4007;
    public static final long CONVERSION_NS_FASTEST = 140_000;
    public static final double SHUNT_LSB_VOLTS = 2.5e-6;
    public static final double BUS_LSB_VOLTS = 1.25e-3;
    public static final double CAL_CONSTANT = 0.00512;
    /** Mask/Enable register bit 2: math overflow. */
    public static final int OVF_BIT = 0x4;

    public Ina226(I2C i2c, double shuntOhms, double maxAmps) {
        super(i2c, "ina226", calibrate(shuntOhms, maxAmps), CONVERSION_NS_FASTEST);
    }

    public static Ina219.Calibration calibrate(double shuntOhms, double maxAmps) {
        double lsb = currentLsb(shuntOhms, maxAmps);
        return new Ina219.Calibration(lsb, calibrationValue("INA226", CAL_CONSTANT, lsb, shuntOhms, 1, 0x7FFF), 25 * lsb);
    }

    public static double shuntVolts(int raw) {
        return (short) raw * SHUNT_LSB_VOLTS;
    }

    public static double busVolts(int raw) {
        return (raw & 0x7FFF) * BUS_LSB_VOLTS;
    }

    @Override
    public void configure() {
        int id = Registers.read16(i2c, REG_MANUFACTURER);
        if (id != MANUFACTURER_TI) {
            throw new com.pi4j.io.exception.IOReadException(label() + ": manufacturer id 0x" + Integer.toHexString(id)
                    + ", expected 0x5449 (TI); is this an INA226?");
        }
        configure(CONFIG_FASTEST_CONTINUOUS);
    }

    @Override
    public PowerReading read() {
        int shunt = Registers.read16(i2c, REG_SHUNT);
        int bus = Registers.read16(i2c, REG_BUS);
        return reading(busVolts(bus), shuntVolts(shunt), () -> (Registers.read16(i2c, REG_MASK_ENABLE) & OVF_BIT) != 0);
    }
}
