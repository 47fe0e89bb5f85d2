package org.benchrig.flash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.benchrig.config.BoardConfig;
import org.benchrig.config.ConfigException;
import org.benchrig.config.ConfigLoader;
import org.benchrig.config.FlashConfig;
import org.benchrig.config.FlashConfig.FlashKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code flash:} mapping: defaults per board kind, required fields per flash kind, located errors. */
class FlashConfigTest {
    @TempDir
    Path dir;

    private BoardConfig board(String flash) throws ConfigException {
        return ConfigLoader.load("rig: t\ndata_dir: data\nboards:\n  - id: b1\n    kind: serial\n    port: /dev/ttyACM0\n"
                + flash, dir.resolve("rig.yaml")).boards().get(0);
    }

    private String problems(String flash) {
        return catchThrowableOfType(ConfigException.class, () -> board(flash)).getMessage();
    }

    @Test
    void defaultsPerBoardKind() throws Exception {
        assertThat(board("").flash().kind()).isEqualTo(FlashKind.NONE);
        BoardConfig emu = ConfigLoader.load("rig: t\ndata_dir: data\nboards:\n  - id: m\n    kind: emulated\n"
                + "    firmware: " + TestImages.MICROBIT_FIRMWARE + "\n", dir.resolve("rig.yaml")).boards().get(0);
        assertThat(emu.flash()).isEqualTo(FlashConfig.EMULATED);
    }

    @Test
    void fullMappingsPerKind() throws Exception {
        FlashConfig uf2 = board("    flash: {kind: uf2, mount: /media/pi/RPI-RP2, bootsel_pin: 17, run_pin: 27}\n").flash();
        assertThat(uf2).extracting(FlashConfig::kind, FlashConfig::mount, FlashConfig::family, FlashConfig::bootselPin,
                FlashConfig::runPin).containsExactly(FlashKind.UF2, Path.of("/media/pi/RPI-RP2"), "rp2040", 17, 27);
        assertThat(FlashConfig.familyId(uf2.family())).isEqualTo(0xE48BFF56L);
        FlashConfig esp = board("    flash: {kind: esptool, chip: esp32, boot_pin: 5, en_pin: 6}\n").flash();
        assertThat(esp).extracting(FlashConfig::chip, FlashConfig::offset, FlashConfig::baud, FlashConfig::esptool)
                .containsExactly("esp32", 0x1000L, 460_800, "esptool.py");
        assertThat(board("    flash: {kind: esptool, chip: esp32c3, offset: 0x10000}\n").flash().offset()).isEqualTo(0x10000L);
        assertThat(board("    flash: {kind: daplink, mount: /media/pi/MICROBIT}\n").flash().kind()).isEqualTo(FlashKind.DAPLINK);
    }

    @Test
    void errorsAreLocated() {
        String f = dir.resolve("rig.yaml").toString();
        assertThat(problems("    flash:\n      kind: uf2\n"))
                .contains(f + ":8:7: boards[0].flash.mount: missing required field 'mount'");
        assertThat(problems("    flash:\n      kind: esptool\n      chip: esp99\n      mount: /x\n"))
                .contains(f + ":9:13: boards[0].flash.chip: invalid value 'esp99'")
                .contains(f + ":10:7: boards[0].flash.mount: not used by flash kind 'esptool'; remove it");
        assertThat(problems("    flash:\n      kind: uf2\n      mount: /m\n      bootsel_pin: 17\n"))
                .contains(f + ":10:20: boards[0].flash.bootsel_pin: bootsel_pin and run_pin go together");
        assertThat(problems("    flash:\n      kind: uf2\n      mount: /m\n      family: esp32\n"))
                .contains(f + ":10:15: boards[0].flash.family: invalid value 'esp32'");
        assertThat(problems("    flash: {kind: emulated}\n")).contains("boards[0].flash.kind: kind: emulated is for emulated boards");
        assertThat(problems("    flash: {kind: esptool, chip: esp32, ofset: 0}\n")).contains("did you mean 'offset'?");
    }
}
