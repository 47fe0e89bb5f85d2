package org.benchrig.board;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.benchrig.time.Deadline;

/**
 * Puts a file on a board's flash filesystem so that no dropped byte goes unnoticed: the content
 * goes in small writes, each carrying its Adler-32; the board writes a piece only when its own
 * checksum agrees and says so, and at the end the board re-reads the whole file and reports its
 * length and checksum. A piece or a file that does not match is sent again.
 */
public final class VerifiedUpload {
    /** Content bytes per exec: the source holding them must stay far below what a 10 KB heap compiles. */
    public static final int PIECE_BYTES = 128;
    /** Attempts per piece and per whole file before the link is declared unusable. */
    static final int ATTEMPTS = 4;
    /** Each helper exec is tiny; this bounds one on a slow board. */
    private static final Duration STEP_WAIT = Duration.ofSeconds(10);

    // Adler-32 in MicroPython 1.9.2 (no hashlib, no zlib); b*65536+a may be a big int, which works there.
    // One definition per exec: a short exec gets through a lossy line far more often than a long one.
    private static final List<String> HELPERS = List.of(String.join("\n",
            "def _ad(d,a,b):",
            " for x in d:",
            "  a=(a+x)%65521;b=(b+a)%65521",
            " return a,b"), String.join("\n",
            "def _bw(d,c):",
            " a,b=_ad(d,1,0)",
            " if b*65536+a!=c:print('E');return",
            " _f.write(d);print('K')"), String.join("\n",
            "def _ck(n):",
            " a=1;b=0;s=0",
            " try:f=open(n,'rb')",
            " except OSError:print('@C|-1|0|');return",
            " while 1:",
            "  d=f.read(64)",
            "  if not d:break",
            "  s+=len(d);a,b=_ad(d,a,b)",
            " f.close();print('@C|%d|%d|'%(s,b*65536+a))"));
    /** Sends of one helper definition: a definition is short, but a lossy line may damage several in a row. */
    static final int HELPER_ATTEMPTS = 8;

    /** What an upload did: bytes sent, pieces resent, whole-file retries and time. */
    public record Report(String name, int bytes, int pieceRetries, int fileRetries, Duration elapsed, boolean sent) {
    }

    private final Repl repl;

    public VerifiedUpload(Repl repl) {
        this.repl = repl;
    }

    /** Uploads unless the board already holds exactly this content (same length and checksum). */
    public Report ensure(String name, byte[] content, Deadline deadline) {
        long start = System.nanoTime();
        defineHelpers(deadline);
        if (boardChecksum(name, deadline).equals(Optional.of(new Check(content.length, adler32(content))))) {
            return new Report(name, content.length, 0, 0, Duration.ofNanos(System.nanoTime() - start), false);
        }
        return upload(name, content, deadline);
    }

    /** Uploads {@code content} as {@code name}, verified piece by piece and as a whole. */
    public Report upload(String name, byte[] content, Deadline deadline) {
        checkName(name);
        long start = System.nanoTime();
        int pieceRetries = 0;
        Check expected = new Check(content.length, adler32(content));
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            defineHelpers(deadline);
            if (!repl.exec("_f=open('" + name + "','wb')", step(deadline)).ok()) {
                continue; // a lost byte gave a SyntaxError or NameError: redo the whole file
            }
            boolean piecesOk = true;
            for (int off = 0; off < content.length && piecesOk; off += PIECE_BYTES) {
                int n = Math.min(PIECE_BYTES, content.length - off);
                byte[] piece = new byte[n];
                System.arraycopy(content, off, piece, 0, n);
                int resent = writePiece(piece, deadline);
                piecesOk = resent >= 0;
                pieceRetries += Math.max(0, resent);
            }
            if (!piecesOk) {
                continue; // the helpers themselves may be damaged: define them again and redo the file
            }
            if (repl.exec("_f.close()", step(deadline)).ok()
                    && boardChecksum(name, deadline).equals(Optional.of(expected))) {
                return new Report(name, content.length, pieceRetries, attempt,
                        Duration.ofNanos(System.nanoTime() - start), true);
            }
        }
        throw new DamagedLink("upload of " + name + " failed its whole-file verification " + ATTEMPTS + " times", "");
    }

    /** Sends one piece until the board confirms it; returns how many resends it took, or -1 if it never got through. */
    private int writePiece(byte[] piece, Deadline deadline) {
        String call = "_bw(" + pyBytes(piece) + "," + adler32(piece) + ")";
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            ExecResult r = repl.exec(call, step(deadline));
            // a dropped byte shows as 'E' (checksum), a SyntaxError or a NameError: all mean resend
            if (r.ok() && r.stdout().strip().equals("K")) {
                return attempt;
            }
        }
        return -1;
    }

    private record Check(long length, long adler) {
    }

    private static final java.util.regex.Pattern CHECK_LINE = java.util.regex.Pattern.compile("@C\\|(-1|\\d{1,9})\\|(\\d{1,12})\\|");

    private Optional<Check> boardChecksum(String name, Deadline deadline) {
        checkName(name);
        ExecResult r = repl.exec("_ck('" + name + "')", step(deadline));
        if (!r.ok()) {
            return Optional.empty(); // the call or the helpers lost a byte: treat it as a mismatch
        }
        java.util.regex.Matcher m = CHECK_LINE.matcher(r.stdout());
        if (!m.find()) {
            return Optional.empty(); // no answer, or one damaged on the way back: a mismatch, so upload again
        }
        long len = Long.parseLong(m.group(1));
        return len < 0 ? Optional.empty() : Optional.of(new Check(len, Long.parseLong(m.group(2))));
    }

    /**
     * Defines the helpers; a damaged definition raises (SyntaxError...) or is caught by the checks
     * that use it. A MemoryError is no damage: leftovers of earlier work (a source whose end was lost
     * keeps growing on the board) fill the heap, and re-sending cannot help; a soft reset frees it,
     * once (it also clears the REPL's globals, which a caller in that state has lost anyway).
     */
    private void defineHelpers(Deadline deadline) {
        boolean freshHeapTried = false;
        for (int i = 0; i < HELPERS.size(); i++) {
            for (int attempt = 1; ; attempt++) {
                ExecResult r = repl.exec(HELPERS.get(i), step(deadline));
                if (r.ok()) {
                    break;
                }
                boolean heapFull = r.error().map(BoardError::isMemoryError).orElse(false);
                if (heapFull && !freshHeapTried) {
                    freshHeapTried = true;
                    repl.softReset(step(deadline));
                    i = -1; // the reset forgot the helpers defined so far: all of them again
                    break;
                }
                if (attempt >= HELPER_ATTEMPTS || heapFull) {
                    throw new DamagedLink(heapFull
                            ? "the board has no heap left for the upload helpers (MemoryError), even after a soft reset"
                            : "the upload helpers arrived damaged " + attempt + " times in a row ("
                                    + r.error().map(BoardError::type).orElse("?") + ")", "");
                }
            }
        }
    }

    private static Deadline step(Deadline overall) {
        return overall.atMost(STEP_WAIT);
    }

    private static void checkName(String name) {
        if (!name.matches("[A-Za-z0-9_.-]{1,30}")) {
            throw new IllegalArgumentException("board file name must be 1-30 of [A-Za-z0-9_.-]: " + name);
        }
    }

    /** Adler-32, as the board computes it. */
    public static long adler32(byte[] data) {
        long a = 1;
        long b = 0;
        for (byte x : data) {
            a = (a + (x & 0xff)) % 65521;
            b = (b + a) % 65521;
        }
        return b * 65536 + a;
    }

    /** A Python bytes literal: printable ASCII as is, everything else (control bytes too) escaped. */
    static String pyBytes(byte[] data) {
        StringBuilder sb = new StringBuilder(data.length + 8).append("b'");
        for (byte x : data) {
            int c = x & 0xff;
            if (c == '\\' || c == '\'') {
                sb.append('\\').append((char) c);
            } else if (c >= 0x20 && c < 0x7f) {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        return sb.append('\'').toString();
    }
}
