package org.benchrig.selfbench;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.benchrig.board.Board;
import org.benchrig.board.ExecResult;
import org.benchrig.board.ReplFailure;
import org.benchrig.board.VerifiedUpload;
import org.benchrig.stats.Summary;
import org.benchrig.time.Deadline;

/**
 * {@code selfbench link}: benchrig's way of talking to a board against the stock way of
 * MicroPython's own host tools ({@link StockTransfer}), on the same board, link and run, each pair
 * of measurements interleaved so both see the same host load.
 */
public final class LinkBench {
    /** Board file names used by this benchmark; removed before and after. */
    static final String OURS_FILE = "sb_ours.py";
    static final String STOCK_FILE = "sb_stock.py";
    /** Generous bounds: these execs take tens of milliseconds; a wait this long means trouble. */
    private static final Duration EXEC_WAIT = Duration.ofSeconds(10);
    private static final Duration UPLOAD_WAIT = Duration.ofMinutes(2);
    private static final Duration REENTER_WAIT = Duration.ofSeconds(6);
    private static final Duration RECOVERY_WAIT = Duration.ofSeconds(25);
    private static final int PROGRESS_EVERY = 20;

    /**
     * @param rttRuns        (a) tiny execs per way
     * @param uploadRuns     (b) module uploads per way
     * @param moduleBytes    (b) size of the uploaded module
     * @param transferRuns   (c) transfers of the self-checking script, benchrig's way
     * @param stockTransfers (c) the same, the stock way
     * @param scriptBytes    (c) size of the self-checking script
     * @param repRuns        (d) repetitions per way
     * @param verifiedRuns   (c) the same script by verified upload, then run from the board's flash
     */
    public record Settings(int rttRuns, int uploadRuns, int moduleBytes, int transferRuns, int stockTransfers,
                           int scriptBytes, int repRuns, int verifiedRuns) {
    }

    /** One line of the result table; ratio is benchrig / stock. */
    public record Row(String measurement, String n, String benchrig, String stock, String ratio) {
    }

    public record Report(List<Row> rows, List<String> notes) {
    }

    /** A benchmark module from firmware-scripts/benchmarks, with its file name and tier. */
    public record Benchmark(String name, String source, String tier) {
    }

    private final Board board;
    private final StockTransfer stock;
    private final PrintWriter progress;
    private int reentered;
    private String lastStdout = "";
    private String lastError = "";
    private int hardResets;
    private final List<String> notes = new ArrayList<>();

    public LinkBench(Board board, PrintWriter progress) {
        this.board = board;
        this.stock = new StockTransfer(() -> board.link().orElseThrow(
                () -> new IllegalStateException("board " + board.id() + " has no open link")));
        this.progress = progress;
    }

    public Report run(Settings s, Benchmark bench) {
        List<Row> rows = new ArrayList<>();
        // the first exec probes raw-paste (0x05 'A' 0x01); do it before any stock exec
        board.exec("print(0)", Deadline.in(EXEC_WAIT));
        removeFiles(OURS_FILE, STOCK_FILE, bench.name() + ".py");
        rows.add(roundTrip(s.rttRuns()));
        rows.add(upload(s.uploadRuns(), s.moduleBytes()));
        rows.add(transfers(s.transferRuns(), s.stockTransfers(), s.scriptBytes()));
        if (s.verifiedRuns() > 0) {
            rows.add(verifiedTransfers(s.verifiedRuns(), s.scriptBytes()));
        }
        rows.addAll(repetitions(s.repRuns(), bench));
        removeFiles(OURS_FILE, STOCK_FILE, bench.name() + ".py");
        notes.add("Stock runs that left the board without its prompt: " + (reentered + hardResets)
                + " (raw REPL re-entered with Ctrl-C/Ctrl-B/Ctrl-A: " + reentered
                + "; hard reset needed: " + hardResets + ").");
        return new Report(rows, notes);
    }

    // (a) ------------------------------------------------------------------------------------
    private Row roundTrip(int runs) {
        phase("(a) round trip of print(1), " + runs + " runs each way");
        double[] ours = new double[runs];
        double[] theirs = new double[runs];
        int oursWrong = 0;
        int stockWrong = 0;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            ExecResult r = board.exec("print(1)", Deadline.in(EXEC_WAIT));
            ours[i] = ms(System.nanoTime() - t0);
            if (!r.ok() || !r.stdout().equals("1\n")) {
                oursWrong++;
            }
            StockTransfer.Result st = stockExec("print(1)");
            theirs[i] = ms(st.elapsed().toNanos());
            if (Verdict.judge("1\n", st.answered(), st.stdout(), st.errorText()).corrupted()) {
                stockWrong++;
            }
            tick(i, runs);
        }
        if (oursWrong + stockWrong > 0) {
            notes.add("(a) wrong answers to print(1): benchrig " + oursWrong + ", stock " + stockWrong + ".");
        }
        Summary a = Summary.of(ours);
        Summary b = Summary.of(theirs);
        return new Row("(a) round trip of `print(1)`, persistent session", runs + " + " + runs,
                String.format(Locale.ROOT, "median %.1f ms, p90 %.1f ms", a.median(), p90(ours)),
                String.format(Locale.ROOT, "median %.1f ms, p90 %.1f ms", b.median(), p90(theirs)),
                ratio(a.median(), b.median()));
    }

    // (b) ------------------------------------------------------------------------------------
    private Row upload(int runs, int moduleBytes) {
        phase("(b) upload of a " + moduleBytes + "-byte module, " + runs + " runs each way");
        byte[] module = ModuleText.ofSize(moduleBytes);
        long expected = VerifiedUpload.adler32(module);
        double[] ours = new double[runs];
        double[] theirs = new double[runs];
        int theirsDone = 0;
        int oursCorrect = 0;
        int piecesResent = 0;
        int stockCorrect = 0;
        int stockSilent = 0;
        int stockError = 0;
        int stockNoAnswer = 0;
        int oursFailed = 0;
        for (int i = 0; i < runs; i++) {
            try {
                VerifiedUpload.Report r = board.upload(OURS_FILE, module, Deadline.in(UPLOAD_WAIT));
                ours[i] = moduleBytes / (r.elapsed().toNanos() / 1e9);
                piecesResent += r.pieceRetries() + r.fileRetries();
                if (boardFile(OURS_FILE).equals(moduleBytes + "|" + expected)) {
                    oursCorrect++;
                }
            } catch (RuntimeException e) {
                oursFailed++;
                notes.add("(b) benchrig upload failed: " + e.getMessage());
                bringBack();
            }
            removeFiles(OURS_FILE);

            long t0 = System.nanoTime();
            String outcome = stockUpload(module);
            double secs = (System.nanoTime() - t0) / 1e9;
            switch (outcome) {
                case "done" -> {
                    theirs[theirsDone++] = moduleBytes / secs;
                    if (boardFile(STOCK_FILE).equals(moduleBytes + "|" + expected)) {
                        stockCorrect++;
                    } else {
                        stockSilent++;
                    }
                }
                case "error" -> stockError++;
                default -> stockNoAnswer++;
            }
            closeAndRemove(STOCK_FILE);
            progress.printf("  upload %d/%d: benchrig %s, stock %s%n", i + 1, runs,
                    ours[i] > 0 ? String.format(Locale.ROOT, "%.0f B/s", ours[i]) : "failed", outcome);
            progress.flush();
        }
        double[] done = Arrays.copyOf(theirs, theirsDone);
        double oursMedian = Summary.of(ours).median();
        double stockMedian = Summary.of(done).median();
        String stockText = (theirsDone == 0 ? "no transfer ran to its end"
                : String.format(Locale.ROOT, "median %,.0f B/s (of %d that ran to the end)", stockMedian, theirsDone))
                + "; correct files " + stockCorrect + "/" + runs + ", silently corrupted " + stockSilent
                + ", stopped by a board error " + stockError + ", no answer " + stockNoAnswer;
        return new Row("(b) upload of a " + moduleBytes + " B module, then checked on the board", runs + " + " + runs,
                String.format(Locale.ROOT, "median %,.0f B/s; correct files %d/%d; pieces resent %d; failed %d",
                        oursMedian, oursCorrect, runs, piecesResent, oursFailed),
                stockText, theirsDone == 0 ? "-" : ratio(oursMedian, stockMedian) + " (throughput)");
    }

    /** mpremote's old {@code fs put}: open, then {@code w(<repr of 256 bytes>)} per chunk, then close. */
    private String stockUpload(byte[] module) {
        List<String> execs = new ArrayList<>();
        execs.add("f=open('" + STOCK_FILE + "','wb')\nw=f.write");
        for (int off = 0; off < module.length; off += StockTransfer.CHUNK_BYTES) {
            execs.add("w(" + StockTransfer.pyRepr(Arrays.copyOfRange(module, off,
                    Math.min(module.length, off + StockTransfer.CHUNK_BYTES))) + ")");
        }
        execs.add("f.close()");
        for (String e : execs) {
            StockTransfer.Result r = stockExec(e);
            if (!r.answered()) {
                return "no answer";
            }
            if (r.raised()) { // pyboard.py raises PyboardError here and the tool stops
                return "error";
            }
        }
        return "done";
    }

    // (c) ------------------------------------------------------------------------------------
    private Row transfers(int runs, int stockRuns, int scriptBytes) {
        SelfCheckScript script = SelfCheckScript.ofSize(scriptBytes);
        phase("(c) transfers of a " + script.bytes() + "-byte self-checking script: " + runs + " benchrig, "
                + stockRuns + " stock");
        softReset();
        Map<String, Integer> oursKinds = new TreeMap<>();
        Map<String, Integer> stockKinds = new TreeMap<>();
        int oursBad = 0;
        int stockBad = 0;
        for (int i = 0; i < Math.max(runs, stockRuns); i++) {
            if (i < runs) {
                Verdict v;
                String kind;
                try {
                    ExecResult r = board.execChecked(script.source(), "<stdin>", 0, Deadline.in(EXEC_WAIT)).result()
                            .orElseThrow(() -> new ReplFailure(org.benchrig.result.FailureClass.INFRASTRUCTURE, false,
                                    "output arrived damaged", ""));
                    String err = r.error().map(e -> e.text()).orElse("");
                    lastStdout = r.stdout();
                    lastError = err;
                    v = Verdict.judge(script.expectedStdout(), true, r.stdout(), err);
                    kind = r.error().map(e -> e.type()).orElse(v.name());
                } catch (ReplFailure f) {
                    lastStdout = "";
                    lastError = f.getMessage();
                    v = Verdict.NO_ANSWER;
                    kind = "NO_ANSWER";
                }
                if (v.corrupted()) {
                    sample("(c)", "benchrig", lastStdout, lastError);
                    oursBad++;
                    oursKinds.merge(kind, 1, Integer::sum);
                }
            }
            if (i < stockRuns) {
                StockTransfer.Result r = stockExec(script.source());
                Verdict v = Verdict.judge(script.expectedStdout(), r.answered(), r.stdout(), r.errorText());
                if (v.corrupted()) {
                    sample("(c)", "stock", r.stdout(), r.errorText());
                    stockBad++;
                    stockKinds.merge(v == Verdict.RAISED ? errorType(r.errorText()) : v.name(), 1, Integer::sum);
                }
            }
            if ((i + 1) % PROGRESS_EVERY == 0) {
                progress.printf("  %d runs: corrupted benchrig %d, stock %d%n", i + 1, oursBad, stockBad);
                progress.flush();
            }
        }
        return new Row("(c) corrupted transfers of a " + script.bytes() + " B self-checking script",
                runs + " + " + stockRuns,
                percent(oursBad, runs) + kinds(oursKinds),
                percent(stockBad, stockRuns) + kinds(stockKinds), "-");
    }

    /** (c) again, benchrig's verified way: upload the script (checked), then import it from flash. */
    private Row verifiedTransfers(int runs, int scriptBytes) {
        SelfCheckScript script = SelfCheckScript.ofSize(scriptBytes);
        phase("(c) the same script by verified upload, soft reset, import: " + runs + " runs");
        softReset();
        byte[] bytes = script.source().getBytes(StandardCharsets.UTF_8);
        int bad = 0;
        int resent = 0;
        double[] wall = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            Verdict v;
            try {
                VerifiedUpload.Report up = board.upload(OURS_FILE, bytes, Deadline.in(UPLOAD_WAIT));
                resent += up.pieceRetries() + up.fileRetries();
                // a soft reset forgets the previous import (1.9.2 has no sys.modules to drop it from)
                softReset();
                ExecResult r = board.exec("import " + OURS_FILE.replace(".py", ""), Deadline.in(EXEC_WAIT));
                v = Verdict.judge(script.expectedStdout(), true, r.stdout(), r.error().map(e -> e.text()).orElse(""));
                if (v.corrupted()) {
                    sample("(c) verified", "benchrig", r.stdout(), r.error().map(e -> e.text()).orElse(""));
                }
            } catch (RuntimeException e) {
                v = Verdict.NO_ANSWER;
                sample("(c) verified", "benchrig", "", e.getMessage());
                bringBack();
            }
            wall[i] = ms(System.nanoTime() - t0);
            if (v.corrupted()) {
                bad++;
            }
            tick(i, runs);
        }
        removeFiles(OURS_FILE);
        return new Row("(c) the same script by verified upload + soft reset + `import` (no stock counterpart)",
                runs + " + 0", percent(bad, runs) + String.format(Locale.ROOT,
                "; pieces resent %d; median %.0f ms per transfer", resent, Summary.of(wall).median()), "-", "-");
    }

    // (d) ------------------------------------------------------------------------------------
    private List<Row> repetitions(int runs, Benchmark bench) {
        String mod = bench.name();
        String tier = bench.tier();
        phase("(d) one repetition of " + mod + " (tier " + tier + "), " + runs + " runs each way");
        softReset();
        board.ensureFile(mod + ".py", bench.source().getBytes(StandardCharsets.UTF_8), Deadline.in(UPLOAD_WAIT));
        // the same timed line both ways; the board's ticks are virtual time under QEMU's -icount, so
        // only the host's wall clock is compared here
        String timed = "t=time.ticks_us();r=%s;d=time.ticks_diff(time.ticks_us(),t)\nprint('@R|%%d|%%d|'%%(r==%s,d))";
        String oursCall = String.format(timed, mod + ".bench(*" + mod + ".TIERS['" + tier + "'])",
                mod + ".EXPECT['" + tier + "']");
        String stockScript = bench.source() + "\nimport time\n"
                + String.format(timed, "bench(*TIERS['" + tier + "'])", "EXPECT['" + tier + "']");
        // delivery only: the same two ways, with the benchmark call left out
        String oursEmpty = "print('@R|%d|0|'%(" + mod + ".NAME=='" + mod + "'))";
        String stockEmpty = bench.source() + "\nprint('@R|%d|0|'%(NAME=='" + mod + "'))";
        int resetsBefore = -1;
        Sample ours = new Sample(runs);
        Sample stockRun = new Sample(runs);
        Sample oursDelivery = new Sample(runs);
        Sample stockDelivery = new Sample(runs);
        for (int i = 0; i < runs; i++) {
            if (resetsBefore != hardResets) { // a hard reset forgets the import
                importForRepetitions(mod);
                resetsBefore = hardResets;
            }
            oursRep(oursCall, ours);
            stockRep(stockScript, stockRun);
            oursRep(oursEmpty, oursDelivery);
            stockRep(stockEmpty, stockDelivery);
            tick(i, runs);
        }
        int bytes = stockScript.getBytes(StandardCharsets.UTF_8).length;
        String n = runs + " + " + runs;
        notes.add("(d) stock = the benchmark's whole source plus the timed call (" + bytes + " B), re-sent and "
                + "compiled for every repetition, as MicroPython's perf runner does; benchrig = `"
                + oursCall.replace("\n", "; ") + "` after one verified upload and `import`. 'Delivery only' is "
                + "the same with the benchmark call left out: what each way costs per repetition beyond the "
                + "benchmark itself. Wall times on the host; a repetition whose answer was not ok "
                + "(lost bytes) is left out of the median and counted.");
        return List.of(
                new Row("(d) one repetition of " + mod + " '" + tier + "' (wall time)", n, ours.text(),
                        stockRun.text(), ratio(ours.median(), stockRun.median())),
                new Row("(d) per-repetition delivery only (no benchmark call)", n, oursDelivery.text(),
                        stockDelivery.text(), ratio(oursDelivery.median(), stockDelivery.median())));
    }

    /**
     * Imports the benchmark into the REPL's globals (execOwn would run it in a namespace of its own).
     * A byte lost from this tiny call shows as an exception: it is sent again, up to IMPORT_ATTEMPTS.
     */
    private void importForRepetitions(String mod) {
        for (int attempt = 1; ; attempt++) {
            ExecResult r = board.exec("import time," + mod, Deadline.in(EXEC_WAIT));
            if (r.ok() || attempt >= IMPORT_ATTEMPTS) {
                r.stdoutOrThrow();
                return;
            }
        }
    }

    /** Tries of the repetitions' import: a line this short is rarely damaged twice in a row. */
    private static final int IMPORT_ATTEMPTS = 3;

    private void oursRep(String call, Sample into) {
        long t0 = System.nanoTime();
        ExecResult r = board.exec(call, Deadline.in(EXEC_WAIT));
        double wall = ms(System.nanoTime() - t0);
        long[] f = frame(r.ok() ? r.stdout() : "");
        into.add(wall, f != null && f[0] == 1);
    }

    private void stockRep(String script, Sample into) {
        StockTransfer.Result st = stockExec(script);
        long[] g = st.answered() && !st.raised() ? frame(st.stdout()) : null;
        boolean ok = g != null && g[0] == 1;
        if (!ok) {
            sample("(d)", "stock", st.stdout(), st.errorText());
        }
        into.add(ms(st.elapsed().toNanos()), ok);
    }

    /** Wall times of the repetitions whose answers were right, and a count of the others. */
    private static final class Sample {
        private final double[] values;
        private int count;
        private int bad;

        Sample(int capacity) {
            values = new double[capacity];
        }

        void add(double wallMs, boolean ok) {
            if (ok) {
                values[count++] = wallMs;
            } else {
                bad++;
            }
        }

        double median() {
            return Summary.of(Arrays.copyOf(values, count)).median();
        }

        String text() {
            return count == 0 ? "no repetition ok; " + bad + " not ok"
                    : String.format(Locale.ROOT, "median %.1f ms, p90 %.1f ms (%d ok, %d not ok)", median(),
                    p90(Arrays.copyOf(values, count)), count, bad);
        }
    }

    /** Parses "@R|ok|us|" into {ok, us}, or null. */
    static long[] frame(String stdout) {
        int at = stdout.indexOf("@R|");
        if (at < 0) {
            return null;
        }
        String[] f = stdout.substring(at + 3).split("\\|");
        try {
            return new long[] {Long.parseLong(f[0].strip()), Long.parseLong(f[1].strip())};
        } catch (RuntimeException e) {
            return null;
        }
    }

    // helpers --------------------------------------------------------------------------------

    /** A stock exec; when it leaves the board without its prompt, the board is brought back. */
    private StockTransfer.Result stockExec(String source) {
        StockTransfer.Result r = stock.exec(source, Deadline.in(EXEC_WAIT));
        if (!r.answered()) {
            bringBack();
        }
        return r;
    }

    /** Re-enter raw REPL (Ctrl-C, Ctrl-B, Ctrl-A); a board that does not answer is hard-reset. */
    private void bringBack() {
        try {
            board.repl().enterRaw(Deadline.in(REENTER_WAIT));
            reentered++;
        } catch (ReplFailure hung) {
            board.recover(Deadline.in(RECOVERY_WAIT));
            hardResets++;
        }
    }

    /** Keeps the first corrupted answer of a phase as an example for the notes. */
    private void sample(String phase, String way, String stdout, String errorText) {
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

    private void softReset() {
        board.softReset(Deadline.in(EXEC_WAIT));
    }

    /** "length|adler32" of a board file as the board reads it, via benchrig's paced exec. */
    private String boardFile(String name) {
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
            ExecResult r = board.exec(check, Deadline.in(EXEC_WAIT));
            int at = r.stdout().indexOf("@F|");
            if (r.ok() && at >= 0) {
                String[] f = r.stdout().substring(at + 3).split("\\|");
                return f[0] + "|" + f[1];
            }
        }
        throw new IllegalStateException("could not read back " + name + " on board " + board.id());
    }

    private void closeAndRemove(String name) {
        board.exec("try:\n f.close()\nexcept:\n pass", Deadline.in(EXEC_WAIT));
        removeFiles(name);
    }

    private void removeFiles(String... names) {
        StringBuilder src = new StringBuilder("import os\nfor n in (");
        for (String n : names) {
            src.append('\'').append(n).append("',");
        }
        src.append("):\n try:os.remove(n)\n except OSError:pass");
        board.exec(src.toString(), Deadline.in(EXEC_WAIT)).stdoutOrThrow();
    }

    private void phase(String what) {
        progress.println("selfbench link: " + what);
        progress.flush();
    }

    private void tick(int i, int runs) {
        if ((i + 1) % PROGRESS_EVERY == 0 || i + 1 == runs) {
            progress.printf("  %d/%d%n", i + 1, runs);
            progress.flush();
        }
    }

    private static String errorType(String errorText) {
        return org.benchrig.board.BoardError.parse(errorText).type();
    }

    private static String kinds(Map<String, Integer> kinds) {
        if (kinds.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(" (");
        kinds.forEach((k, v) -> sb.append(sb.length() > 2 ? ", " : "").append(k).append(' ').append(v));
        return sb.append(')').toString();
    }

    static String percent(int bad, int runs) {
        return String.format(Locale.ROOT, "%d/%d (%.1f%%)", bad, runs, runs == 0 ? 0.0 : 100.0 * bad / runs);
    }

    static String ratio(double ours, double stock) {
        if (!Double.isFinite(ours) || !Double.isFinite(stock) || stock == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2f", ours / stock);
    }

    static double p90(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return Summary.quantileSorted(s, 0.9);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
