package org.benchrig.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;
import org.benchrig.board.Board;
import org.benchrig.board.BoardState;
import org.benchrig.board.Boards;
import org.benchrig.board.Emulator;
import org.benchrig.config.BoardConfig;
import org.benchrig.config.BoardKind;
import org.benchrig.flash.FirmwareImage;
import org.benchrig.flash.FlashReport;
import org.benchrig.flash.FlashVerifier;
import org.benchrig.flash.Flashers;
import org.benchrig.instrument.FlashLines;
import org.benchrig.instrument.Instruments;
import org.benchrig.time.Deadline;

/**
 * Flashes one board as {@code benchrig flash} does: the board's flasher (an emulator's, or one
 * driving the GPIO lines {@link Instruments#flashLines()} gives for the time of flashing), then
 * {@link FlashVerifier} on the board it opens afterwards. The lease is the {@link Rig}'s business.
 */
final class BoardFlashing {
    /** Programming plus reboot; esptool at 460800 baud writes 1.5 MB in about 40 s. */
    private static final Duration FLASH_WAIT = Duration.ofMinutes(3);
    private static final Duration VERIFY_WAIT = Duration.ofSeconds(30);

    /** A flashed board, open, and what flashing it did. */
    record Done(Board board, Rig.Flashed flashed) {
    }

    private final Instruments instruments;
    private final Path runtimeDir;
    private final Path flashDir;
    private final Function<BoardConfig, Board> openWired;

    /** Emulators keep their state in {@code runtimeDir} and flash in {@code flashDir}; other boards open by {@code openWired}. */
    BoardFlashing(Instruments instruments, Path runtimeDir, Path flashDir, Function<BoardConfig, Board> openWired) {
        this.instruments = instruments;
        this.runtimeDir = runtimeDir;
        this.flashDir = flashDir;
        this.openWired = openWired;
    }

    /**
     * The board flashed with {@code image}, verified and open; when flashing fails, the board
     * opened for it is closed again.
     *
     * @throws org.benchrig.flash.InvalidImage when the board's flasher refuses the image
     * @throws org.benchrig.flash.FlashFailed  when programming failed
     */
    Done flash(BoardConfig bc, FirmwareImage image, Consumer<String> progress) {
        boolean kept = false;
        Board board = null;
        try (FlashLines lines = instruments.flashLines()) {
            FlashReport report;
            if (bc.kind() == BoardKind.EMULATED) {
                Emulator emulator = Emulator.start(bc.id(), bc.firmware(), runtimeDir, flashDir, Deadline.in(VERIFY_WAIT));
                board = Boards.emulated(bc, emulator);
                board.setState(BoardState.FLASHING, "flashing " + image.path().getFileName());
                report = Flashers.forBoard(bc, emulator, null, progress).flash(image, Deadline.in(FLASH_WAIT));
                board.connect(Deadline.in(VERIFY_WAIT));
            } else {
                report = Flashers.forBoard(bc, null, lines::output, progress).flash(image, Deadline.in(FLASH_WAIT));
                board = openWired.apply(bc);
            }
            FlashVerifier.Verification v = FlashVerifier.verify(board, image, Deadline.in(VERIFY_WAIT));
            board.setState(BoardState.READY, v.passed() ? "" : "flashed image not verified: " + String.join("; ", v.problems()));
            kept = true;
            return new Done(board, new Rig.Flashed(report, v));
        } finally {
            if (!kept && board != null) {
                try {
                    board.close();
                } catch (RuntimeException ignored) {
                    // the flash failure is what matters
                }
            }
        }
    }
}
