package org.benchrig.flash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pi4j.io.gpio.digital.DigitalOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.benchrig.board.LinkLost;
import org.benchrig.board.ReplFailure;
import org.benchrig.result.FailureClass;
import org.benchrig.time.Deadline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** esptool runs as an external tool: its progress is streamed and its failures are flash failures. */
class EsptoolFlasherTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private MockLines lines;
    private final List<String> progress = new CopyOnWriteArrayList<>();
    private Path port;
    private FirmwareImage image;

    @BeforeEach
    void setUp() throws Exception {
        lines = new MockLines();
        port = Files.createFile(dir.resolve("ttyUSB0"));
        byte[] app = new byte[4096];
        byte[] banner = "MicroPython v1.22.0 on 2023-12-27; Generic ESP32 module with ESP32\0".getBytes();
        System.arraycopy(banner, 0, app, 64, banner.length);
        image = FirmwareImage.load(Files.write(dir.resolve("esp32.bin"), app));
    }

    @AfterEach
    void tearDown() {
        lines.close();
    }

    /** A fake esptool: records its arguments, then runs {@code body} (sh). */
    private Path fakeEsptool(String body) throws Exception {
        Path script = dir.resolve("esptool");
        Files.writeString(script, "#!/bin/sh\necho \"$@\" > '" + dir.resolve("args.txt") + "'\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private EsptoolFlasher flasher(Path esptool, DigitalOutput boot, DigitalOutput en) {
        return new EsptoolFlasher(esptool.toString(), "esp32", port.toString(), 460_800, 0x1000, boot, en, l -> {
            progress.add(l);
            lines.event("esptool: " + l);
        });
    }

    @Test
    void connectFailureIsAFlashFailureCarryingEsptoolsLastLinesNotAConsoleProblem() throws Exception {
        Path esptool = fakeEsptool("""
                echo "esptool.py v4.7.0"
                echo "Serial port $4"
                printf "Connecting......"
                printf "....\\n\\n"
                echo "A fatal error occurred: Failed to connect to ESP32: No serial data received."
                echo "For troubleshooting steps visit: https://docs.espressif.com/projects/esptool/en/latest/troubleshooting.html"
                exit 2
                """);
        DigitalOutput boot = lines.output("GPIO0", 5);
        DigitalOutput en = lines.output("EN", 6);

        assertThatThrownBy(() -> flasher(esptool, boot, en).flash(image, Deadline.in(WAIT)))
                .isInstanceOfSatisfying(FlashFailed.class, f -> {
                    assertThat(f.failureClass()).isEqualTo(FailureClass.INFRASTRUCTURE);
                    assertThat(f.flasher()).startsWith("esptool esp32");
                    assertThat(f.toolOutput()).contains(
                            "A fatal error occurred: Failed to connect to ESP32: No serial data received.");
                })
                .isNotInstanceOf(LinkLost.class).isNotInstanceOf(ReplFailure.class)
                .hasMessageContaining("did not enter its download mode").hasMessageContaining("exited with 2");
        assertThat(progress).contains("esptool.py v4.7.0", "Connecting..........");
        // the board is left running its old firmware: GPIO0 released and EN pulsed even on failure
        assertThat(lines.log.stream().filter(e -> !e.startsWith("esptool:")).toList())
                .containsExactly("GPIO0=LOW", "EN=LOW", "EN=HIGH", "GPIO0=HIGH", "EN=LOW", "EN=HIGH");
    }

    @Test
    void wiredBoardIsPutInDownloadModeAndProgressIsStreamed() throws Exception {
        Path esptool = fakeEsptool("""
                echo "Connecting...."
                printf "Writing at 0x00001000... (33 %%)\\rWriting at 0x00002000... (66 %%)\\rWriting at 0x00003000... (100 %%)\\n"
                echo "Hash of data verified."
                echo "Leaving..."
                """);
        DigitalOutput boot = lines.output("GPIO0", 5);
        DigitalOutput en = lines.output("EN", 6);

        FlashReport r = flasher(esptool, boot, en).flash(image, Deadline.in(WAIT));

        assertThat(Files.readString(dir.resolve("args.txt")).strip()).isEqualTo("--chip esp32 --port " + port
                + " --baud 460800 --before no_reset --after no_reset write_flash 0x1000 " + image.path().toAbsolutePath());
        assertThat(progress).containsSubsequence("Writing at 0x00001000... (33 %)", "Writing at 0x00002000... (66 %)",
                "Writing at 0x00003000... (100 %)", "Hash of data verified.");
        assertThat(lines.log).containsSubsequence("GPIO0=LOW", "EN=LOW", "EN=HIGH", "esptool: Connecting....",
                "esptool: Leaving...", "GPIO0=HIGH", "EN=LOW", "EN=HIGH");
        assertThat(r.steps()).anySatisfy(s -> assertThat(s).contains("exit 0"));
    }

    @Test
    void autoResetBoardLeavesTheLinesToEsptool() throws Exception {
        Path esptool = fakeEsptool("echo done\n");
        flasher(esptool, null, null).flash(image, Deadline.in(WAIT));
        assertThat(Files.readString(dir.resolve("args.txt"))).contains("--before default_reset --after hard_reset");
    }

    @Test
    void hangingEsptoolIsStoppedAtTheDeadline() throws Exception {
        Path esptool = fakeEsptool("echo Connecting...\nexec sleep 60\n");
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> flasher(esptool, null, null).flash(image, Deadline.in(Duration.ofMillis(800))))
                .isInstanceOf(FlashFailed.class).hasMessageContaining("did not finish within 800 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void missingEsptoolSaysHowToInstallIt() {
        assertThatThrownBy(() -> flasher(dir.resolve("no-such-esptool"), null, null).flash(image, Deadline.in(WAIT)))
                .isInstanceOf(FlashFailed.class).hasMessageContaining("pip install esptool");
    }
}
