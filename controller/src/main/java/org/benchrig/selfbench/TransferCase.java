package org.benchrig.selfbench;

import static org.benchrig.selfbench.LinkFigures.percent;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.benchrig.board.BoardError;
import org.benchrig.board.ExecResult;
import org.benchrig.board.ReplFailure;
import org.benchrig.board.VerifiedUpload;
import org.benchrig.result.FailureClass;
import org.benchrig.stats.Summary;
import org.benchrig.time.Deadline;

/**
 * {@code selfbench link} (c): a self-checking script sent both ways in turn, counting the
 * transfers that did not run as sent; and the same script by benchrig's verified upload.
 */
final class TransferCase {
    private TransferCase() {
    }

    static LinkBench.Row run(LinkSession s, int runs, int stockRuns, int scriptBytes) {
        SelfCheckScript script = SelfCheckScript.ofSize(scriptBytes);
        s.phase("(c) transfers of a " + script.bytes() + "-byte self-checking script: " + runs + " benchrig, "
                + stockRuns + " stock");
        s.softReset();
        Map<String, Integer> oursKinds = new TreeMap<>();
        Map<String, Integer> stockKinds = new TreeMap<>();
        int oursBad = 0;
        int stockBad = 0;
        for (int i = 0; i < Math.max(runs, stockRuns); i++) {
            if (i < runs) {
                String kind = oursKind(s, script);
                if (kind != null) {
                    oursBad++;
                    oursKinds.merge(kind, 1, Integer::sum);
                }
            }
            if (i < stockRuns) {
                StockTransfer.Result r = s.stockExec(script.source());
                Verdict v = Verdict.judge(script.expectedStdout(), r.answered(), r.stdout(), r.errorText());
                if (v.corrupted()) {
                    s.sample("(c)", "stock", r.stdout(), r.errorText());
                    stockBad++;
                    stockKinds.merge(v == Verdict.RAISED ? BoardError.parse(r.errorText()).type() : v.name(), 1, Integer::sum);
                }
            }
            if ((i + 1) % LinkSession.PROGRESS_EVERY == 0) {
                s.progress("  " + (i + 1) + " runs: corrupted benchrig " + oursBad + ", stock " + stockBad);
            }
        }
        return new LinkBench.Row("(c) corrupted transfers of a " + script.bytes() + " B self-checking script",
                runs + " + " + stockRuns,
                percent(oursBad, runs) + LinkFigures.kinds(oursKinds),
                percent(stockBad, stockRuns) + LinkFigures.kinds(stockKinds), "-");
    }

    /** One transfer benchrig's way ({@code Board.execChecked}); the kind of corruption, or null when it ran as sent. */
    private static String oursKind(LinkSession s, SelfCheckScript script) {
        String stdout;
        String err;
        Verdict v;
        String kind;
        try {
            ExecResult r = s.board.execChecked(script.source(), "<stdin>", 0, Deadline.in(LinkSession.EXEC_WAIT)).result()
                    .orElseThrow(() -> new ReplFailure(FailureClass.INFRASTRUCTURE, false, "output arrived damaged", ""));
            stdout = r.stdout();
            err = r.error().map(e -> e.text()).orElse("");
            v = Verdict.judge(script.expectedStdout(), true, stdout, err);
            kind = r.error().map(e -> e.type()).orElse(v.name());
        } catch (ReplFailure f) {
            stdout = "";
            err = f.getMessage();
            v = Verdict.NO_ANSWER;
            kind = "NO_ANSWER";
        }
        if (!v.corrupted()) {
            return null;
        }
        s.sample("(c)", "benchrig", stdout, err);
        return kind;
    }

    /** (c) again, benchrig's verified way: upload the script (checked), then import it from flash. */
    static LinkBench.Row verified(LinkSession s, int runs, int scriptBytes) {
        SelfCheckScript script = SelfCheckScript.ofSize(scriptBytes);
        s.phase("(c) the same script by verified upload, soft reset, import: " + runs + " runs");
        s.softReset();
        byte[] bytes = script.source().getBytes(StandardCharsets.UTF_8);
        int bad = 0;
        int resent = 0;
        double[] wall = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            Verdict v;
            try {
                VerifiedUpload.Report up = s.board.upload(LinkBench.OURS_FILE, bytes, Deadline.in(LinkSession.UPLOAD_WAIT));
                resent += up.pieceRetries() + up.fileRetries();
                // a soft reset forgets the previous import (1.9.2 has no sys.modules to drop it from)
                s.softReset();
                ExecResult r = s.exec("import " + LinkBench.OURS_FILE.replace(".py", ""));
                v = Verdict.judge(script.expectedStdout(), true, r.stdout(), r.error().map(e -> e.text()).orElse(""));
                if (v.corrupted()) {
                    s.sample("(c) verified", "benchrig", r.stdout(), r.error().map(e -> e.text()).orElse(""));
                }
            } catch (RuntimeException e) {
                v = Verdict.NO_ANSWER;
                s.sample("(c) verified", "benchrig", "", e.getMessage());
                s.bringBack();
            }
            wall[i] = LinkFigures.ms(System.nanoTime() - t0);
            if (v.corrupted()) {
                bad++;
            }
            s.tick(i, runs);
        }
        s.removeFiles(LinkBench.OURS_FILE);
        return new LinkBench.Row("(c) the same script by verified upload + soft reset + `import` (no stock counterpart)",
                runs + " + 0", percent(bad, runs) + String.format(Locale.ROOT,
                "; pieces resent %d; median %.0f ms per transfer", resent, Summary.of(wall).median()), "-", "-");
    }
}
