package org.benchrig.flash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.benchrig.time.Deadline;

/**
 * micro:bit flashing through its DAPLink interface chip: copy the checked Intel HEX to the
 * {@code MICROBIT} drive; DAPLink programs the target, then unmounts and remounts the drive. The
 * copied file is then gone; {@code FAIL.TXT} on the remounted drive says why when it failed.
 * Then the serial port must be there (it stays on a real micro:bit, since DAPLink serves it).
 */
public final class DaplinkFlasher implements Flasher {
    /** Programming 256 KB plus the remount: about 10 to 20 s on a micro:bit v1. */
    static final Duration PROGRAM_WAIT = Duration.ofSeconds(45);
    /** The drive must already be there: DAPLink mounts it as soon as USB is up. */
    static final Duration DRIVE_WAIT = Duration.ofSeconds(10);
    public static final String DETAILS_FILE = "DETAILS.TXT";
    public static final String FAIL_FILE = "FAIL.TXT";

    private final Path mount;
    private final Path port;
    private final Consumer<String> progress;

    public DaplinkFlasher(Path mount, Path port, Consumer<String> progress) {
        this.mount = mount;
        this.port = port;
        this.progress = progress;
    }

    @Override
    public FlashReport flash(FirmwareImage image, Deadline deadline) {
        if (image.format() != FirmwareImage.Format.HEX) {
            throw new InvalidImage(image.path() + ": a micro:bit takes an Intel HEX (.hex) file");
        }
        image.requireFits(ChipModel.MICROBIT);
        long t0 = System.nanoTime();
        List<String> steps = new ArrayList<>();
        Path details = mount.resolve(DETAILS_FILE);
        Path fail = mount.resolve(FAIL_FILE);
        Waits.until(label(), () -> Files.isRegularFile(details), deadline.atMost(DRIVE_WAIT),
                () -> "the MICROBIT drive is not mounted: no " + details);
        boolean staleFail = Files.exists(fail); // from an earlier attempt; the remount clears it
        Path target = mount.resolve(image.path().getFileName().toString());
        DriveCopy.copy(label(), image.path(), target);
        steps.add("copied " + image.size() + " bytes to " + target);
        progress.accept("copied " + image.path().getFileName() + "; waiting for DAPLink to program the board and remount " + mount);
        // done when the drive is back without our file (it was remounted), or as soon as a fresh FAIL.TXT shows
        Waits.until(label(), () -> (Files.isRegularFile(details) && !Files.exists(target))
                        || (!staleFail && Files.exists(fail)), deadline.atMost(PROGRAM_WAIT),
                () -> "DAPLink did not take the file: the drive was not remounted and " + target + " is still there");
        if (Files.exists(fail)) {
            throw new FlashFailed(label(), "DAPLink refused the image, " + FAIL_FILE + " says:", failText(fail));
        }
        steps.add("DAPLink programmed the target and remounted " + mount);
        Waits.until(label(), () -> Files.exists(port), deadline,
                () -> "the serial port " + port + " did not come back");
        steps.add("serial port " + port + " there");
        return new FlashReport(label(), image, Duration.ofNanos(System.nanoTime() - t0), steps);
    }

    private static List<String> failText(Path fail) {
        try {
            return Files.readAllLines(fail).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
        } catch (IOException e) {
            return List.of("(unreadable: " + e.getMessage() + ")");
        }
    }

    @Override
    public String label() {
        return "daplink via " + mount;
    }
}
