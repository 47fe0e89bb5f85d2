package org.benchrig.instrument;

/**
 * A shunt power monitor on I2C (INA219, INA226). {@link #configure()} writes the configuration and
 * calibration registers; {@link #read()} takes one reading. Implementations talk only through
 * Pi4J's {@link com.pi4j.io.i2c.I2C}, so the same code drives a real chip and the simulated one.
 */
public interface PowerSensor extends AutoCloseable {
    void configure();

    /** One reading; throws (a Pi4J IO exception) when the chip does not answer. */
    PowerReading read();

    /** How often the chip produces a new current value with the configuration written by {@link #configure()}. */
    long samplePeriodNs();

    /** For the store and messages: "ina219@1:0x40". */
    String label();

    @Override
    void close();
}
