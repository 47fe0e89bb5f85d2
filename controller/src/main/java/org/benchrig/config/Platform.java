package org.benchrig.config;

/** Where the controller runs; written lower-case in YAML. */
public enum Platform {
    /** Laptop or CI: emulated boards, Pi4J mock platform, simulated instruments. */
    SIMULATED,
    /** A Raspberry Pi at a real bench: GPIO, I2C and USB serial boards. */
    RASPBERRYPI
}
