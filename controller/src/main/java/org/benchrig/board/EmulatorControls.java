package org.benchrig.board;

import java.time.Duration;
import org.benchrig.control.PowerSwitch;
import org.benchrig.control.ResetLine;
import org.benchrig.time.Deadline;

/**
 * The emulated board's reset line and supply: reset is QMP {@code system_reset} (a hard reset of
 * the whole machine); power off ends QEMU, power on starts it again with the same firmware.
 */
public final class EmulatorControls implements ResetLine, PowerSwitch {
    /** QMP answers within milliseconds; this only bounds a wedged QEMU. */
    private static final Duration QMP_WAIT = Duration.ofSeconds(5);
    /** QEMU start plus firmware boot. */
    private static final Duration START_WAIT = Duration.ofSeconds(20);
    private final Emulator emulator;

    public EmulatorControls(Emulator emulator) {
        this.emulator = emulator;
    }

    @Override
    public void pulse(Duration width) {
        emulator.hardReset(Deadline.in(QMP_WAIT));
    }

    @Override
    public String resetLabel() {
        return "QMP system_reset";
    }

    @Override
    public void on() {
        if (!emulator.alive()) {
            emulator.restart(emulator.firmware(), Deadline.in(START_WAIT));
        }
    }

    @Override
    public void off() {
        emulator.powerOff();
    }

    @Override
    public void cycle(Duration offTime) {
        off();
        try {
            Thread.sleep(offTime.toMillis());   // the off time is the point of a power cycle
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        on();
    }

    @Override
    public String powerLabel() {
        return "QEMU restart";
    }
}
