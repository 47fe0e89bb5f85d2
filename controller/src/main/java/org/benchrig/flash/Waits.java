package org.benchrig.flash;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.benchrig.time.Deadline;

/**
 * Waiting for a board's drive or port to appear or go. USB mass-storage drives are mounted and
 * unmounted by an automounter and serial ports are created by udev: the directory watched may
 * itself come and go, so there is no event API that covers every case; we poll the filesystem at
 * {@link #POLL} under a deadline. Nothing here sleeps a fixed time waiting for a board.
 */
final class Waits {
    /** Short enough not to add noticeable latency, long enough to cost nothing on a Pi. */
    static final Duration POLL = Duration.ofMillis(25);

    private Waits() {
    }

    /** Returns once {@code condition} holds; throws {@link FlashFailed} with {@code what} at the deadline. */
    static void until(String flasher, BooleanSupplier condition, Deadline deadline, Supplier<String> what) {
        while (!condition.getAsBoolean()) {
            if (deadline.expired()) {
                throw new FlashFailed(flasher, what.get() + " (waited " + deadline.budget().toMillis() + " ms)");
            }
            pause(flasher);
        }
    }

    static boolean exists(Path p) {
        return Files.exists(p);
    }

    static void pause(String flasher) {
        sleep(flasher, POLL);
    }

    /** A deliberate signal width (a reset pulse), not a wait for the board. */
    static void sleep(String flasher, Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlashFailed(flasher, "interrupted");
        }
    }
}
