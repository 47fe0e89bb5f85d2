package org.benchrig.instrument;

import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.io.i2c.I2CProviderBase;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Pi4J I2C provider for the simulated rig: devices are attached by bus and address, and every
 * I2C created for that address talks to them. An address with no device fails like a real bus (no ACK).
 */
public final class SimulatedI2CProvider extends I2CProviderBase {
    public static final String ID = "benchrig-simulated-i2c";
    private final Map<String, SimulatedI2CDevice> devices = new ConcurrentHashMap<>();

    public SimulatedI2CProvider() {
        super(ID, "benchrig simulated I2C");
    }

    public void attach(int bus, int address, SimulatedI2CDevice device) {
        devices.put(bus + ":" + address, device);
    }

    @Override
    public I2C create(I2CConfig config) {
        I2C i2c = new SimulatedI2C(this, config, devices.get(config.bus() + ":" + config.device()));
        this.context.registry().add(i2c);
        return i2c;
    }
}
