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
public final class Ina219 implements PowerSensor {
    public static final int REG_CONFIG = 0x00;
    public static final int REG_SHUNT = 0x01;
    public static final int REG_BUS = 0x02;
    public static final int REG_POWER = 0x03;
    public static final int REG_CURRENT = 0x04;
    public static final int REG_CALIBRATION = 0x05;

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

    private final I2C i2c;
    private final Calibration cal;
    private final String label;

    public Ina219(I2C i2c, double shuntOhms, double maxAmps) {
        this.i2c = i2c;
        this.cal = calibrate(shuntOhms, maxAmps);
        this.label = "ina219@" + i2c.bus() + ":" + Registers.hex(i2c.device());
    }

    /** Datasheet 8.5.1: minimum LSB = max expected current / 2^15, rounded up to a 1-2-5 value. */
    public static Calibration calibrate(double shuntOhms, double maxAmps) {
        if (!(shuntOhms > 0) || !(maxAmps > 0)) {
            throw new IllegalArgumentException("shunt_ohms and max_amps must be positive");
        }
        return calibrateWithLsb(shuntOhms, Registers.niceCeil(maxAmps / 32768.0));
    }

    public static Calibration calibrateWithLsb(double shuntOhms, double currentLsb) {
        long value = (long) Math.floor(CAL_CONSTANT / (currentLsb * shuntOhms) + 1e-9);
        if (value < 2 || value > 0xFFFE) {
            throw new IllegalArgumentException("INA219 calibration " + value + " out of range 2..65534 for shunt "
                    + shuntOhms + " ohm and current LSB " + currentLsb + " A; choose another shunt or max_amps");
        }
        return new Calibration(currentLsb, (int) value & 0xFFFE, 20 * currentLsb); // bit 0 is not used (FS0)
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

    public static double amps(int currentRaw, Calibration c) {
        return (short) currentRaw * c.currentLsbAmps();
    }

    public static double watts(int powerRaw, Calibration c) {
        return (powerRaw & 0xFFFF) * c.powerLsbWatts();
    }

    /** What the chip computes into the current register (datasheet equation 4). */
    public static int currentRegister(int shuntRaw, int calibration) {
        return (short) ((short) shuntRaw * (long) calibration / 4096);
    }

    /** What the chip computes into the power register (datasheet equation 5). */
    public static int powerRegister(int currentRaw, int busRaw) {
        return (int) ((Math.abs((short) currentRaw) * (long) ((busRaw & 0xFFFF) >> 3)) / 5000) & 0xFFFF;
    }

    public Calibration calibration() {
        return cal;
    }

    @Override
    public void configure() {
        Registers.write16(i2c, REG_CONFIG, CONFIG_32V_320MV_12BIT_CONTINUOUS);
        Registers.write16(i2c, REG_CALIBRATION, cal.register());
    }

    @Override
    public PowerReading read() {
        int bus = Registers.read16(i2c, REG_BUS);
        int shunt = Registers.read16(i2c, REG_SHUNT);
        int current = Registers.read16(i2c, REG_CURRENT);
        int power = Registers.read16(i2c, REG_POWER);
        return new PowerReading(busVolts(bus), shuntVolts(shunt), amps(current, cal), watts(power, cal), overflow(bus));
    }

    @Override
    public long samplePeriodNs() {
        return 2 * CONVERSION_NS_12BIT;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public void close() {
        i2c.close();
    }
}
