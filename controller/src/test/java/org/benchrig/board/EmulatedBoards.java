package org.benchrig.board;

import java.nio.file.Path;
import org.benchrig.config.BoardConfig;
import org.benchrig.config.BoardKind;
import org.benchrig.config.Pacing;

/** Test access to the real emulated micro:bit (QEMU + Debian's MicroPython firmware). */
public final class EmulatedBoards {
    public static final Path FIRMWARE = Path.of("/usr/share/firmware-microbit-micropython/firmware.hex");

    private EmulatedBoards() {
    }

    public static BoardConfig config(String id) {
        return new BoardConfig(id, BoardKind.EMULATED, "microbit", FIRMWARE, null, 115_200, Pacing.SAFE_DEFAULT, "s");
    }

    /** Starts an emulated board whose emulator state lives under {@code runtimeDir}. */
    public static Board start(String id, Path runtimeDir) {
        org.benchrig.testing.Tier.requireFull("an emulated board", org.benchrig.testing.NeedsEmulator.class);
        return Boards.open(config(id), runtimeDir);
    }
}
