package org.benchrig.flash;

import com.pi4j.io.gpio.digital.DigitalOutput;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.benchrig.board.Emulator;
import org.benchrig.config.BoardConfig;
import org.benchrig.config.FlashConfig;

/** Builds a board's flasher from its {@code flash:} config. */
public final class Flashers {
    /** Gives the flashers their GPIO lines: an output at a BCM pin, idle high (the lines are active low). */
    @FunctionalInterface
    public interface Lines {
        DigitalOutput output(String name, int bcmPin);
    }

    private Flashers() {
    }

    /**
     * @param emulator the board's emulator (emulated boards), else null
     * @param lines    GPIO outputs; asked only for pins the config wires
     */
    public static Flasher forBoard(BoardConfig board, Emulator emulator, Lines lines, Consumer<String> progress) {
        FlashConfig f = board.flash();
        return switch (f.kind()) {
            case EMULATED -> new EmulatedFlasher(emulator);
            case UF2 -> new Uf2Flasher(f.mount(), f.family(), Path.of(board.port()),
                    f.bootselPin() == null ? null : lines.output(board.id() + "-bootsel", f.bootselPin()),
                    f.runPin() == null ? null : lines.output(board.id() + "-run", f.runPin()), progress);
            case DAPLINK -> new DaplinkFlasher(f.mount(), Path.of(board.port()), progress);
            case ESPTOOL -> new EsptoolFlasher(f.esptool(), f.chip(), board.port(), f.baud(), f.offset(),
                    f.bootPin() == null ? null : lines.output(board.id() + "-gpio0", f.bootPin()),
                    f.enPin() == null ? null : lines.output(board.id() + "-en", f.enPin()), progress);
            case NONE -> throw new FlashFailed("config", "board " + board.id()
                    + " has no flash: mapping; add one (kind: uf2, daplink or esptool), see docs/flashing.md");
        };
    }
}
