package org.benchrig.flash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pi4j.io.gpio.digital.DigitalOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.benchrig.time.Deadline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The uf2 and daplink flows against a temporary "mount point", with a test thread playing the
 * board: it reacts to the GPIO lines and the copied file the way an RP2040 boot ROM or a DAPLink
 * interface chip does, and the flasher waits on each event under a deadline.
 */
class DriveFlashFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private MockLines lines;
    private Thread boardThread;
    private final AtomicReference<Throwable> boardError = new AtomicReference<>();
    private final List<String> progress = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        lines = new MockLines();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (boardThread != null) {
            boardThread.interrupt();
            boardThread.join(5_000);
        }
        lines.close();
        assertThat(boardError.get()).as("the simulated board failed").isNull();
    }

    private void playBoard(ThrowingRunnable body) {
        boardThread = new Thread(() -> {
            try {
                body.run();
            } catch (InterruptedException stop) {
                // test over
            } catch (Throwable t) {
                boardError.set(t);
            }
        }, "simulated-board");
        boardThread.start();
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** The simulated board waits for {@code what}, as a real bootloader watches its drive and its lines. */
    private static void await(String what, java.util.concurrent.Callable<Boolean> c) {
        org.awaitility.Awaitility.await("the simulated board waits for " + what).atMost(WAIT)
                .pollInterval(Duration.ofMillis(5)).until(c);
    }

    /** The flasher said it waits for {@code what}: the board comes back only then, so the flasher must wait for it. */
    private void awaitFlasherWaitingFor(String what) {
        await("the flasher to wait for " + what, () -> progress.stream().anyMatch(p -> p.contains("waiting for " + what)));
    }

    /** Writes a file whole, as it shows on a freshly mounted drive (never seen half-written). */
    private static void appear(Path file, String text) throws java.io.IOException {
        Path part = Files.writeString(file.resolveSibling("." + file.getFileName() + ".part"), text);
        Files.move(part, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static Path firstWithSuffix(Path mount, String suffix) {
        try (Stream<Path> s = Files.list(mount)) {
            return s.filter(p -> p.toString().endsWith(suffix)).findFirst().orElse(null);
        } catch (Exception e) {
            return null;
        }
    }

    private Path picoUf2(long family) throws Exception {
        byte[] data = new byte[2048];
        byte[] banner = "MicroPython v1.22.0 on 2023-12-27; Raspberry Pi Pico with RP2040\0".getBytes();
        System.arraycopy(banner, 0, data, 100, banner.length);
        return Files.write(dir.resolve("pico.uf2"), Uf2.build(0x10000000L, data, family));
    }

    // ---- uf2 ----------------------------------------------------------------------------------

    @Test
    void uf2FlowHoldsBootselPulsesRunCopiesAndWaitsForThePort() throws Exception {
        Path mount = dir.resolve("RPI-RP2");
        Path port = dir.resolve("ttyACM0");
        Files.createFile(port);
        DigitalOutput bootsel = lines.output("BOOTSEL", 17);
        DigitalOutput run = lines.output("RUN", 27);
        FirmwareImage image = FirmwareImage.load(picoUf2(0xE48BFF56L));
        playBoard(() -> {
            // the boot ROM starts when RUN rises while BOOTSEL is held low
            await("RUN to rise", () -> lines.logged("RUN=HIGH"));
            assertThat(bootsel.state().isLow()).as("BOOTSEL held while RUN rose").isTrue();
            Files.delete(port); // the MicroPython USB serial goes away in BOOTSEL mode
            lines.event("drive up");
            Files.createDirectories(mount);
            Files.writeString(mount.resolve("INFO_UF2.TXT"), "UF2 Bootloader v3.0\nModel: Raspberry Pi RP2\nBoard-ID: RPI-RP2\n");
            await("the copy", () -> firstWithSuffix(mount, ".uf2") != null && sizeOf(firstWithSuffix(mount, ".uf2")) == image.size());
            Path copied = firstWithSuffix(mount, ".uf2");
            assertThat(Files.readAllBytes(copied)).isEqualTo(Files.readAllBytes(image.path()));
            lines.event("drive gone");
            Files.delete(copied);
            Files.delete(mount.resolve("INFO_UF2.TXT"));
            Files.delete(mount);
            awaitFlasherWaitingFor("the serial port");
            lines.event("port back");
            Files.createFile(port);
        });

        FlashReport r = new Uf2Flasher(mount, "rp2040", port, bootsel, run, progress::add)
                .flash(image, Deadline.in(WAIT));
        lines.event("flash returned");

        // the port comes back only once the flasher says it waits for it: returning earlier is not waiting
        assertThat(lines.log).containsExactly("BOOTSEL=LOW", "RUN=LOW", "RUN=HIGH", "drive up", "BOOTSEL=HIGH",
                "drive gone", "port back", "flash returned");
        assertThat(r.steps()).anySatisfy(s -> assertThat(s).contains("Board-ID: RPI-RP2"));
        assertThat(r.steps().get(r.steps().size() - 1)).contains("serial port").contains("back");
        assertThat(Files.exists(port)).isTrue();
    }

    @Test
    void uf2WithTheWrongFamilyIsRefusedBeforeAnyLineMoves() throws Exception {
        DigitalOutput bootsel = lines.output("BOOTSEL", 17);
        DigitalOutput run = lines.output("RUN", 27);
        FirmwareImage rp2350 = FirmwareImage.load(picoUf2(0xE48BFF59L));
        Uf2Flasher f = new Uf2Flasher(dir.resolve("RPI-RP2"), "rp2040", dir.resolve("tty"), bootsel, run, progress::add);
        assertThatThrownBy(() -> f.flash(rp2350, Deadline.in(WAIT))).isInstanceOf(InvalidImage.class)
                .hasMessageContaining("does not match the board's rp2040");
        assertThat(lines.log).isEmpty();
    }

    @Test
    void uf2DriveThatNeverAppearsIsAFlashFailureAndBootselIsReleased() throws Exception {
        DigitalOutput bootsel = lines.output("BOOTSEL", 17);
        DigitalOutput run = lines.output("RUN", 27);
        FirmwareImage image = FirmwareImage.load(picoUf2(0xE48BFF56L));
        Uf2Flasher f = new Uf2Flasher(dir.resolve("RPI-RP2"), "rp2040", dir.resolve("tty"), bootsel, run, progress::add);
        assertThatThrownBy(() -> f.flash(image, Deadline.in(Duration.ofMillis(500)))).isInstanceOf(FlashFailed.class)
                .hasMessageContaining("drive did not appear");
        assertThat(lines.log).containsExactly("BOOTSEL=LOW", "RUN=LOW", "RUN=HIGH", "BOOTSEL=HIGH");
    }

    // ---- daplink ------------------------------------------------------------------------------

    private static long sizeOf(Path p) {
        try {
            return p == null ? -1 : Files.size(p);
        } catch (Exception e) {
            return -1;
        }
    }

    /**
     * A DAPLink drive: takes the .hex, unmounts, and remounts (with FAIL.TXT when {@code failText} is
     * set) once the flasher waits for it.
     */
    private void playDaplink(Path mount, Path port, FirmwareImage image, String failText) {
        playBoard(() -> {
            await("the copy", () -> sizeOf(firstWithSuffix(mount, ".hex")) == image.size());
            lines.event("hex copied");
            Path copied = firstWithSuffix(mount, ".hex");
            // the whole drive goes: DETAILS.TXT first, so no moment looks like a drive remounted without the file
            Files.delete(mount.resolve("DETAILS.TXT"));
            Files.delete(copied);
            lines.event("drive gone");
            awaitFlasherWaitingFor("DAPLink to program the board and remount");
            lines.event("drive back");
            if (failText != null) {
                appear(mount.resolve("FAIL.TXT"), failText);
            }
            appear(mount.resolve("DETAILS.TXT"), "# DAPLink Firmware\nVersion: 0253\n");
            Files.createFile(port);
        });
    }

    @Test
    void daplinkFlowCopiesTheHexAndWaitsForTheRemountAndThePort() throws Exception {
        Path mount = Files.createDirectory(dir.resolve("MICROBIT"));
        Files.writeString(mount.resolve("DETAILS.TXT"), "# DAPLink Firmware\n");
        Path port = dir.resolve("ttyACM0");
        FirmwareImage image = FirmwareImage.load(TestImages.MICROBIT_FIRMWARE);
        playDaplink(mount, port, image, null);

        FlashReport r = new DaplinkFlasher(mount, port, progress::add).flash(image, Deadline.in(WAIT));
        lines.event("flash returned");

        assertThat(lines.log).containsExactly("hex copied", "drive gone", "drive back", "flash returned");
        assertThat(r.steps()).containsSubsequence("copied " + image.size() + " bytes to " + mount.resolve("firmware.hex"),
                "DAPLink programmed the target and remounted " + mount);
    }

    @Test
    void daplinkFailTxtIsReportedWithItsContent() throws Exception {
        Path mount = Files.createDirectory(dir.resolve("MICROBIT"));
        Files.writeString(mount.resolve("DETAILS.TXT"), "# DAPLink Firmware\n");
        FirmwareImage image = FirmwareImage.load(TestImages.MICROBIT_FIRMWARE);
        playDaplink(mount, dir.resolve("ttyACM0"), image, "The interface firmware FAILED to reset/halt the target MCU\r\n"
                + "type: target\r\n");

        assertThatThrownBy(() -> new DaplinkFlasher(mount, dir.resolve("ttyACM0"), progress::add).flash(image, Deadline.in(WAIT)))
                .isInstanceOfSatisfying(FlashFailed.class, f -> assertThat(f.toolOutput())
                        .containsExactly("The interface firmware FAILED to reset/halt the target MCU", "type: target"))
                .hasMessageContaining("FAIL.TXT says");
    }

    @Test
    void daplinkRefusesABadHexWithoutTouchingTheDrive() throws Exception {
        Path mount = Files.createDirectory(dir.resolve("MICROBIT"));
        Files.writeString(mount.resolve("DETAILS.TXT"), "# DAPLink Firmware\n");
        Path pico = dir.resolve("pico.hex");
        Files.write(pico, List.of(IntelHex.record(0x04, 0, new byte[] {0x10, 0x00}),
                IntelHex.record(0x00, 0, new byte[16]), ":00000001FF"));
        assertThatThrownBy(() -> new DaplinkFlasher(mount, dir.resolve("tty"), progress::add).flash(FirmwareImage.load(pico),
                Deadline.in(WAIT))).isInstanceOf(InvalidImage.class).hasMessageContaining("outside the microbit's flash");
        try (Stream<Path> s = Files.list(mount)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("DETAILS.TXT");
        }
    }
}
