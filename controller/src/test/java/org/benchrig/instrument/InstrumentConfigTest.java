package org.benchrig.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.benchrig.cli.CliHarness;
import org.benchrig.config.BoardConfig;
import org.benchrig.config.ConfigException;
import org.benchrig.config.ConfigLoader;
import org.benchrig.config.Platform;
import org.benchrig.config.RigConfig;
import org.junit.jupiter.api.Test;

/**
 * The instrument fields of a board config. The Pi example loads here: the loader checks that a
 * serial port is named, not that the device exists (it is opened, and reported, with the board).
 */
class InstrumentConfigTest {
    @Test
    void piBenchExampleLoadsWithEveryPinAndAddress() throws Exception {
        RigConfig c = ConfigLoader.load(CliHarness.REPO.resolve("rig-configs/pi-bench.example.yaml"));
        assertThat(c.platform()).isEqualTo(Platform.RASPBERRYPI);
        assertThat(c.boards()).hasSize(4);
        assertThat(c.boards()).allSatisfy(b -> {
            assertThat(b.power()).isNotNull();
            assertThat(b.markerPin()).isNotNull();
            assertThat(b.markerInput()).isNotNull();
            assertThat(b.powerSwitchPin()).isNotNull();
        });
        assertThat(c.boards().stream().map(b -> b.power().address())).containsExactly(0x40, 0x41, 0x44, 0x45);
        assertThat(c.board("esp32s3").orElseThrow().power().sensor()).isEqualTo("ina226");
        // no Pi pin used twice
        var pins = c.boards().stream().flatMap(b -> java.util.stream.Stream.of(b.markerInput(), b.powerSwitchPin(),
                b.resetPin())).filter(java.util.Objects::nonNull).toList();
        assertThat(pins).doesNotHaveDuplicates();
    }

    @Test
    void simYamlGivesBothEmulatedBoardsASimulatedSensorAndAMarker() throws Exception {
        RigConfig c = ConfigLoader.load(CliHarness.REPO.resolve("rig-configs/sim.yaml"));
        assertThat(c.boards()).extracting(BoardConfig::markerPin).containsExactly(0, 0);
        assertThat(c.boards()).extracting(b -> b.power().label()).containsExactly("ina219@1:0x40", "ina219@1:0x41");
        try (Instruments i = new Instruments(c)) {
            assertThat(i.simulated()).isTrue();
        }
    }

    @Test
    void badPowerSectionsAreReportedWithTheirLocation() {
        String yaml = """
                rig: t
                data_dir: data
                boards:
                  - id: mb1
                    kind: emulated
                    firmware: %s
                    power: {sensor: ina999, address: 0x60, shunt_ohms: -1}
                    power_switch_pin: 17
                    marker_input: 5
                """.formatted(CliHarness.FIRMWARE);
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.load(yaml, Path.of(System.getProperty("java.io.tmpdir"), "rig.yaml")));
        assertThat(e.getMessage()).contains(
                "rig.yaml:7:", "boards[0].power.sensor: invalid value 'ina999'; expected one of: ina219, ina226",
                "boards[0].power.address", "boards[0].power.shunt_ohms",
                "rig.yaml:8:", "boards[0].power_switch_pin: not allowed for an emulated board",
                "boards[0].marker_input: marker_input needs marker_pin");
    }

    @Test
    void twoBoardsOnOneSensorAddressAreRefused() throws Exception {
        String yaml = """
                rig: t
                data_dir: data
                boards:
                  - {id: a, kind: emulated, firmware: %1$s, power: {address: 0x40}}
                  - {id: b, kind: emulated, firmware: %1$s, power: {address: 0x40}}
                """.formatted(CliHarness.FIRMWARE);
        RigConfig c = ConfigLoader.load(yaml, Path.of(System.getProperty("java.io.tmpdir"), "rig.yaml"));
        Throwable t = catchThrowableOfType(IllegalArgumentException.class, () -> new Instruments(c));
        assertThat(t).hasMessageContaining("both name power sensor ina219@1:0x40");
    }
}
