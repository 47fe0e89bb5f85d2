package org.benchrig.flash;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Copies an image onto a board's mass-storage drive and forces it out of the page cache. */
final class DriveCopy {
    private DriveCopy() {
    }

    /**
     * Writes {@code image} as {@code target} and syncs: a vfat drive keeps written data in the
     * page cache, and the bootloader only sees what reached the device.
     */
    static void copy(String flasher, Path image, Path target) {
        try (FileChannel ch = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(image));
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        } catch (IOException e) {
            // a board that reboots as soon as the last block arrives may take the drive away under us
            if (!Files.exists(target.getParent())) {
                return;
            }
            throw new FlashFailed(flasher, "copying to " + target + " failed: " + e);
        }
    }
}
