package org.benchrig.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.benchrig.config.Pacing;
import org.benchrig.time.Deadline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regenerates the real transcripts under src/test/resources/transcripts/ from the emulated
 * micro:bit. A tool, not a check: runs only with
 * {@code -Dbenchrig.capture=controller/src/test/resources/transcripts}.
 */
@EnabledIfSystemProperty(named = "benchrig.capture", matches = ".+") // a tool, not a test: surefire skips the name; run with -Dtest=TranscriptCapture
class TranscriptCapture {
    @TempDir
    Path runtime;

    static final String EXEC_SOURCE = "for i in range(3):\n print('line', i*i)";
    static final String RAISE_SOURCE = "def f(x):\n raise ValueError('bad value %d' % x)\nprint('before')\nf(7)";

    @Test
    void capture() throws IOException {
        Path dir = Path.of(System.getProperty("benchrig.capture"));
        try (Board board = EmulatedBoards.start("cap", runtime)) {
            capture(board, dir, "microbit-exec", r -> r.exec(EXEC_SOURCE, Deadline.in(Duration.ofSeconds(10))));
            capture(board, dir, "microbit-exception", r -> r.exec(RAISE_SOURCE, Deadline.in(Duration.ofSeconds(10))));
        }
    }

    private void capture(Board board, Path dir, String name, Consumer<RawRepl> what) throws IOException {
        RecordingLink rec = new RecordingLink(board.link().orElseThrow());
        RawRepl repl = new RawRepl(rec, Pacing.SAFE_DEFAULT, true);
        repl.enterRaw(Deadline.in(Duration.ofSeconds(10)));
        what.accept(repl);
        String text = "# captured from the emulated micro:bit (MicroPython 1.9.2) by TranscriptCaptureTest:\n"
                + "# enterRaw, then one exec with raw-paste allowed (the old board answers with its banner)\n"
                + rec.transcript();
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name + ".txt"), text, StandardCharsets.UTF_8);
        assertThat(text).contains("\\x04>");
    }
}
