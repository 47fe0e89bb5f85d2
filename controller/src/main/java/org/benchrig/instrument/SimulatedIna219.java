package org.benchrig.instrument;

import com.pi4j.io.exception.IOReadException;

/**
 * An INA219 on the simulated I2C bus, answering from a {@link PowerModel}: the shunt register is
 * the model's current through the configured shunt; the current and power registers are what the
 * chip computes from the calibration register the driver wrote; the bus register carries the
 * conversion-ready and overflow bits. {@link #stopAnswering()} makes it fail like a chip that fell
 * off the bus.
 */
public final class SimulatedIna219 implements SimulatedI2CDevice {
    private final PowerModel model;
    private final double shuntOhms;
    private final int[] registers = new int[6];
    private volatile boolean answering = true;
    private volatile long readsLeft = Long.MAX_VALUE;

    public SimulatedIna219(PowerModel model, double shuntOhms) {
        this.model = model;
        this.shuntOhms = shuntOhms;
        registers[Ina219.REG_CONFIG] = Ina219.CONFIG_32V_320MV_12BIT_CONTINUOUS;
    }

    /** From now on every access fails (no ACK). */
    public void stopAnswering() {
        answering = false;
    }

    /** Answers {@code reads} more register reads, then stops answering. */
    public void stopAnsweringAfter(long reads) {
        readsLeft = reads;
    }

    private void check() {
        if (!answering || readsLeft-- <= 0) {
            answering = false;
            throw new IOReadException("simulated INA219 does not answer (no ACK)");
        }
    }

    @Override
    public synchronized void write(int register, byte[] data, int offset, int length) {
        check();
        if (length != 2 || register < 0 || register > Ina219.REG_CALIBRATION) {
            return;
        }
        int v = ((data[offset] & 0xFF) << 8) | (data[offset + 1] & 0xFF);
        if (register == Ina219.REG_CONFIG) {
            if ((v & 0x8000) != 0) { // RST
                registers[Ina219.REG_CONFIG] = Ina219.CONFIG_32V_320MV_12BIT_CONTINUOUS;
                registers[Ina219.REG_CALIBRATION] = 0;
                return;
            }
            registers[Ina219.REG_CONFIG] = v;
        } else if (register == Ina219.REG_CALIBRATION) {
            registers[Ina219.REG_CALIBRATION] = v & 0xFFFE;
        }
    }

    @Override
    public synchronized void read(int register, byte[] buffer, int offset, int length) {
        check();
        int v = value(register);
        for (int i = 0; i < length; i++) {
            buffer[offset + i] = (byte) (i == 0 ? v >> 8 : i == 1 ? v : 0);
        }
    }

    private int value(int register) {
        double amps = model.amps();
        long shunt = Math.round(amps * shuntOhms / Ina219.SHUNT_LSB_VOLTS);
        boolean ovf = Math.abs(shunt) > 32000;
        shunt = Math.max(-32000, Math.min(32000, shunt));
        int bus = (int) Math.round(model.supplyVolts() / Ina219.BUS_LSB_VOLTS) << 3 | 0x2 | (ovf ? 1 : 0);
        int cal = registers[Ina219.REG_CALIBRATION];
        int current = Ina219.currentRegister((int) shunt, cal);
        return switch (register) {
            case Ina219.REG_CONFIG -> registers[Ina219.REG_CONFIG];
            case Ina219.REG_SHUNT -> (int) shunt & 0xFFFF;
            case Ina219.REG_BUS -> bus & 0xFFFF;
            case Ina219.REG_POWER -> Ina219.powerRegister(current, bus);
            case Ina219.REG_CURRENT -> current & 0xFFFF;
            case Ina219.REG_CALIBRATION -> cal;
            default -> 0;
        };
    }
}
