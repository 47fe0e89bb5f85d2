package org.benchrig.instrument;

import java.time.Duration;
import org.benchrig.board.Emulator;
import org.benchrig.time.Deadline;

/** The emulated board's supply: off ends QEMU, on starts it again with the same firmware. */
public final class EmulatorPowerSwitch implements PowerSwitch {
    private static final Duration START_WAIT = Duration.ofSeconds(20);
    private final Emulator emulator;

    public EmulatorPowerSwitch(Emulator emulator) {
        this.emulator = emulator;
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
            Thread.sleep(offTime.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        on();
    }

    @Override
    public String label() {
        return "QEMU restart";
    }
}
