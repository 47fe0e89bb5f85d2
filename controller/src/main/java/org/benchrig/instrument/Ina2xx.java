package org.benchrig.instrument;

import com.pi4j.io.i2c.I2C;
import java.util.function.BooleanSupplier;

/**
 * What the TI INA219 and INA226 share: the registers up to calibration (0x00..0x05), the
 * calibration arithmetic (Current_LSB = max expected current / 2^15, rounded up to a round value;
 * CAL = trunc(constant / (Current_LSB x R_shunt))), signed current and unsigned power registers in
 * LSBs of the calibration, and one I2C device sampled every two conversions (shunt and bus).
 */
abstract sealed class Ina2xx implements PowerSensor permits Ina219, Ina226 {
    public static final int REG_CONFIG = 0x00;
    public static final int REG_SHUNT = 0x01;
    public static final int REG_BUS = 0x02;
    public static final int REG_POWER = 0x03;
    public static final int REG_CURRENT = 0x04;
    public static final int REG_CALIBRATION = 0x05;

    protected final I2C i2c;
    protected final Ina219.Calibration cal;
    private final String label;
    private final long conversionNs;

    /** {@code chip} names the label ("ina219@1:0x40"); {@code conversionNs} is one conversion as configured. */
    Ina2xx(I2C i2c, String chip, Ina219.Calibration cal, long conversionNs) {
        this.i2c = i2c;
        this.cal = cal;
        this.label = chip + "@" + i2c.bus() + ":" + Registers.hex(i2c.device());
        this.conversionNs = conversionNs;
    }

    /** The minimum current LSB (max expected current / 2^15) rounded up to a 1-2-5 value. */
    static double currentLsb(double shuntOhms, double maxAmps) {
        if (!(shuntOhms > 0) || !(maxAmps > 0)) {
            throw new IllegalArgumentException("shunt_ohms and max_amps must be positive");
        }
        return Registers.niceCeil(maxAmps / 32768.0);
    }

    /** trunc({@code constant} / (Current_LSB x R_shunt)), which the chip {@code chip} takes in {@code min..max}. */
    static int calibrationValue(String chip, double constant, double currentLsb, double shuntOhms, int min, int max) {
        long value = (long) Math.floor(constant / (currentLsb * shuntOhms) + 1e-9);
        if (value < min || value > max) {
            throw new IllegalArgumentException(chip + " calibration " + value + " out of range " + min + ".." + max
                    + " for shunt " + shuntOhms + " ohm and current LSB " + currentLsb + " A; choose another shunt or max_amps");
        }
        return (int) value;
    }

    /** The current register (two's complement) in amperes. */
    public static double amps(int currentRaw, Ina219.Calibration c) {
        return (short) currentRaw * c.currentLsbAmps();
    }

    /** The power register (unsigned) in watts. */
    public static double watts(int powerRaw, Ina219.Calibration c) {
        return (powerRaw & 0xFFFF) * c.powerLsbWatts();
    }

    public Ina219.Calibration calibration() {
        return cal;
    }

    /** Writes {@code config} and the calibration. */
    protected void configure(int config) {
        Registers.write16(i2c, REG_CONFIG, config);
        Registers.write16(i2c, REG_CALIBRATION, cal.register());
    }

    /**
     * A reading from the voltages already read: reads the current and power registers next, then
     * asks {@code overflow} (the INA226 reads its Mask/Enable register for it, last).
     */
    protected PowerReading reading(double busVolts, double shuntVolts, BooleanSupplier overflow) {
        int current = Registers.read16(i2c, REG_CURRENT);
        int power = Registers.read16(i2c, REG_POWER);
        return new PowerReading(busVolts, shuntVolts, amps(current, cal), watts(power, cal), overflow.getAsBoolean());
    }

    @Override
    public long samplePeriodNs() {
        return 2 * conversionNs;
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
