package org.benchrig.flash;

import com.pi4j.io.gpio.digital.DigitalOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.benchrig.time.Deadline;

/**
 * RP2040/RP2350 boot-ROM flashing. With BOOTSEL and RUN wired (both active low, through an
 * open-drain or a transistor): hold BOOTSEL low, pulse RUN low, wait for the {@code RPI-RP2} drive
 * (its mount point holding {@code INFO_UF2.TXT}), release BOOTSEL, copy the checked .uf2, wait
 * for the drive to go (the boot ROM reboots into the new firmware) and the serial port to come
 * back. Without the lines, a person presses BOOTSEL while plugging in; the waits are the same.
 */
public final class Uf2Flasher implements Flasher {
    /** The RP2040 datasheet asks for no minimum RUN pulse; 100 ms also covers slow RC filters on boards. */
    static final Duration RUN_PULSE = Duration.ofMillis(100);
    /** Boot ROM start plus the host's USB enumeration and automount: seconds on a Pi. */
    static final Duration DRIVE_WAIT = Duration.ofSeconds(20);
    public static final String INFO_FILE = "INFO_UF2.TXT";

    private final Path mount;
    private final long familyId;
    private final String familyName;
    private final Path port;
    private final DigitalOutput bootsel;
    private final DigitalOutput run;
    private final Consumer<String> progress;

    /** {@code bootsel} and {@code run} may both be null: BOOTSEL is then pressed by hand. */
    public Uf2Flasher(Path mount, String family, Path port, DigitalOutput bootsel, DigitalOutput run,
                      Consumer<String> progress) {
        this.mount = mount;
        this.familyName = family;
        this.familyId = org.benchrig.config.FlashConfig.familyId(family);
        this.port = port;
        this.bootsel = bootsel;
        this.run = run;
        this.progress = progress;
    }

    @Override
    public FlashReport flash(FirmwareImage image, Deadline deadline) {
        if (image.format() != FirmwareImage.Format.UF2) {
            throw new InvalidImage(image.path() + ": a uf2 board takes a .uf2 file");
        }
        if (image.uf2Family().isEmpty()) {
            throw new InvalidImage(image.path() + ": the file carries no family id; the board needs " + familyName);
        }
        if (image.uf2Family().get() != familyId) {
            throw new InvalidImage(String.format("%s: family id 0x%08X does not match the board's %s (0x%08X): "
                    + "this image is for another chip", image.path(), image.uf2Family().get(), familyName, familyId));
        }
        if (familyName.startsWith("rp2040")) {
            image.requireFits(ChipModel.RP2040);
        }
        long t0 = System.nanoTime();
        List<String> steps = new ArrayList<>();
        Path info = mount.resolve(INFO_FILE);
        try {
            if (bootsel != null) {
                bootsel.low();
                run.low();
                Waits.sleep(label(), RUN_PULSE);
                run.high();
                steps.add("BOOTSEL held low, RUN pulsed low for " + RUN_PULSE.toMillis() + " ms");
            } else {
                progress.accept("hold BOOTSEL and plug the board in (or press RUN): waiting for " + info);
            }
            Waits.until(label(), () -> Files.isRegularFile(info), deadline.atMost(DRIVE_WAIT),
                    () -> "the boot ROM's drive did not appear: no " + info);
        } finally {
            if (bootsel != null) {
                bootsel.high();
            }
        }
        steps.add("drive " + mount + " up: " + infoSummary(info));
        if (bootsel != null) {
            steps.add("BOOTSEL released");
        }
        Path target = mount.resolve(image.path().getFileName().toString());
        DriveCopy.copy(label(), image.path(), target);
        steps.add("copied " + image.size() + " bytes to " + target);
        progress.accept("copied " + image.path().getFileName() + "; waiting for the board to reboot");
        Waits.until(label(), () -> !Files.exists(info), deadline,
                () -> "the drive did not go after the copy: the boot ROM did not take the file (still " + info + ")");
        steps.add("drive gone: the boot ROM rebooted into the image");
        progress.accept("the boot ROM rebooted into the image; waiting for the serial port " + port);
        Waits.until(label(), () -> Files.exists(port), deadline,
                () -> "the serial port " + port + " did not come back after the reboot");
        steps.add("serial port " + port + " back");
        return new FlashReport(label(), image, java.time.Duration.ofNanos(System.nanoTime() - t0), steps);
    }

    private static String infoSummary(Path info) {
        try {
            return String.join("; ", Files.readAllLines(info).stream().map(String::strip)
                    .filter(l -> !l.isEmpty()).toList());
        } catch (IOException e) {
            return "(" + INFO_FILE + " unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public String label() {
        return "uf2 via " + mount + (bootsel == null ? " (BOOTSEL by hand)"
                : " (BOOTSEL " + bootsel.id() + ", RUN " + run.id() + ")");
    }
}
