package org.benchrig.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** INA219/INA226 register math against the datasheets, and the driver through Pi4J's I2C API. */
class RegisterMathTest {
    private Context ctx;
    private SimulatedI2CProvider provider;

    @BeforeEach
    void context() {
        provider = new SimulatedI2CProvider();
        ctx = Pi4J.newContextBuilder().noAutoDetect().add(provider).build();
    }

    @AfterEach
    void shutdown() {
        ctx.shutdown();
    }

    private I2C i2c(int address) {
        return ctx.provider(SimulatedI2CProvider.ID, I2CProvider.class)
                .create(I2C.newConfigBuilder(ctx).id("t" + address).bus(1).device(address).build());
    }

    @Test
    void ina219CalibrationMatchesTheDatasheetWorkedExample() {
        // SBOS448 8.5.1: R_shunt 0.1 ohm, max expected 2 A -> minimum LSB 61.035 uA, chosen 100 uA,
        // Cal = trunc(0.04096 / (0.0001 x 0.1)) = 4096, Power_LSB = 20 x Current_LSB = 2 mW
        Ina219.Calibration c = Ina219.calibrate(0.1, 2.0);
        assertThat(c.currentLsbAmps()).isCloseTo(100e-6, within(1e-12));
        assertThat(c.register()).isEqualTo(4096);
        assertThat(c.powerLsbWatts()).isCloseTo(0.002, within(1e-12));
        // 1 A on the same shunt: LSB 50 uA (30.5 uA rounded up), Cal 8192
        assertThat(Ina219.calibrate(0.1, 1.0).register()).isEqualTo(8192);
    }

    @Test
    void ina219ShuntAndBusRegistersDecodeIncludingNegativeAndOverflow() {
        // datasheet table 7 (PGA /8): +320 mV = 0x7D00, -320 mV = 0x8300
        assertThat(Ina219.shuntVolts(0x7D00)).isCloseTo(0.32, within(1e-9));
        assertThat(Ina219.shuntVolts(0x8300)).isCloseTo(-0.32, within(1e-9));
        assertThat(Ina219.shuntVolts(0xFFFF)).isCloseTo(-10e-6, within(1e-12));
        // bus register: 12 V = 3000 x 4 mV in bits 15..3, CNVR bit 1, OVF bit 0
        int bus = 3000 << 3 | 0x2;
        assertThat(Ina219.busVolts(bus)).isCloseTo(12.0, within(1e-9));
        assertThat(Ina219.conversionReady(bus)).isTrue();
        assertThat(Ina219.overflow(bus)).isFalse();
        assertThat(Ina219.overflow(bus | 1)).isTrue();
    }

    @Test
    void ina219CurrentAndPowerRegistersFollowTheDatasheetEquations() {
        Ina219.Calibration c = Ina219.calibrate(0.1, 2.0);
        int shunt = 3200; // 32 mV over 0.1 ohm = 0.32 A
        int current = Ina219.currentRegister(shunt, c.register());
        assertThat(current).isEqualTo(3200); // shunt x Cal / 4096
        assertThat(Ina219.amps(current, c)).isCloseTo(0.32, within(1e-9));
        int power = Ina219.powerRegister(current, 3000 << 3);
        assertThat(power).isEqualTo(1920); // current x bus / 5000
        assertThat(Ina219.watts(power, c)).isCloseTo(0.32 * 12, within(1e-9));
        // negative current: -32 mV -> -0.32 A
        int negative = Ina219.currentRegister(-3200 & 0xFFFF, c.register());
        assertThat(Ina219.amps(negative, c)).isCloseTo(-0.32, within(1e-9));
    }

    @Test
    void ina226CalibrationFollowsItsEquation() {
        // SBOS547 7.5.1: CAL = 0.00512 / (Current_LSB x R_shunt); Power_LSB = 25 x Current_LSB
        Ina219.Calibration c = Ina226.calibrate(0.002, 15.0); // 457.8 uA -> 500 uA
        assertThat(c.currentLsbAmps()).isCloseTo(500e-6, within(1e-12));
        assertThat(c.register()).isEqualTo(5120);
        assertThat(c.powerLsbWatts()).isCloseTo(0.0125, within(1e-12));
        assertThat(Ina226.shuntVolts(0x7FFF)).isCloseTo(81.9175e-3, within(1e-9));
        assertThat(Ina226.shuntVolts(0x8000)).isCloseTo(-81.92e-3, within(1e-9));
        assertThat(Ina226.busVolts(0x2580)).isCloseTo(12.0, within(1e-9)); // 9600 x 1.25 mV
    }

    @Test
    void ina219DriverReadsTheSimulatedChipThroughPi4jI2c() {
        PowerModel model = new PowerModel(0.050, 0.120, 5.0, 0, 1);
        SimulatedIna219 chip = new SimulatedIna219(model, 0.1);
        provider.attach(1, 0x40, chip);
        try (Ina219 ina = new Ina219(i2c(0x40), 0.1, 1.0)) {
            ina.configure();
            PowerReading idle = ina.read();
            assertThat(idle.amps()).isCloseTo(0.050, within(1e-4));
            assertThat(idle.busVolts()).isCloseTo(5.0, within(0.004));
            assertThat(idle.watts()).isCloseTo(0.25, within(0.002));
            assertThat(idle.overflow()).isFalse();
            model.setActive(true);
            assertThat(ina.read().amps()).isCloseTo(0.120, within(1e-4));
            assertThat(ina.label()).isEqualTo("ina219@1:0x40");
        }
    }

    @Test
    void overflowIsReportedWhenTheShuntRangeIsExceeded() {
        SimulatedIna219 chip = new SimulatedIna219(new PowerModel(5.0, 5.0, 5.0, 0, 1), 0.1); // 500 mV > 320 mV
        provider.attach(1, 0x41, chip);
        try (Ina219 ina = new Ina219(i2c(0x41), 0.1, 1.0)) {
            ina.configure();
            assertThat(ina.read().overflow()).isTrue();
        }
    }

    @Test
    void aChipThatStopsAnsweringThrows() {
        SimulatedIna219 chip = new SimulatedIna219(PowerModel.microbit(1), 0.1);
        provider.attach(1, 0x44, chip);
        try (Ina219 ina = new Ina219(i2c(0x44), 0.1, 1.0)) {
            ina.configure();
            chip.stopAnswering();
            org.assertj.core.api.Assertions.assertThatThrownBy(ina::read).hasMessageContaining("does not answer");
        }
    }
}
