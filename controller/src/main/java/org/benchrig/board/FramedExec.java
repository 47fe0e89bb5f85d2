package org.benchrig.board;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.benchrig.time.Deadline;

/**
 * Runs a person's code ({@code benchrig exec}) so that what comes back is known to be what the board
 * printed. The board-side helper {@code _bx.py} (on the flash, verified) runs the code with
 * {@code __name__ == '__main__'} and its {@code print} collected into checked records (see
 * {@link OutputRecords}). A short source travels inside the call, checked on the board (Adler-32 of
 * nonce and source) before it runs; a longer one is put on the flash by verified upload and imported
 * after a soft reset (importing from flash does not hold the source in RAM). Either way the program
 * sees the same globals and prints the same.
 *
 * <p>A call the board verifiably did not run (it refused the checksum, or the call itself did not
 * compile) is sent again. Output that arrives damaged after the code ran is run again only when the
 * caller allows re-runs (the code may have side effects); otherwise it is reported as damaged.
 */
public final class FramedExec {
    static final String HELPER_NAME = "_bx.py";
    static final String STAGED_NAME = "_brx.py";
    /** Makes an imported script behave as a script run as a program. */
    static final String STAGED_HEADER = "from _bx import P as print;__name__='__main__'\n";
    /** Longest source sent inside the call: a raw-REPL exec holds it twice in RAM (literal and compile). */
    static final int DIRECT_MAX_BYTES = 256;
    /** Sends of a call the board did not run (damaged on the way in) before the link is called unusable. */
    static final int RESENDS = 5;

    private static final byte[] HELPER = resource(HELPER_NAME);
    private static final Set<String> CALL_ERRORS = Set.of("SyntaxError", "IndentationError", "NameError",
            "ImportError", "AttributeError", "TypeError", "MemoryError");
    private static final Pattern FILE_LINE = Pattern.compile("^(\\s*)File \"([^\"]*)\", line (\\d{1,6})(.*)$");

    /** What a framed exec gave: the result (only when verified), how it went, and what was ignored. */
    public record Checked(Optional<ExecResult> result, int resends, int reruns, int ignoredBytes, String problem) {
        public boolean verified() {
            return result.isPresent();
        }
    }

    private final Board board;
    private final RandomGenerator random;
    private boolean helperChecked;

    public FramedExec(Board board, RandomGenerator random) {
        this.board = board;
        this.random = random;
    }

    /**
     * Runs {@code source}; {@code label} names it in tracebacks ({@code <stdin>} or the file name);
     * up to {@code reruns} re-runs when output arrived damaged after the code ran.
     */
    public Checked run(String source, String label, int reruns, Deadline deadline) {
        byte[] bytes = source.getBytes(StandardCharsets.UTF_8);
        boolean staged = bytes.length > DIRECT_MAX_BYTES;
        if (staged) {
            board.upload(STAGED_NAME, (STAGED_HEADER + source).getBytes(StandardCharsets.UTF_8), deadline);
        }
        try {
            int resends = 0;
            int reran = 0;
            boolean freshHeapTried = false;
            String problem = "";
            while (true) {
                if (!helperChecked) {
                    board.ensureFile(HELPER_NAME, HELPER, deadline);
                    board.softReset(deadline); // the upload helpers' heap back: every run starts alike
                    helperChecked = true;
                }
                String nonce = String.format("%08x", random.nextInt());
                String call;
                if (staged) {
                    board.softReset(deadline); // a fresh heap, and 1.9.2 would not import the module a second time
                    call = "import _bx\n_bx.imp('" + nonce + "'," + adler(nonce) + ")";
                } else {
                    call = "import _bx\n_bx.run(" + PyLiteral.str(source) + "," + adler(nonce + source) + ",'" + nonce + "')";
                }
                ExecResult r = board.exec(call, deadline);
                OutputRecords rec = OutputRecords.parse(r.stdout(), nonce);
                if (!rec.intact() && notRun(r) && r.error().get().message().contains(HELPER_NAME.replace(".py", ""))) {
                    helperChecked = false; // "no module named '_bx'": the flash lost it (a new image): put it back
                }
                if (!freshHeapTried && (parserOutOfMemory(rec) || (!rec.intact() && notRun(r)
                        && r.error().get().isMemoryError()))) {
                    // nothing of the program ran: leftovers of earlier work fill the heap; a fresh one, once
                    freshHeapTried = true;
                    board.softReset(deadline);
                    continue;
                }
                if (rec.refused() || (!rec.intact() && notRun(r))) {
                    problem = rec.refused() ? "the board found the call damaged" : "the call arrived damaged ("
                            + r.error().map(BoardError::type).orElse("?") + ")";
                    if (++resends >= RESENDS) {
                        return new Checked(Optional.empty(), resends, reran, rec.ignoredBytes(),
                                problem + " " + resends + " times in a row");
                    }
                    continue;
                }
                if (rec.intact()) {
                    return new Checked(Optional.of(result(rec, r, label, staged)), resends, reran, rec.ignoredBytes(),
                            "");
                }
                problem = "the output arrived damaged (" + rec.damaged() + " damaged record(s)"
                        + (rec.end().isEmpty() ? ", no intact end record" : ", records missing") + ")";
                if (reran >= reruns) {
                    return new Checked(Optional.empty(), resends, reran, rec.ignoredBytes(), problem);
                }
                reran++;
            }
        } finally {
            if (staged) {
                board.execOwn("import os\ntry:\n os.remove('" + STAGED_NAME + "')\nexcept OSError:\n pass", deadline);
            }
        }
    }

    /** The program could not even be parsed for want of heap: it did not run, so it may be sent again. */
    private static boolean parserOutOfMemory(OutputRecords rec) {
        return rec.intact() && rec.end().map(e -> e.records() == 0
                && e.exception().startsWith("MemoryError: parser could not")).orElse(false);
    }

    /** The verified output, and the exception (as the checked end record names it) with the board's traceback. */
    private static ExecResult result(OutputRecords rec, ExecResult r, String label, boolean staged) {
        OutputRecords.End end = rec.end().orElseThrow();
        Optional<BoardError> error = Optional.empty();
        if (end.status().equals("raised")) {
            String x = end.exception();
            int colon = x.indexOf(':');
            String type = colon < 0 ? x : x.substring(0, colon).strip();
            String message = colon < 0 ? "" : x.substring(colon + 1).strip();
            List<String> tb = r.error().filter(e -> e.type().equals(type))
                    .map(e -> traceback(e.traceback(), label, staged)).orElse(List.of());
            error = Optional.of(new BoardError(type, message, tb));
        }
        return new ExecResult(rec.text().orElseThrow(), error, r.elapsed());
    }

    /** The traceback of the person's code only, its frames named {@code label} with the lines of their source. */
    static List<String> traceback(List<String> lines, String label, boolean staged) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            Matcher m = FILE_LINE.matcher(l);
            if (!m.matches()) {
                out.add(l);
                continue;
            }
            String file = m.group(2);
            if (file.equals("<string>") || file.equals(STAGED_NAME)) {
                int line = Integer.parseInt(m.group(3)) - (file.equals(STAGED_NAME) ? 1 : 0);
                out.add(m.group(1) + "File \"" + label + "\", line " + line + m.group(4));
            } else if (!file.equals("<stdin>") && !file.equals(HELPER_NAME)) {
                out.add(l);
            }
        }
        return out;
    }

    /**
     * The call failed before the person's code could start: it did not compile, or it named
     * nothing right (a dropped byte in {@code _bx}), with no record at all on the line and every
     * traceback frame in the call itself.
     */
    private static boolean notRun(ExecResult r) {
        if (r.error().isEmpty() || r.stdout().contains("BX|") || r.stdout().contains("|c=")) {
            return false;
        }
        BoardError e = r.error().get();
        return CALL_ERRORS.contains(e.type())
                && e.traceback().stream().filter(l -> l.strip().startsWith("File"))
                        .allMatch(l -> l.strip().startsWith("File \"<stdin>\""));
    }

    private static long adler(String s) {
        return VerifiedUpload.adler32(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] resource(String name) {
        try (InputStream in = FramedExec.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the controller jar lacks its board helper " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
