package org.benchrig.flash;

import java.time.Duration;
import java.util.List;
import org.benchrig.board.Emulator;
import org.benchrig.board.LinkLost;
import org.benchrig.time.Deadline;

/**
 * Flashing an emulated micro:bit: power QEMU off and start it again with the image (QEMU's
 * generic loader reads Intel HEX when the file name ends in .hex). The pty changes; a
 * {@link org.benchrig.board.Board} built on {@link Emulator#ptyPath()} reconnects on {@code connect}.
 */
public final class EmulatedFlasher implements Flasher {
    private final Emulator emulator;

    public EmulatedFlasher(Emulator emulator) {
        this.emulator = emulator;
    }

    @Override
    public FlashReport flash(FirmwareImage image, Deadline deadline) {
        if (image.format() != FirmwareImage.Format.HEX) {
            throw new InvalidImage(image.path() + ": the emulated micro:bit takes an Intel HEX (.hex) image, not "
                    + image.format().name().toLowerCase(java.util.Locale.ROOT));
        }
        image.requireFits(ChipModel.MICROBIT);
        long t0 = System.nanoTime();
        try {
            emulator.flash(image.path(), deadline);
        } catch (LinkLost e) {
            throw new FlashFailed(label(), "QEMU did not start with the image: " + e.getMessage());
        }
        return new FlashReport(label(), image, Duration.ofNanos(System.nanoTime() - t0),
                List.of("powered off QEMU", "erased its kept flash", "started QEMU with " + image.path() + " on " + emulator.ptyPath()));
    }

    @Override
    public String label() {
        return "emulated (QEMU restart, board " + emulator.boardId() + ")";
    }
}
