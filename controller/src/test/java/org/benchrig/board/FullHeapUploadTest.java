package org.benchrig.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.benchrig.time.Deadline;
import org.junit.jupiter.api.Test;

/**
 * A board whose heap is full (leftovers of a source whose end was lost) answers every definition of
 * the upload helpers with MemoryError: that is no damage on the line, and re-sending cannot help; a
 * soft reset frees the heap. Seen in ExecUnderFaultsTest: "the upload helpers arrived damaged 8
 * times in a row (MemoryError)" with the faults switched off, and the board out of service after.
 */
class FullHeapUploadTest {
    static final byte[] CONTENT = "print('hello')\n".getBytes(StandardCharsets.UTF_8);

    /** A raw REPL whose heap is full until a soft reset (or for good), and which holds CONTENT as m.py. */
    static final class FullHeapRepl implements Repl {
        final boolean freedByReset;
        boolean full = true;
        int resets;
        final List<String> sent = new ArrayList<>();

        FullHeapRepl(boolean freedByReset) {
            this.freedByReset = freedByReset;
        }

        @Override
        public void enterRaw(Deadline deadline) {
        }

        @Override
        public ExecResult exec(String source, Deadline deadline) {
            sent.add(source);
            if (full) {
                return new ExecResult("", Optional.of(new BoardError("MemoryError", "memory allocation failed", List.of())),
                        Duration.ZERO);
            }
            String out = source.startsWith("_ck(") ? "@C|" + CONTENT.length + "|" + VerifiedUpload.adler32(CONTENT) + "|\n" : "";
            return new ExecResult(out, Optional.empty(), Duration.ZERO);
        }

        @Override
        public void softReset(Deadline deadline) {
            resets++;
            full = !freedByReset;
        }

        @Override
        public boolean rawPasteSupported() {
            return false;
        }
    }

    @Test
    void aFullHeapIsFreedByOneSoftResetAndTheHelpersAreDefinedAgain() {
        FullHeapRepl repl = new FullHeapRepl(true);
        VerifiedUpload.Report r = new VerifiedUpload(repl).ensure("m.py", CONTENT, Deadline.in(Duration.ofSeconds(10)));
        assertThat(repl.resets).isEqualTo(1);
        assertThat(r.sent()).as("the board holds the content already").isFalse();
        // one refused definition, then every helper once after the reset, then the check
        assertThat(repl.sent.stream().filter(s -> s.startsWith("def _ad")).count()).isEqualTo(2);
        assertThat(repl.sent.stream().filter(s -> s.startsWith("def _ck")).count()).isEqualTo(1);
    }

    @Test
    void aHeapThatStaysFullIsSaidAsSuchNotAsDamageAndNotSentEightTimes() {
        FullHeapRepl repl = new FullHeapRepl(false);
        assertThatThrownBy(() -> new VerifiedUpload(repl).ensure("m.py", CONTENT, Deadline.in(Duration.ofSeconds(10))))
                .isInstanceOf(DamagedLink.class)
                .hasMessageContaining("no heap left for the upload helpers (MemoryError), even after a soft reset");
        assertThat(repl.resets).isEqualTo(1);
        assertThat(repl.sent).hasSize(2);
    }
}
