package org.benchrig.instrument;

import java.time.Duration;
import org.benchrig.board.Emulator;
import org.benchrig.time.Deadline;

/** The emulated board's reset line: QMP {@code system_reset}, a hard reset of the whole machine. */
public final class EmulatorResetLine implements ResetLine {
    /** QMP answers within milliseconds; this only bounds a wedged QEMU. */
    private static final Duration QMP_WAIT = Duration.ofSeconds(5);
    private final Emulator emulator;

    public EmulatorResetLine(Emulator emulator) {
        this.emulator = emulator;
    }

    @Override
    public void pulse(Duration width) {
        emulator.hardReset(Deadline.in(QMP_WAIT));
    }

    @Override
    public String label() {
        return "QMP system_reset";
    }
}
