package org.benchrig.selfbench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.benchrig.board.VerifiedUpload;
import org.benchrig.stats.Summary;
import org.benchrig.time.Deadline;

/**
 * {@code selfbench link} (b): a module uploaded both ways in turn, then read back on the board to
 * count the files that arrived silently corrupted.
 */
final class UploadCase {
    private UploadCase() {
    }

    static LinkBench.Row run(LinkSession s, int runs, int moduleBytes) {
        s.phase("(b) upload of a " + moduleBytes + "-byte module, " + runs + " runs each way");
        byte[] module = ModuleText.ofSize(moduleBytes);
        String expected = moduleBytes + "|" + VerifiedUpload.adler32(module);
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
                VerifiedUpload.Report r = s.board.upload(LinkBench.OURS_FILE, module, Deadline.in(LinkSession.UPLOAD_WAIT));
                ours[i] = moduleBytes / (r.elapsed().toNanos() / 1e9);
                piecesResent += r.pieceRetries() + r.fileRetries();
                if (s.boardFile(LinkBench.OURS_FILE).equals(expected)) {
                    oursCorrect++;
                }
            } catch (RuntimeException e) {
                oursFailed++;
                s.note("(b) benchrig upload failed: " + e.getMessage());
                s.bringBack();
            }
            s.removeFiles(LinkBench.OURS_FILE);

            long t0 = System.nanoTime();
            String outcome = stockUpload(s, module);
            double secs = (System.nanoTime() - t0) / 1e9;
            switch (outcome) {
                case "done" -> {
                    theirs[theirsDone++] = moduleBytes / secs;
                    if (s.boardFile(LinkBench.STOCK_FILE).equals(expected)) {
                        stockCorrect++;
                    } else {
                        stockSilent++;
                    }
                }
                case "error" -> stockError++;
                default -> stockNoAnswer++;
            }
            s.closeAndRemove(LinkBench.STOCK_FILE);
            s.progress(String.format(Locale.ROOT, "  upload %d/%d: benchrig %s, stock %s", i + 1, runs,
                    ours[i] > 0 ? String.format(Locale.ROOT, "%.0f B/s", ours[i]) : "failed", outcome));
        }
        double[] done = Arrays.copyOf(theirs, theirsDone);
        double oursMedian = Summary.of(ours).median();
        double stockMedian = Summary.of(done).median();
        String stockText = (theirsDone == 0 ? "no transfer ran to its end"
                : String.format(Locale.ROOT, "median %,.0f B/s (of %d that ran to the end)", stockMedian, theirsDone))
                + "; correct files " + stockCorrect + "/" + runs + ", silently corrupted " + stockSilent
                + ", stopped by a board error " + stockError + ", no answer " + stockNoAnswer;
        return new LinkBench.Row("(b) upload of a " + moduleBytes + " B module, then checked on the board", runs + " + " + runs,
                String.format(Locale.ROOT, "median %,.0f B/s; correct files %d/%d; pieces resent %d; failed %d",
                        oursMedian, oursCorrect, runs, piecesResent, oursFailed),
                stockText, theirsDone == 0 ? "-" : LinkFigures.ratio(oursMedian, stockMedian) + " (throughput)");
    }

    /** mpremote's old {@code fs put}: open, then {@code w(<repr of 256 bytes>)} per chunk, then close. */
    private static String stockUpload(LinkSession s, byte[] module) {
        List<String> execs = new ArrayList<>();
        execs.add("f=open('" + LinkBench.STOCK_FILE + "','wb')\nw=f.write");
        for (int off = 0; off < module.length; off += StockTransfer.CHUNK_BYTES) {
            execs.add("w(" + StockTransfer.pyRepr(Arrays.copyOfRange(module, off,
                    Math.min(module.length, off + StockTransfer.CHUNK_BYTES))) + ")");
        }
        execs.add("f.close()");
        for (String e : execs) {
            StockTransfer.Result r = s.stockExec(e);
            if (!r.answered()) {
                return "no answer";
            }
            if (r.raised()) { // pyboard.py raises PyboardError here and the tool stops
                return "error";
            }
        }
        return "done";
    }
}
