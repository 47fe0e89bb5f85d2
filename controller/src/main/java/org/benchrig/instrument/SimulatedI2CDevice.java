package org.benchrig.instrument;

/** A chip on the simulated I2C bus: 16-bit registers addressed by a pointer byte. */
public interface SimulatedI2CDevice {
    /** Writes {@code data} starting at register {@code register}. */
    void write(int register, byte[] data, int offset, int length);

    /** Reads {@code length} bytes starting at register {@code register}. */
    void read(int register, byte[] buffer, int offset, int length);
}
