package org.benchrig.instrument;

import com.pi4j.io.exception.IOReadException;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CBase;
import com.pi4j.io.i2c.I2CBus;
import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.io.i2c.I2CProvider;
import java.nio.charset.Charset;
import java.util.concurrent.Callable;

/**
 * A Pi4J {@link I2C} whose register reads and writes go to a {@link SimulatedI2CDevice}. Unlike
 * Pi4J's mock I2C (a read-once queue per register), a register answers every read with its
 * current value, as a chip does.
 */
final class SimulatedI2C extends I2CBase<SimulatedI2C.Bus> {
    private final SimulatedI2CDevice device;
    private int pointer;

    static final class Bus implements I2CBus {
        @Override
        public synchronized <R> R execute(I2C i2c, Callable<R> action) {
            try {
                return action.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    SimulatedI2C(I2CProvider provider, I2CConfig config, SimulatedI2CDevice device) {
        super(provider, config, new Bus());
        this.device = device;
    }

    private SimulatedI2CDevice chip() {
        if (device == null) {
            throw new IOReadException("no device answers at " + Registers.hex(config.device()) + " on simulated bus "
                    + config.bus());
        }
        return device;
    }

    @Override
    public int write(byte b) {
        pointer = b & 0xFF;
        return 1;
    }

    @Override
    public int write(byte[] data, int offset, int length) {
        if (length < 1) {
            return 0;
        }
        pointer = data[offset] & 0xFF;
        if (length > 1) {
            chip().write(pointer, data, offset + 1, length - 1);
        }
        return length;
    }

    @Override
    public int write(Charset charset, CharSequence data) {
        byte[] b = data.toString().getBytes(charset);
        return write(b, 0, b.length);
    }

    @Override
    public int read() {
        byte[] b = new byte[1];
        chip().read(pointer, b, 0, 1);
        return b[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        chip().read(pointer, buffer, offset, length);
        return length;
    }

    @Override
    public int writeRegister(int register, byte b) {
        return writeRegister(register, new byte[] {b}, 0, 1);
    }

    @Override
    public int writeRegister(int register, byte[] data, int offset, int length) {
        pointer = register & 0xFF;
        chip().write(pointer, data, offset, length);
        return length;
    }

    @Override
    public int writeRegister(byte[] register, byte[] data, int offset, int length) {
        return writeRegister(register[0] & 0xFF, data, offset, length);
    }

    @Override
    public int readRegister(int register) {
        byte[] b = new byte[1];
        readRegister(register, b, 0, 1);
        return b[0] & 0xFF;
    }

    @Override
    public int readRegister(byte[] register, byte[] buffer, int offset, int length) {
        return readRegister(register[0] & 0xFF, buffer, offset, length);
    }

    @Override
    public int readRegister(int register, byte[] buffer, int offset, int length) {
        pointer = register & 0xFF;
        chip().read(pointer, buffer, offset, length);
        return length;
    }
}
