package org.benchrig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.benchrig.testing.NeedsEmulator;

/** {@code benchrig flash} as a lab member runs it on the emulated board. */
@NeedsEmulator
class FlashCommandTest {
    @TempDir
    Path dir;

    @Test
    void flashesVerifiesAndRefusesABrokenImage() throws Exception {
        Path cfg = CliHarness.writeConfig(dir, "flash-rig", new String[] {"mb1"}, new String[0]);
        CliHarness.Result flashed = CliHarness.run("flash", "mb1", CliHarness.FIRMWARE, "--config", cfg.toString());
        assertThat(flashed.exit()).as(flashed.out() + flashed.err()).isZero();
        assertThat(flashed.out()).contains("sha256", "MicroPython 1.9.2", "VERIFIED mb1 runs firmware.hex");

        CliHarness.Result checked = CliHarness.run("flash", "mb1", CliHarness.FIRMWARE, "--verify-only", "--config",
                cfg.toString());
        assertThat(checked.exit()).as(checked.err()).isZero();
        assertThat(checked.out()).contains("VERIFIED").doesNotContain("done in");

        String hex = Files.readString(Path.of(CliHarness.FIRMWARE));
        int at = hex.indexOf('\n', 200) + 10; // a digit inside a data record: its checksum no longer matches
        char c = hex.charAt(at);
        Path broken = dir.resolve("broken.hex");
        Files.writeString(broken, hex.substring(0, at) + (c == '0' ? '1' : '0') + hex.substring(at + 1));
        CliHarness.Result refused = CliHarness.run("flash", "mb1", broken.toString(), "--config", cfg.toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("refused", "checksum");
    }
}
