package org.benchrig.flash;

import java.time.Duration;
import java.util.List;

/** What a flasher did: the image it wrote, how long it took, and its steps in order. */
public record FlashReport(String flasher, FirmwareImage image, Duration elapsed, List<String> steps) {
    public FlashReport {
        steps = List.copyOf(steps);
    }
}
