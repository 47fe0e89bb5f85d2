package org.benchrig.board;

import java.nio.file.Path;
import java.time.Duration;
import org.benchrig.config.BoardConfig;
import org.benchrig.config.BoardKind;
import org.benchrig.instrument.EmulatorPowerSwitch;
import org.benchrig.instrument.EmulatorResetLine;
import org.benchrig.instrument.Instruments;
import org.benchrig.instrument.PowerSwitch;
import org.benchrig.instrument.ResetLine;
import org.benchrig.time.Deadline;

/** Builds a {@link Board} from its config: the emulated or the serial kind, with its reset and power. */
public final class Boards {
    /** QEMU start plus firmware boot; the prompt answers about 0.1 s after QEMU starts. */
    private static final Duration START_WAIT = Duration.ofSeconds(20);

    private Boards() {
    }

    /** Opens (for emulated boards: starts) the board and leaves it in raw REPL, READY. */
    public static Board open(BoardConfig config, Path runtimeDir) {
        return open(config, runtimeDir, null);
    }

    /**
     * As {@link #open(BoardConfig, Path)}; a serial board whose config names {@code reset_pin} or
     * {@code power_switch_pin} gets the GPIO reset line and relay from {@code instruments}.
     */
    public static Board open(BoardConfig config, Path runtimeDir, Instruments instruments) {
        return open(config, runtimeDir, null, instruments);
    }

    /** As {@link #open(BoardConfig, Path, Instruments)}; an emulated board keeps its flash in {@code flashDir} (null: not kept). */
    public static Board open(BoardConfig config, Path runtimeDir, Path flashDir, Instruments instruments) {
        Deadline deadline = Deadline.in(START_WAIT);
        Board board;
        if (config.kind() == BoardKind.EMULATED) {
            Emulator emulator = Emulator.start(config.id(), config.firmware(), runtimeDir, flashDir, deadline);
            board = new Board(config, emulator::ptyPath, new EmulatorResetLine(emulator),
                    new EmulatorPowerSwitch(emulator), emulator);
        } else {
            ResetLine reset = instruments == null ? null : instruments.resetLine(config);
            PowerSwitch power = instruments == null ? null : instruments.powerSwitch(config);
            board = new Board(config, config::port, reset != null ? reset : unwired("reset line"),
                    power != null ? power : unwiredPower(), null);
        }
        try {
            board.connect(deadline);
        } catch (RuntimeException e) {
            board.close();
            throw e;
        }
        return board;
    }

    /** A serial board without wired GPIO lines: a hung board cannot be brought back by us. */
    private static ResetLine unwired(String what) {
        return new ResetLine() {
            @Override
            public void pulse(Duration width) {
                throw new NotWired("no " + what + " is wired for this board");
            }

            @Override
            public String label() {
                return "no " + what;
            }
        };
    }

    private static PowerSwitch unwiredPower() {
        return new PowerSwitch() {
            @Override
            public void on() {
                throw new NotWired("no power switch is wired for this board");
            }

            @Override
            public void off() {
                on();
            }

            @Override
            public void cycle(Duration offTime) {
                on();
            }

            @Override
            public String label() {
                return "no power switch";
            }
        };
    }
}
