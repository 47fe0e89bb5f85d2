package org.benchrig.flash;

import java.util.List;
import org.benchrig.result.FailureClass;

/**
 * Flashing did not put the image on the board: the tool failed, the drive never appeared, the
 * bootloader refused the image. An {@link FailureClass#INFRASTRUCTURE} failure of the flash step,
 * never a console/link problem: {@link #toolOutput()} carries the last lines the tool or the drive
 * said, so the reason is visible where the failure is reported.
 */
public final class FlashFailed extends RuntimeException {
    private final String flasher;
    private final List<String> toolOutput;

    public FlashFailed(String flasher, String message, List<String> toolOutput) {
        super(flasher + ": " + message + (toolOutput.isEmpty() ? "" : "\n  | " + String.join("\n  | ", toolOutput)));
        this.flasher = flasher;
        this.toolOutput = List.copyOf(toolOutput);
    }

    public FlashFailed(String flasher, String message) {
        this(flasher, message, List.of());
    }

    public String flasher() {
        return flasher;
    }

    public List<String> toolOutput() {
        return toolOutput;
    }

    public FailureClass failureClass() {
        return FailureClass.INFRASTRUCTURE;
    }
}
