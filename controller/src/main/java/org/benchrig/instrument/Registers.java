package org.benchrig.instrument;

import com.pi4j.io.i2c.I2C;

/** 16-bit big-endian register access, as the INA2xx family defines it (MSB first on the wire). */
final class Registers {
    private Registers() {
    }

    static int read16(I2C i2c, int register) {
        byte[] b = new byte[2];
        int n = i2c.readRegister(register, b, 0, 2);
        if (n != 2) {
            throw new com.pi4j.io.exception.IOReadException("register 0x" + Integer.toHexString(register)
                    + " of " + i2c.id() + ": read " + n + " of 2 bytes");
        }
        return ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
    }

    static void write16(I2C i2c, int register, int value) {
        i2c.writeRegister(register, new byte[] {(byte) (value >> 8), (byte) value}, 0, 2);
    }

    /**
     * The smallest value of the 1-2-5 series at or above {@code x}: datasheets advise rounding the
     * minimum current LSB (max current / 2^15) up to a round number so the registers read in round units.
     */
    static double niceCeil(double x) {
        if (!(x > 0)) {
            throw new IllegalArgumentException("expected a positive value, got " + x);
        }
        double decade = Math.pow(10, Math.floor(Math.log10(x)));
        for (double m : new double[] {1, 2, 5, 10}) {
            double v = m * decade;
            if (v >= x * (1 - 1e-9)) {
                return v;
            }
        }
        return 10 * decade;
    }

    static String hex(int address) {
        return "0x" + String.format("%02x", address);
    }
}
