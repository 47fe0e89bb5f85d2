package org.benchrig.board;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.benchrig.result.FailureClass;
import org.benchrig.config.Pacing;
import org.benchrig.time.Deadline;

/**
 * MicroPython's raw REPL as the firmware implements it (see docs/protocol.md): Ctrl-A enters it,
 * source then Ctrl-D runs it, the board answers {@code OK}, stdout, 0x04, the exception, 0x04, '>'.
 * Sources go out with raw-paste flow control when the board has it, otherwise in paced chunks.
 */
public final class RawRepl implements Repl {
    static final byte CTRL_A = 0x01;
    static final byte CTRL_B = 0x02;
    static final byte CTRL_C = 0x03;
    static final byte CTRL_D = 0x04;
    static final byte CTRL_E = 0x05;
    static final byte[] RAW_BANNER = ascii("raw REPL; CTRL-B to exit\r\n>");
    /** The banner's end, for when its first bytes were already read as a raw-paste answer. */
    static final byte[] RAW_BANNER_TAIL = ascii("CTRL-B to exit\r\n>");
    static final byte[] EOT = {CTRL_D};
    static final byte[] PROMPT = ascii(">");
    static final byte[] OK = ascii("OK");

    /** How long a board may take to answer a control byte (OK, banner) before it counts as silent; a loaded 2-core host needs seconds. */
    static final Duration ANSWER_WAIT = Duration.ofSeconds(5);
    /** Sends of one source before the link is called broken: a byte (even the final Ctrl-D) can be dropped under load. */
    static final int TRANSFER_ATTEMPTS = 3;
    /** After Ctrl-C, time a runaway program gets to unwind to the prompt before the board is called hung. */
    static final Duration INTERRUPT_GRACE = Duration.ofSeconds(2);
    /** Sources this long exhaust a 10 KB heap while still being received and hang it (FACTS.md: about 10 KB): "does not fit". */
    static final int LARGE_SOURCE_BYTES = 8192;

    private final Link link;
    private final Pacing pacing;
    private final boolean allowRawPaste;
    private Boolean rawPaste; // null until probed on the first exec

    public RawRepl(Link link, Pacing pacing, boolean allowRawPaste) {
        this.link = link;
        this.pacing = pacing;
        this.allowRawPaste = allowRawPaste;
        this.rawPaste = allowRawPaste ? null : Boolean.FALSE;
    }

    public Link link() {
        return link;
    }

    @Override
    public boolean rawPasteSupported() {
        return Boolean.TRUE.equals(rawPaste);
    }

    @Override
    public void enterRaw(Deadline deadline) {
        // Ctrl-C stops a running program; Ctrl-B leaves raw REPL if the board was left there (Ctrl-C
        // alone never brings back the prompt then); Ctrl-A enters raw REPL afresh.
        link.write(new byte[] {'\r', CTRL_C, CTRL_C});
        link.write(new byte[] {CTRL_B});
        link.write(new byte[] {CTRL_A});
        for (int attempt = 1; ; attempt++) {
            try {
                link.readUntil(RAW_BANNER, deadline.atMost(attempt == 1 ? ANSWER_WAIT.plus(INTERRUPT_GRACE) : ANSWER_WAIT));
                return;
            } catch (LinkTimeout t) {
                // bytes came but no whole banner: the board is alive and the line damaged it; ask again
                if (t.received().length == 0 || attempt >= TRANSFER_ATTEMPTS || deadline.expired()) {
                    if (t.received().length > 0) {
                        throw new DamagedLink("board on " + link.name() + " answers Ctrl-A, but its raw REPL banner "
                                + "arrived damaged " + attempt + " times", Transcript.printable(t.received(), 400), true);
                    }
                    throw new ReplFailure(FailureClass.INFRASTRUCTURE, true,
                            "board on " + link.name() + " does not answer Ctrl-C/Ctrl-A (hung)",
                            Transcript.printable(t.received(), 400));
                }
                link.write(new byte[] {CTRL_C, CTRL_B, CTRL_A});
            }
        }
    }

    @Override
    public void softReset(Deadline deadline) {
        for (int attempt = 1; ; attempt++) {
            link.write(EOT);
            try {
                link.readUntil(ascii("soft reboot"), deadline.atMost(ANSWER_WAIT));
                link.readUntil(RAW_BANNER, deadline.atMost(ANSWER_WAIT));
                return;
            } catch (LinkTimeout t) {
                if (attempt >= TRANSFER_ATTEMPTS || !resync(deadline)) {
                    if (t.received().length > 0 && attempt >= TRANSFER_ATTEMPTS) {
                        throw new DamagedLink("the soft reboot answer from " + link.name() + " arrived damaged "
                                + attempt + " times", Transcript.printable(t.received(), 400));
                    }
                    throw new ReplFailure(FailureClass.INFRASTRUCTURE, true,
                            "no soft reboot from " + link.name(), Transcript.printable(t.received(), 400));
                }
            }
        }
    }

    @Override
    public ExecResult exec(String source, Deadline deadline) {
        return exec(source, new GentlerResends(pacing), deadline);
    }

    /**
     * As {@link #exec(String, Deadline)}, paced as {@code sends} says now; a re-transfer (the board
     * did not confirm the source) goes out gentler, and {@code sends} keeps what was tried.
     */
    public ExecResult exec(String source, GentlerResends sends, Deadline deadline) {
        byte[] src = source.getBytes(StandardCharsets.UTF_8);
        long started = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            try {
                send(src, sends, deadline);
                break;
            } catch (LinkTimeout t) {
                boolean large = src.length >= LARGE_SOURCE_BYTES;
                // A lost Ctrl-D leaves a live board waiting for more source: clear it and send again, gentler.
                if (!large && attempt < TRANSFER_ATTEMPTS && resync(deadline)) {
                    sends.gentler();
                    continue;
                }
                throw new ReplFailure(large ? FailureClass.DOES_NOT_FIT : FailureClass.INFRASTRUCTURE, true,
                        large ? "a source of " + src.length + " bytes exhausted the board's heap while being received"
                              : "board on " + link.name() + " did not accept the source (" + attempt + " sends, "
                                + sends.tried() + ")",
                        Transcript.printable(t.received(), 400));
            }
        }
        byte[] out;
        try {
            out = link.readUntil(EOT, deadline);
        } catch (LinkTimeout t) {
            throw interruptRunaway(t.received(), deadline);
        }
        byte[] err;
        try {
            err = link.readUntil(EOT, deadline.atMost(ANSWER_WAIT));
            link.readUntil(PROMPT, deadline.atMost(ANSWER_WAIT));
        } catch (LinkTimeout t) {
            throw new ReplFailure(FailureClass.INFRASTRUCTURE, true,
                    "board on " + link.name() + " stopped answering after the program's output",
                    Transcript.printable(concat(out, t.received()), 400));
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        String stdout = text(out, 1);
        String errText = text(err, 1);
        Optional<BoardError> error = errText.isBlank() ? Optional.empty() : Optional.of(BoardError.parse(errText));
        return new ExecResult(stdout, error, elapsed);
    }

    /** Sends a source and its end; returns once the board confirmed it (OK, or raw-paste's 0x04). */
    private void send(byte[] src, GentlerResends sends, Deadline deadline) {
        if (!Boolean.FALSE.equals(rawPaste) && requestRawPaste(deadline)) {
            rawPaste = true;
            sends.sentByRawPaste();
            sendRawPaste(src, deadline);
        } else {
            rawPaste = false;
            sendPaced(src, sends.now());
            link.write(EOT);
            link.readUntil(OK, deadline.atMost(ANSWER_WAIT));
        }
    }

    /**
     * After a missing answer: Ctrl-C clears a half-received raw line without running it, then the
     * raw REPL is entered afresh. True when the board answered, i.e. it is alive and nothing ran.
     */
    private boolean resync(Deadline deadline) {
        try {
            enterRaw(deadline);
            return true;
        } catch (ReplFailure hung) {
            return false;
        }
    }

    /** The program ran past its deadline: Ctrl-C, and if it does not unwind, the board is hung. */
    private ReplFailure interruptRunaway(byte[] partial, Deadline deadline) {
        link.write(new byte[] {CTRL_C, CTRL_C});
        Deadline grace = Deadline.in(INTERRUPT_GRACE);
        String budget = deadline.budget().toMillis() + " ms";
        try {
            byte[] rest = link.readUntil(EOT, grace);
            link.readUntil(EOT, grace);
            link.readUntil(PROMPT, grace);
            return new ReplFailure(FailureClass.TIMEOUT, false, "ran past its " + budget + " deadline; interrupted",
                    Transcript.printable(concat(partial, rest), 400));
        } catch (LinkTimeout t) {
            return new ReplFailure(FailureClass.TIMEOUT, true,
                    "ran past its " + budget + " deadline and ignores Ctrl-C (board hung)",
                    Transcript.printable(concat(partial, t.received()), 400));
        }
    }

    /**
     * Asks for raw-paste (0x05 'A' 0x01). "R\x01" = granted, "R\x00" = understood but not
     * supported, and an old board (MicroPython before 1.14) answers with its raw banner again.
     * Either refusal leaves the board waiting for a source in plain raw mode.
     */
    private boolean requestRawPaste(Deadline deadline) {
        link.write(new byte[] {CTRL_E, 'A', CTRL_A});
        byte[] answer = link.readExactly(2, deadline.atMost(ANSWER_WAIT));
        if (answer[0] == 'R' && answer[1] == 1) {
            return true;
        }
        if (answer[0] != 'R') {
            link.readUntil(RAW_BANNER_TAIL, deadline.atMost(ANSWER_WAIT)); // the rest of the banner
        }
        return false;
    }

    /** Raw-paste flow control: the board grants windows of bytes with 0x01; 0x04 means it aborted. */
    private void sendRawPaste(byte[] src, Deadline deadline) {
        byte[] w = link.readExactly(2, deadline.atMost(ANSWER_WAIT));
        int window = (w[0] & 0xff) | ((w[1] & 0xff) << 8);
        int remaining = window;
        link.readExactly(1, deadline.atMost(ANSWER_WAIT));
        int off = 0;
        while (off < src.length) {
            while (remaining == 0 || link.hasInput(0)) {
                byte b = link.readExactly(1, deadline.atMost(ANSWER_WAIT))[0];
                if (b == CTRL_A) {
                    remaining += window;
                } else if (b == CTRL_D) {
                    link.write(EOT);
                    throw new ReplFailure(FailureClass.INFRASTRUCTURE, false,
                            "board aborted the raw-paste transfer", "");
                }
            }
            int n = Math.min(remaining, src.length - off);
            byte[] part = new byte[n];
            System.arraycopy(src, off, part, 0, n);
            link.write(part);
            off += n;
            remaining -= n;
        }
        link.write(EOT);
        link.readUntil(EOT, deadline.atMost(ANSWER_WAIT)); // the board confirms the end of the source
    }

    /** Paced chunks: a 64-byte receive buffer drops what overflows, silently (FACTS.md). */
    private void sendPaced(byte[] src, Pacing pace) {
        for (int off = 0; off < src.length; off += pace.chunkBytes()) {
            int n = Math.min(pace.chunkBytes(), src.length - off);
            byte[] part = new byte[n];
            System.arraycopy(src, off, part, 0, n);
            link.write(part);
            if (off + n < src.length && pace.gapMs() > 0) {
                pause(pace.gapMs());
            }
        }
    }

    private static void pause(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LinkLost("interrupted while sending", e);
        }
    }

    /** Decodes board bytes (invalid UTF-8 becomes U+FFFD), dropping the last {@code drop} frame bytes. */
    private static String text(byte[] bytes, int drop) {
        return new String(bytes, 0, Math.max(0, bytes.length - drop), StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
