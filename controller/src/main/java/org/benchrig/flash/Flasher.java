package org.benchrig.flash;

import org.benchrig.time.Deadline;

/**
 * Puts a firmware image on one board (labgrid's "flashing" capability). One implementation per
 * MCU family, bound from the board's {@code flash:} config. A flasher checks the image before it
 * touches the board, waits on events (a drive appears, a port comes back) under {@code deadline},
 * and throws {@link InvalidImage} for a file it refuses or {@link FlashFailed} when the board did
 * not take the image. Verifying what the board then runs is {@link FlashVerifier}'s job.
 */
public interface Flasher {
    FlashReport flash(FirmwareImage image, Deadline deadline);

    /** What this flasher is, for reports: "uf2 via /media/pi/RPI-RP2 (BOOTSEL GPIO17, RUN GPIO27)". */
    String label();
}
