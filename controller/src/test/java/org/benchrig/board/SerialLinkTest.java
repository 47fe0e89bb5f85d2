package org.benchrig.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import org.benchrig.time.Deadline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.benchrig.testing.NeedsEmulator;

/** The serial link itself, on the emulated micro:bit's pty: every wait must end. */
@NeedsEmulator
class SerialLinkTest {
    @TempDir
    static Path runtime;
    static Board board;

    @BeforeAll
    static void start() {
        board = EmulatedBoards.start("sl", runtime);
    }

    @AfterAll
    static void stop() {
        if (board != null) {
            board.close();
        }
    }

    /**
     * RawRepl's raw-paste loop polls with hasInput(0). jSerialComm's semi-blocking mode reads a
     * timeout of 0 as "block until a byte arrives", so on a quiet line this never returns: with a
     * raw-paste board (MicroPython 1.14+), which stays quiet until it gets data, the host hangs.
     */
    @Test
    void hasInputWithZeroTimeoutReturnsOnAQuietLine() {
        Link link = board.link().orElseThrow();
        link.drain(Duration.ofMillis(200), Deadline.in(Duration.ofSeconds(2)));
        try {
            boolean got = assertTimeoutPreemptively(Duration.ofSeconds(3), () -> link.hasInput(0));
            assertThat(got).isFalse();
        } finally {
            // a read stuck in the port returns once bytes come: make the board send its banner,
            // then leave the board in raw REPL for the next test (enterRaw waits for its own banner)
            link.write(new byte[] {RawRepl.CTRL_A});
            board.repl().enterRaw(Deadline.in(Duration.ofSeconds(10)));
        }
    }

    @Test
    void hasInputWithAShortTimeoutReturnsOnAQuietLine() {
        Link link = board.link().orElseThrow();
        link.drain(Duration.ofMillis(200), Deadline.in(Duration.ofSeconds(2)));
        long t0 = System.nanoTime();
        boolean got = assertTimeoutPreemptively(Duration.ofSeconds(3), () -> link.hasInput(50));
        assertThat(got).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
    }
}
