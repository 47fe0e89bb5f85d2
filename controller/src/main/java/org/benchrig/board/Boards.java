package org.benchrig.board;

import java.nio.file.Path;
import java.time.Duration;
import org.benchrig.config.BoardConfig;
import org.benchrig.config.BoardKind;
import org.benchrig.control.PowerSwitch;
import org.benchrig.control.ResetLine;
import org.benchrig.time.Deadline;

/** Builds a {@link Board} from its config: the emulated or the serial kind, with its reset and power. */
public final class Boards {
    /** QEMU start plus firmware boot; the prompt answers about 0.1 s after QEMU starts. */
    private static final Duration START_WAIT = Duration.ofSeconds(20);

    private Boards() {
    }

    /** Opens (for emulated boards: starts) the board and leaves it in raw REPL, READY. */
    public static Board open(BoardConfig config, Path runtimeDir) {
        return open(config, runtimeDir, null, null, null);
    }

    /**
     * As {@link #open(BoardConfig, Path)}; a serial board gets the {@code reset} line and the
     * {@code power} switch wired for it (null: none wired; the rig makes them from the config's
     * {@code reset_pin} and {@code power_switch_pin}); an emulated board gets its emulator's and
     * keeps its flash in {@code flashDir} (null: not kept).
     */
    public static Board open(BoardConfig config, Path runtimeDir, Path flashDir, ResetLine reset, PowerSwitch power) {
        Deadline deadline = Deadline.in(START_WAIT);
        Board board;
        if (config.kind() == BoardKind.EMULATED) {
            Emulator emulator = Emulator.start(config.id(), config.firmware(), runtimeDir, flashDir, deadline);
            board = emulated(config, emulator);
        } else {
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

    /** A board on a started emulator, reset and powered through it; the board owns (ends) the emulator. */
    public static Board emulated(BoardConfig config, Emulator emulator) {
        EmulatorControls controls = new EmulatorControls(emulator);
        return new Board(config, emulator::ptyPath, controls, controls, emulator);
    }

    /** A serial board without wired GPIO lines: a hung board cannot be brought back by us. */
    private static ResetLine unwired(String what) {
        return new ResetLine() {
            @Override
            public void pulse(Duration width) {
                throw new NotWired("no " + what + " is wired for this board");
            }

            @Override
            public String resetLabel() {
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
            public String powerLabel() {
                return "no power switch";
            }
        };
    }
}
