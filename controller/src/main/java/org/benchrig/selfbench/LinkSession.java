package org.benchrig.selfbench;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.benchrig.board.Board;
import org.benchrig.board.ExecResult;
import org.benchrig.board.ReplFailure;
import org.benchrig.time.Deadline;

/**
 * The board {@code selfbench link} measures, reached both ways over its one open link: benchrig's
 * ({@link Board}) and the stock tools' ({@link StockTransfer}); brings the board back after a stock
 * exec that left it without its prompt, and keeps the notes and progress lines of the run.
 */
final class LinkSession {
    /** Generous bounds: these execs take tens of milliseconds; a wait this long means trouble. */
    static final Duration EXEC_WAIT = Duration.ofSeconds(10);
    static final Duration UPLOAD_WAIT = Duration.ofMinutes(2);
    private static final Duration REENTER_WAIT = Duration.ofSeconds(6);
    private static final Duration RECOVERY_WAIT = Duration.ofSeconds(25);
    static final int PROGRESS_EVERY = 20;

    final Board board;
    private final StockTransfer stock;
    private final PrintWriter progress;
    private final List<String> notes = new ArrayList<>();
    private int reentered;
    private int hardResets;

    LinkSession(Board board, PrintWriter progress) {
        this.board = board;
        this.stock = new StockTransfer(() -> board.link().orElseThrow(
                () -> new IllegalStateException("board " + board.id() + " has no open link")));
        this.progress = progress;
    }

    /** benchrig's exec with the generous bound. */
    ExecResult exec(String source) {
        return board.exec(source, Deadline.in(EXEC_WAIT));
    }

    /** A stock exec; when it leaves the board without its prompt, the board is brought back. */
    StockTransfer.Result stockExec(String source) {
        StockTransfer.Result r = stock.exec(source, Deadline.in(EXEC_WAIT));
        if (!r.answered()) {
            bringBack();
        }
        return r;
    }

    /** Re-enter raw REPL (Ctrl-C, Ctrl-B, Ctrl-A); a board that does not answer is hard-reset. */
    void bringBack() {
        try {
            board.repl().enterRaw(Deadline.in(REENTER_WAIT));
            reentered++;
        } catch (ReplFailure hung) {
            board.recover(Deadline.in(RECOVERY_WAIT));
            hardResets++;
        }
    }

    /** How many times a hard reset was needed so far (a hard reset forgets the REPL's imports). */
    int hardResets() {
        return hardResets;
    }

    void softReset() {
        board.softReset(Deadline.in(EXEC_WAIT));
    }

    void note(String text) {
        notes.add(text);
    }

    /** The notes, the last one counting the stock runs that left the board without its prompt. */
    List<String> notes() {
        List<String> all = new ArrayList<>(notes);
        all.add("Stock runs that left the board without its prompt: " + (reentered + hardResets)
                + " (raw REPL re-entered with Ctrl-C/Ctrl-B/Ctrl-A: " + reentered
                + "; hard reset needed: " + hardResets + ").");
        return all;
    }

    /** Keeps the first corrupted answer of a phase as an example for the notes. */
    void sample(String phase, String way, String stdout, String errorText) {
        String key = phase + " " + way;
        if (notes.stream().noneMatch(n -> n.startsWith(key))) {
            String err = errorText == null || errorText.isBlank() ? "" : BoardErrorText.lastLine(errorText);
            notes.add(key + ", first corrupted answer: stdout `" + shorten(stdout) + "`"
                    + (err.isEmpty() ? "" : ", exception `" + shorten(err) + "`") + ".");
        }
    }

    private static String shorten(String s) {
        String t = s.strip().replace("\n", " / ").replace("`", "'").replace("|", "/");
        return t.length() > 70 ? t.substring(0, 70) + "..." : t;
    }

    /** "length|adler32" of a board file as the board reads it, via benchrig's paced exec. */
    String boardFile(String name) {
        String check = String.join("\n",
                "a=1;b=0;s=0",
                "try:",
                " f=open('" + name + "','rb')",
                " while 1:",
                "  d=f.read(64)",
                "  if not d:break",
                "  s+=len(d)",
                "  for x in d:",
                "   a=(a+x)%65521;b=(b+a)%65521",
                " f.close()",
                "except OSError:s=-1",
                "print('@F|%d|%d|'%(s,b*65536+a))",
                "");
        for (int attempt = 0; attempt < 3; attempt++) {
            ExecResult r = exec(check);
            int at = r.stdout().indexOf("@F|");
            if (r.ok() && at >= 0) {
                String[] f = r.stdout().substring(at + 3).split("\\|");
                return f[0] + "|" + f[1];
            }
        }
        throw new IllegalStateException("could not read back " + name + " on board " + board.id());
    }

    void closeAndRemove(String name) {
        exec("try:\n f.close()\nexcept:\n pass");
        removeFiles(name);
    }

    /**
     * Housekeeping between the cases, checksummed and re-sent when damaged: under host load a byte of
     * it can be lost like any other (it once failed a run with a SyntaxError).
     */
    void removeFiles(String... names) {
        StringBuilder src = new StringBuilder("import os\nfor n in (");
        for (String n : names) {
            src.append('\'').append(n).append("',");
        }
        src.append("):\n try:os.remove(n)\n except OSError:pass");
        board.execOwn(src.toString(), Deadline.in(EXEC_WAIT)).stdoutOrThrow();
    }

    void phase(String what) {
        progress.println("selfbench link: " + what);
        progress.flush();
    }

    void progress(String line) {
        progress.println(line);
        progress.flush();
    }

    void tick(int i, int runs) {
        if ((i + 1) % PROGRESS_EVERY == 0 || i + 1 == runs) {
            progress("  " + (i + 1) + "/" + runs);
        }
    }
}
