package org.benchrig.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.benchrig.board.Board;
import org.benchrig.board.BoardRaised;
import org.benchrig.board.LinkLost;
import org.benchrig.board.ReplFailure;
import org.benchrig.config.BoardConfig;
import org.benchrig.time.Deadline;

/**
 * What a board holds before a benchmark runs: a fresh heap, the harness and the benchmark module on
 * its flash (verified, not re-sent when unchanged; the previous benchmark's module removed) and
 * the marker hook, which every reset forgets.
 */
final class BoardSetup {
    /** Soft reset, uploads and probes are small; a minute covers a slow upload on a loaded host. */
    static final Duration SETUP_WAIT = Duration.ofSeconds(60);
    static final String HARNESS_NAME = "bh.py";

    private final Board board;
    private final BoardConfig config;
    private final Path harness;
    private final Consumer<String> warnings;
    private String lastModule;

    BoardSetup(Board board, BoardConfig config, Path harness, Consumer<String> warnings) {
        this.board = board;
        this.config = config;
        this.harness = harness;
        this.warnings = warnings;
    }

    /** Fresh heap, the harness and the benchmark module on the flash (verified), the marker hook. */
    void setUp(Benchmark b) {
        Deadline setup = Deadline.in(SETUP_WAIT);
        board.softReset(setup);
        board.ensureFile(HARNESS_NAME, read(harness), setup);
        String module = b.name() + ".py";
        if (lastModule != null && !lastModule.equals(module)) {
            // the flash holds ~15 KB: keep only the harness and the benchmark at hand
            board.execOwn("import os\ntry:\n os.remove('" + lastModule + "')\nexcept OSError:\n pass", setup);
        }
        board.ensureFile(module, read(b.file()), setup);
        lastModule = module;
        board.softReset(setup); // the upload helpers used heap; start the benchmark on a fresh one
        if (config.markerPin() != null) {
            board.execOwn(markerHook(config), setup).stdoutOrThrow();
        }
    }

    /** A reset forgets the marker hook; a reopened port needs nothing more. */
    void restoreAfterRecovery() {
        if (config.markerPin() != null) {
            try {
                board.execOwn(markerHook(config), Deadline.in(SETUP_WAIT)).stdoutOrThrow();
            } catch (ReplFailure | LinkLost | BoardRaised e) {
                warnings.accept("marker hook not restored on " + config.id() + ": " + e.getMessage());
            }
        }
    }

    /**
     * The tiny exec that makes the harness raise the board's marker pin around each repetition
     * (bh.K, called with 1 right before and 0 right after the timed call). A bound method, so the
     * calls allocate nothing on a 10 KB heap. Soft resets forget it: sent after each one.
     */
    static String markerHook(BoardConfig c) {
        int pin = c.markerPin();
        if ("microbit".equals(c.model())) {
            return "import bh,microbit\nbh.K=microbit.pin" + pin + ".write_digital\nbh.K(0)";
        }
        return "import bh,machine\nbh.K=machine.Pin(" + pin + ",machine.Pin.OUT).value\nbh.K(0)";
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }
}
