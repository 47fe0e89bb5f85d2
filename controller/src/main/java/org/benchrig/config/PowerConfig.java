package org.benchrig.config;

import java.util.List;

/**
 * A board's shunt power monitor: {@code power: {sensor: ina219, bus: 1, address: 0x40,
 * shunt_ohms: 0.1, max_amps: 1.0}}. On {@code platform: simulated} a simulated INA219 answers at
 * this bus and address.
 */
public record PowerConfig(String sensor, int bus, int address, double shuntOhms, double maxAmps) {
    public static final List<String> SENSORS = List.of("ina219", "ina226");

    static PowerConfig read(MappingReader m) {
        String sensor = m.oneOf("sensor", SENSORS, "ina219");
        int bus = m.integer("bus", 0, 31, 1);
        Integer address = m.hexInteger("address", 0x40, 0x4F, true);
        double shunt = m.decimal("shunt_ohms", 0.0001, 100.0, 0.1);
        double maxAmps = m.decimal("max_amps", 0.001, 100.0, 1.0);
        // the calibration register must fit: Cal = 0.04096 (INA226: 0.00512) / (LSB x shunt)
        double lsb = maxAmps / 32768.0;
        if ("ina219".equals(sensor) && 0.04096 / (lsb * shunt) < 2) {
            m.problem("max_amps", "too large for shunt_ohms " + shunt + ": the INA219's shunt range is 320 mV, so "
                    + "max_amps can be at most " + String.format("%.3f", 0.32 / shunt));
        }
        return new PowerConfig(sensor, bus, address == null ? 0x40 : address, shunt, maxAmps);
    }

    /** "ina219@1:0x40". */
    public String label() {
        return sensor + "@" + bus + ":0x" + String.format("%02x", address);
    }
}
