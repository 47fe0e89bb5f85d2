package org.benchrig.selfbench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
import org.benchrig.board.Link;
import org.benchrig.board.PyLiteral;
import org.benchrig.board.LinkTimeout;
import org.benchrig.time.Deadline;

/**
 * "The stock way": how MicroPython's own host tools (pyboard.py, mpremote) send a raw-REPL exec,
 * reproduced over the same {@link Link} for comparison. The source goes out in 256-byte chunks,
 * each followed by a 10 ms pause, then Ctrl-D; nothing is verified. The board must already be in
 * raw REPL at its '>' prompt ({@link org.benchrig.board.Board} leaves it there).
 *
 * <p>Unlike those tools, every wait has an overall deadline (they use an inter-character timeout
 * that never fires on a pty), so a board that stops answering gives {@link Result#answered()}
 * false instead of hanging the benchmark; the caller then has to bring the board back.
 */
public final class StockTransfer {
    /** pyboard.py's {@code exec_raw_no_follow}: {@code command_bytes[i:i+256]} then {@code time.sleep(0.01)}. */
    public static final int CHUNK_BYTES = 256;
    public static final int PAUSE_MS = 10;
    /** How long the board may take to answer OK after Ctrl-D (it answers before compiling). */
    static final Duration ANSWER_WAIT = Duration.ofSeconds(2);

    private static final byte[] OK = "OK".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EOT = {0x04};
    private static final byte[] PROMPT = {'>'};

    /**
     * What one stock exec got back. {@code answered} is false when a deadline passed before the
     * board's '>' prompt came back; {@code stage} then says what was awaited.
     */
    public record Result(boolean answered, String stdout, String errorText, String stage, Duration elapsed) {
        public boolean raised() {
            return answered && !errorText.isBlank();
        }
    }

    private final Supplier<Link> link;

    /** @param link the board's current link (it changes when the board is power-cycled) */
    public StockTransfer(Supplier<Link> link) {
        this.link = link;
    }

    /** Sends {@code source} the stock way and reads the raw REPL's answer within {@code deadline}. */
    public Result exec(String source, Deadline deadline) {
        Link l = link.get();
        byte[] src = source.getBytes(StandardCharsets.UTF_8);
        long start = System.nanoTime();
        for (int off = 0; off < src.length; off += CHUNK_BYTES) {
            int n = Math.min(CHUNK_BYTES, src.length - off);
            byte[] part = new byte[n];
            System.arraycopy(src, off, part, 0, n);
            l.write(part);
            sleep(PAUSE_MS); // after every chunk, the last one too, as pyboard.py does
        }
        l.write(EOT);
        String stage = "OK";
        try {
            l.readUntil(OK, deadline.atMost(ANSWER_WAIT));
            stage = "end of output (0x04)";
            byte[] out = l.readUntil(EOT, deadline);
            stage = "end of exception text (0x04)";
            byte[] err = l.readUntil(EOT, deadline.atMost(ANSWER_WAIT));
            stage = "prompt '>'";
            l.readUntil(PROMPT, deadline.atMost(ANSWER_WAIT));
            return new Result(true, text(out), text(err), "", Duration.ofNanos(System.nanoTime() - start));
        } catch (LinkTimeout t) {
            return new Result(false, "", "", stage, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** Board bytes as text without the trailing 0x04; CRLF as LF. */
    private static String text(byte[] framed) {
        return new String(framed, 0, Math.max(0, framed.length - 1), StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    private static void sleep(int ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending", e);
        }
    }

    /** A Python bytes literal as {@code repr()} writes it, which is what mpremote/pyboard.py send. */
    public static String pyRepr(byte[] data) {
        return PyLiteral.bytes(data);
    }
}
